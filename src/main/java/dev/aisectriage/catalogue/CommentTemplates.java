package dev.aisectriage.catalogue;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The comment templates of {@code src/main/jte/comment/<flavour>/}, compiled to classes by the build (jte's Maven
 * plugin): nothing is read, compiled or fetched at run time.
 */
final class CommentTemplates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Plain);

    private CommentTemplates() {}

    /** Renders {@code comment/<flavour>/<name>.jte} with its one parameter. */
    static String render(Flavour flavour, String name, Object view) {
        StringOutput out = new StringOutput();
        ENGINE.render("comment/" + flavour.templates() + "/" + name + ".jte", view, out);
        return out.toString();
    }
}
