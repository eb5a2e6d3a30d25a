package dev.aisectriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostTextTest {

    @Test
    void givenAListedPost_whenSplit_thenTheListingsLinesAreGoneAndTheTitleIsTheFirstLine() {
        PostText p = PostText.of("""
                acme/llm-server · issue #12 · closed · Python
                labels: bug, security
                # API key printed in the logs

                alice · description · 2024-05-01
                The server prints my API key in plain text at startup.

                bob · comment · 2024-05-02
                Thanks, fixed in 1.2.""");

        assertThat(p.title()).isEqualTo("API key printed in the logs");
        assertThat(p.text()).doesNotContain("acme/llm-server", "labels:", "alice ·", "bob ·");
        assertThat(p.prose()).contains("prints my API key in plain text", "Thanks, fixed");
        assertThat(p.pasted()).isEmpty();
        assertThat(p.question()).isFalse();
    }

    @Test
    void givenCodeLogsAndConfig_whenSplit_thenTheyArePastedNotProse() {
        PostText p = PostText.of("""
                Crash on startup
                It crashes when I start it with my config:
                ```yaml
                api_key: sk-test
                host: 0.0.0.0
                ```
                Traceback (most recent call last):
                  File "app.py", line 3, in <module>
                PermissionError: [Errno 13] Permission denied: '/models/model.pkl'
                OPENAI_API_KEY=abc
                > quoted from the docs: never share your token""");

        assertThat(p.prose()).contains("It crashes when I start it");
        assertThat(p.prose()).doesNotContain("api_key", "Traceback", "PermissionError", "OPENAI_API_KEY", "token");
        assertThat(p.pasted()).contains("api_key: sk-test", "PermissionError", "OPENAI_API_KEY=abc", "never share");
    }

    @Test
    void givenFileNamesLinksAndIdentifiersInASentence_whenSplit_thenOnlyTheWordsStayProse() {
        PostText p = PostText.of("""
                Loading fails
                Loading python_model.pkl with `trust_remote_code=True` from https://example.com/x fails.""");

        assertThat(p.prose()).contains("Loading", "fails").doesNotContain("python_model.pkl", "trust_remote_code");
        assertThat(p.pasted()).contains("python_model.pkl", "trust_remote_code=True", "https://example.com/x");
    }

    @Test
    void givenAnIssueTemplate_whenSplit_thenItsCommentsHeadingsAndChecklistAreNotProse() {
        PostText p = PostText.of("""
                [Bug]: model not found
                <!-- Please report security vulnerabilities privately, see SECURITY.md -->
                ### What happened?
                - [x] I have searched the existing issues
                The model is not found after the update.""");

        assertThat(p.text()).doesNotContain("vulnerabilities");
        assertThat(p.prose()).contains("The model is not found").doesNotContain("What happened", "searched");
    }

    @Test
    void givenAHowToQuestion_thenItAsks() {
        assertThat(PostText.of("Where do I put my OpenAI API key?\nI can't find the setting.")
                        .question())
                .isTrue();
        assertThat(PostText.of("Setting the key\nHow do I set the token for the Hub?")
                        .question())
                .isTrue();
        assertThat(PostText.of("Key leaked\nThe key is printed in the logs.").question())
                .isFalse();
    }

    @Test
    void givenNothing_thenAnEmptyPost() {
        PostText p = PostText.of(null);

        assertThat(p.title()).isEmpty();
        assertThat(p.prose()).isEmpty();
        assertThat(p.pasted()).isEmpty();
        assertThat(p.question()).isFalse();
    }
}
