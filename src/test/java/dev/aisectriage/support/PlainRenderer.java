package dev.aisectriage.support;

import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.catalogue.CommentRenderer;
import java.util.Locale;

/**
 * A small renderer standing in for the catalogue's: the verdict in one line (the maintainers' when they corrected it),
 * config errors in the footer.
 */
public final class PlainRenderer implements CommentRenderer {

    @Override
    public String triageComment(CommentContext c) {
        if (c.correction() != null && !c.correction().security()) {
            return CommentMarker.MARKER + "\nNot security-related, as the maintainers corrected #"
                    + c.correction().number();
        }
        return CommentMarker.MARKER + "\nLooks security-related: "
                + c.prediction().primaryTheme().title()
                + String.format(Locale.ROOT, " (%.2f)", c.prediction().securityProbability())
                + (c.configErrors().isEmpty() ? "" : "\nConfig errors: " + String.join("; ", c.configErrors()));
    }

    @Override
    public String explainComment(CommentContext c) {
        return CommentMarker.MARKER + "\nWhy: keywords " + c.prediction().keywords();
    }
}
