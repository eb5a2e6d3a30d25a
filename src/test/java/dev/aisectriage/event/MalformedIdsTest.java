package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.MalformedPayloadException;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import java.math.BigInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A thread number or installation id that is not a positive whole number is a malformed payload: never wrapped. */
@Timeout(30)
class MalformedIdsTest {

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("number 2^32+12", (Consumer<ObjectNode>)
                        p -> p.with("issue").put("number", (1L << 32) + 12)),
                Arguments.of("number 1e30", (Consumer<ObjectNode>)
                        p -> p.with("issue").put("number", 1e30)),
                Arguments.of("number 12.7", (Consumer<ObjectNode>)
                        p -> p.with("issue").put("number", 12.7)),
                Arguments.of("number missing", (Consumer<ObjectNode>)
                        p -> p.with("issue").remove("number")),
                Arguments.of("number as text", (Consumer<ObjectNode>)
                        p -> p.with("issue").put("number", "12")),
                Arguments.of(
                        "number 0", (Consumer<ObjectNode>) p -> p.with("issue").put("number", 0)),
                Arguments.of("number -12", (Consumer<ObjectNode>)
                        p -> p.with("issue").put("number", -12)),
                Arguments.of("installation 2^70", (Consumer<ObjectNode>)
                        p -> p.with("installation").put("id", BigInteger.TWO.pow(70))),
                Arguments.of("installation 1e30", (Consumer<ObjectNode>)
                        p -> p.with("installation").put("id", 1e30)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void itFailsAsMalformedAndNothingIsSentWhenTheJobRunsGivenASignedReportWithAMalformedId(
            String what, Consumer<ObjectNode> change) {
        Bot bot = Bot.on(github);

        assertThatThrownBy(() -> bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1", change)))
                .isInstanceOf(MalformedPayloadException.class);
        assertThat(github.requests()).isEmpty();
        assertThat(bot.classifier.texts).isEmpty();
    }
}
