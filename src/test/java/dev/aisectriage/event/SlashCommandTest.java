package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SlashCommandTest {

    @Test
    void verbAndArgumentAreReadWhenParsedGivenACommandOnALineOfItsOwn() {
        assertThat(SlashCommand.parse("Thanks!\n\n  /ai-security theme  Model  \nmore"))
                .contains(new SlashCommand("theme", "Model"));
        assertThat(SlashCommand.parse("/AI-SECURITY explain")).isEmpty();
        assertThat(SlashCommand.parse("/ai-security EXPLAIN")).isEmpty();
        assertThat(SlashCommand.parse("\t/ai-security off\r\n")).contains(new SlashCommand("off", ""));
        assertThat(SlashCommand.parse("first\r\n/ai-security not-security\r\nlast"))
                .contains(new SlashCommand("not-security", ""));
    }

    @Test
    void itIsNoCommandWhenParsedGivenACommandInsideALine() {
        assertThat(SlashCommand.parse("please run /ai-security explain")).isEmpty();
        assertThat(SlashCommand.parse("/ai-securityexplain")).isEmpty();
        assertThat(SlashCommand.parse("/ai-security")).isEmpty();
        assertThat(SlashCommand.parse("/ai-security \n explain")).isEmpty();
        assertThat(SlashCommand.parse(null)).isEmpty();
        assertThat(SlashCommand.parse("")).isEmpty();
    }

    @Test
    void theFirstWinsWhenParsedGivenTwoCommands() {
        assertThat(SlashCommand.parse("/ai-security explain\n/ai-security off"))
                .contains(new SlashCommand("explain", ""));
    }

    @Test
    void theyAreKeptForTheCallerToRejectWhenParsedGivenAnArgumentWithControlCharacters() {
        assertThat(SlashCommand.parse("/ai-security theme da\u0000ta").map(SlashCommand::argument))
                .contains("da\u0000ta");
    }

    // Issue 9, defect 1: the old (?m)^\s*… pattern took 38.5 s on this comment (18.7 s with CRLF); a job stalled.
    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void itEndsAtOnceWhenParsedGivenTheLongestCommentOfLineBreaks() {
        String lf = "a" + "\n".repeat(65_534) + "a";
        String crlf = "a" + "\r\n".repeat(32_767) + "a";
        String cr = "a" + "\r".repeat(65_534) + "a";
        String spaces = "a" + " \n".repeat(32_767) + "a";
        String blankArgument = "/ai-security theme x" + " ".repeat(65_000) + "y";

        assertThat(SlashCommand.parse(blankArgument).map(SlashCommand::argument))
                .contains("x" + " ".repeat(65_000) + "y");
        for (String body : new String[] {lf, crlf, cr, spaces}) {
            assertThat(SlashCommand.parse(body)).isEmpty();
            assertThat(SlashCommand.parse(body + "\n/ai-security explain")).isEmpty(); // beyond GitHub's maximum
            assertThat(SlashCommand.parse("/ai-security explain\n" + body)).contains(new SlashCommand("explain", ""));
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void onlyGitHubsMaximumIsReadAndACommandPastItIsIgnoredWhenParsedGivenAOneMebibyteBody() {
        String body = "x\n".repeat(512 * 1024) + "/ai-security not-security";

        Optional<SlashCommand> command = SlashCommand.parse(body);

        assertThat(command).isEmpty();
        assertThat(SlashCommand.MAX_CHARS).isEqualTo(65_536);
    }

    @Test
    void itIsReadWhenParsedGivenACommandEndingExactlyAtTheCap() {
        String command = "/ai-security explain";
        String body = "x".repeat(SlashCommand.MAX_CHARS - command.length() - 1) + "\n" + command;

        assertThat(body).hasSize(SlashCommand.MAX_CHARS);
        assertThat(SlashCommand.parse(body)).contains(new SlashCommand("explain", ""));
        assertThat(SlashCommand.parse(body + "\nmore")).contains(new SlashCommand("explain", ""));
    }
}
