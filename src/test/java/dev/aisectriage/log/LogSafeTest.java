package dev.aisectriage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void eachIsWrittenAsAnEscapeWhenMadeSafeGivenControlCharacters() {
        assertThat(LogSafe.text("opened\nforged\r\tx")).isEqualTo("opened\\nforged\\r\\tx");
        assertThat(LogSafe.text("re\u0000po\u001b[31m\u007f\u0085")).isEqualTo("re\\u0000po\\u001b[31m\\u007f\\u0085");
        assertThat(LogSafe.text("a\u2028b\u202Ec")).isEqualTo("a\\u2028b\\u202ec");
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }

    @Test
    void itIsUnchangedWhenMadeSafeGivenOrdinaryText() {
        String text = "example-ml/model-zoo#42 übersicht 日本語 😀 \"quoted\" \\ back";
        assertThat(LogSafe.text(text)).isSameAs(text);
    }

    @Test
    void itIsCutWithANoteWhenMadeSafeGivenAVeryLongValue() {
        assertThat(LogSafe.text("x".repeat(10_000)))
                .startsWith("x".repeat(LogSafe.MAX_CHARS))
                .endsWith("…(9500 more chars)")
                .hasSize(LogSafe.MAX_CHARS + "…(9500 more chars)".length());
    }

    @Test
    void itsTraceKeepsFramesAndCausesButNoForgedLineWhenMadeSafeGivenAnExceptionWhoseMessageHasALineBreak() {
        IllegalStateException cause = new IllegalStateException("inner\u0000\nFORGED inner");
        IllegalArgumentException e = new IllegalArgumentException("outer\nFORGED outer", cause);
        e.addSuppressed(new RuntimeException("suppressed\rFORGED"));

        Throwable safe = LogSafe.throwable(e);
        StringWriter out = new StringWriter();
        safe.printStackTrace(new PrintWriter(out));

        assertThat(out.toString().lines()).noneMatch(l -> l.startsWith("FORGED"));
        assertThat(out.toString())
                .startsWith("java.lang.IllegalArgumentException: outer\\nFORGED outer")
                .contains("Caused by: java.lang.IllegalStateException: inner\\u0000\\nFORGED inner")
                .contains("Suppressed: java.lang.RuntimeException: suppressed\\rFORGED")
                .contains("at dev.aisectriage.log.LogSafeTest.itsTraceKeepsFrames");
        assertThat(safe.getStackTrace()).isEqualTo(e.getStackTrace());
    }
}
