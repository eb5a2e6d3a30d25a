package dev.aisectriage.web;

import dev.aisectriage.catalogue.CommentMarker;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * The bot's Markdown comment as the dashboard shows it: rendered like GitHub would (the hidden marker left out) and
 * sanitised to a safelist, because comments quote what users wrote (config errors, commands).
 */
final class CommentHtml {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().sanitizeUrls(true).build();
    private static final Safelist SAFE = Safelist.basic()
            .addTags(
                    "h1", "h2", "h3", "h4", "details", "summary", "sub", "sup", "hr", "table", "thead", "tbody", "tr",
                    "th", "td")
            .addAttributes("a", "title")
            .addProtocols("a", "href", "http", "https", "mailto");

    private CommentHtml() {}

    static String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String visible = markdown.replace(CommentMarker.MARKER, "").replaceAll("(?s)<!--.*?-->", "");
        String html = RENDERER.render(PARSER.parse(visible));
        return Jsoup.clean(html, SAFE.preserveRelativeLinks(false));
    }
}
