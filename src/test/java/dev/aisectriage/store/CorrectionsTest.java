package dev.aisectriage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.Theme;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.store.Corrections.Correction;
import dev.aisectriage.store.Corrections.Reading;
import dev.aisectriage.support.MutableClock;
import dev.aisectriage.support.QueueOnStore;
import dev.aisectriage.support.TestQueue;
import dev.aisectriage.support.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Maintainers' corrections as the store keeps them, on SQLite and on PostgreSQL alike. */
@Timeout(60)
@ParameterizedClass
@EnumSource(TestStore.class)
class CorrectionsTest {

    static final ThreadRef ISSUE = new ThreadRef.GitHubIssue(9L, "o/r", 3, "I_3");
    static final ThreadRef OTHER_ISSUE = new ThreadRef.GitHubIssue(9L, "o/r", 4, null);
    static final ThreadRef OTHER_INSTALLATION = new ThreadRef.GitHubIssue(10L, "o/other", 1, null);

    @Parameter
    TestStore store;

    @RegisterExtension
    final QueueOnStore q = new QueueOnStore(
            () -> store,
            new MutableClock(Instant.now()),
            TestQueue.policy(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5)));

    @Test
    void aCorrectionReadsBackWithItsEmbeddingBitForBitAndALaterWordReplacesIt() {
        Corrections corrections = new Corrections(q.db(), q.writer()::inTransaction);
        float[] embedding = {0.6f, -0.8f, Float.MIN_VALUE, 1e-7f};

        // when a thread is corrected, then corrected again with a theme
        corrections.record(correction(ISSUE, false, null, new Reading(List.of("pickle"), embedding, "m-1")));
        corrections.record(
                correction(ISSUE, true, Theme.MODEL, new Reading(List.of("pickle", "rce"), embedding, "m-1")));

        // then the store has its latest word, and the classifier's reading exactly as written
        assertThat(corrections.ofRepository("o/r")).singleElement().satisfies(c -> {
            assertThat(c.ref().number()).isEqualTo(3);
            assertThat(c.ref()).isInstanceOf(ThreadRef.GitHubIssue.class);
            assertThat(c.security()).isTrue();
            assertThat(c.theme()).isEqualTo(Theme.MODEL);
            assertThat(c.reading().keywords()).containsExactly("pickle", "rce");
            assertThat(c.reading().embedding()).containsExactly(embedding);
            assertThat(c.reading().modelVersion()).isEqualTo("m-1");
        });
    }

    @Test
    void aCorrectionAnotherClassifierReadsKeepsItsVerdictWithTheNewReading() {
        Corrections corrections = new Corrections(q.db(), q.writer()::inTransaction);
        corrections.record(correction(ISSUE, false, null, null));

        corrections.reread(ISSUE, new Reading(List.of(), new float[] {1, 0}, "m-2"));

        assertThat(corrections.of(ISSUE)).hasValueSatisfying(c -> {
            assertThat(c.security()).isFalse();
            assertThat(c.reading().embedding()).containsExactly(1, 0);
            assertThat(c.reading().modelVersion()).isEqualTo("m-2");
        });
        assertThat(corrections.of(OTHER_ISSUE)).isEmpty();
    }

    @Test
    void aRepositoryHasOnlyItsOwnCorrectionsAndAnUninstallForgetsItsInstallationsOnly() {
        Corrections corrections = new Corrections(q.db(), q.writer()::inTransaction);
        corrections.record(correction(ISSUE, false, null, null));
        corrections.record(correction(OTHER_ISSUE, true, null, null));
        corrections.record(correction(OTHER_INSTALLATION, false, null, null));

        assertThat(corrections.ofRepository("o/r"))
                .extracting(c -> c.ref().number())
                .containsExactly(3, 4);
        assertThat(corrections.ofRepository("o/nothing")).isEmpty();

        assertThat(corrections.forgetInstallation(9L)).isEqualTo(2);
        assertThat(corrections.all()).extracting(c -> c.ref().repository()).containsExactly("o/other");
    }

    static Correction correction(ThreadRef ref, boolean security, Theme theme, Reading reading) {
        return new Correction(
                ref,
                "https://github.com/" + ref.repository() + "/issues/" + ref.number(),
                "post " + ref.number(),
                security,
                theme,
                security ? "false_negative" : "false_positive",
                "maintainer",
                reading,
                Instant.now().toString());
    }
}
