package dev.aisectriage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.queue.Job;
import dev.aisectriage.queue.JobQueue;
import dev.aisectriage.support.TestQueue;
import dev.aisectriage.support.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** migrate-store: a SQLite deployment moved to PostgreSQL keeps its work, its memory and its order. */
@Timeout(60)
class StoreCopyTest {

    @TempDir
    Path dir;

    @Test
    void aSqliteStoreCopiedIntoPostgresCarriesOnWhereItStopped() {
        // given a SQLite store with a finished and a queued job, a thread with its comment, two replies and its
        // correction, an action
        Database sqlite = Database.open(dir.resolve("triage.db"));
        TestQueue source = queue(sqlite);
        SerialWriter writer = source.writer();
        JobQueue queue = source.queue();
        queue.enqueue(StoreContractTest.delivery("d-1", 1, "opened", 9L));
        queue.enqueue(StoreContractTest.delivery("d-2", 2, "opened", 9L));
        Job first = queue.claim("w").orElseThrow();
        queue.complete(first.id(), "w");
        Threads threads = new Threads(sqlite, sqlite::writeTransaction);
        ThreadRef ref = new ThreadRef.GitHubIssue(9L, "example-ml/model-zoo", 1, "I_1");
        threads.addReply(ref, "20", "second id, first reply");
        threads.addReply(ref, "10", "first id, second reply");
        threads.recordComment(ref, "555", "hash");
        new Actions(sqlite, sqlite::writeTransaction).record(9L, "example-ml/model-zoo", 1, "comment", "body", false);
        float[] embedding = {0.28f, -0.96f};
        new Corrections(sqlite, sqlite::writeTransaction)
                .record(CorrectionsTest.correction(
                        ref, false, null, new Corrections.Reading(List.of("api key"), embedding, "m-1")));
        writer.close();

        // when it is copied into an empty PostgreSQL store
        try (Database postgres = Database.openPostgres(TestStore.freshSchema(), 2)) {
            Map<String, Long> copied = StoreCopy.copy(sqlite, postgres);

            // then every row is there, replies keep their order, the embedding its bytes, and the queued job runs there
            assertThat(copied)
                    .containsEntry("deliveries", 2L)
                    .containsEntry("jobs", 2L)
                    .containsEntry("thread_comments", 2L);
            Threads moved = new Threads(postgres, postgres::writeTransaction);
            assertThat(moved.replies(ref)).containsExactly("second id, first reply", "first id, second reply");
            assertThat(moved.find(ref).orElseThrow().commentId()).isEqualTo("555");
            assertThat(new Corrections(postgres, postgres::writeTransaction).of(ref))
                    .hasValueSatisfying(c -> assertThat(c.reading().embedding()).containsExactly(embedding));
            JobQueue there = queue(postgres).queue();
            assertThat(there.claim("w2").orElseThrow().delivery().id()).isEqualTo("d-2");

            // and new rows get new ids, and copying twice is refused
            there.enqueue(StoreContractTest.delivery("d-3", 3, "opened", 9L));
            assertThat(there.claim("w3").orElseThrow().id()).isEqualTo(3L);
            assertThatThrownBy(() -> StoreCopy.copy(sqlite, postgres)).hasMessageContaining("already holds");
        }
    }

    private static TestQueue queue(Database db) {
        return TestQueue.on(
                db,
                Clock.systemUTC(),
                TestQueue.policy(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }
}
