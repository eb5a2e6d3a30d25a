package dev.aisectriage.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.support.BlockingThread;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestService;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ServiceCloseTest {

    @TempDir
    Path dir;

    @Test
    void givenAStopStillFreeingTheModel_whenTheShutdownHookClosesToo_thenItReturnsOnlyOnceTheFirstHasFinished()
            throws Exception {
        // given a service whose stop (a signal's, say) is still freeing the model
        CountDownLatch freeing = new CountDownLatch(1);
        CountDownLatch freed = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        AutoCloseable model = () -> {
            freeing.countDown();
            assertThat(freed.await(30, TimeUnit.SECONDS)).isTrue();
            events.add("model freed");
        };
        var config = TestConfig.dryRun(dir);
        Service service =
                Service.start(config, TestService.store(config), wiring -> new EventRoutes(), () -> true, model);
        Thread signal = new Thread(service::close, "signal");
        signal.start();
        assertThat(freeing.await(30, TimeUnit.SECONDS)).isTrue();

        // when the JVM's shutdown hook closes it as well
        Thread hook = BlockingThread.startUntilBlocked(
                () -> {
                    service.close();
                    events.add("hook returned");
                },
                "hook",
                "the first close");

        // then the hook returns only after the first close has freed the model
        assertThat(events).isEmpty();
        freed.countDown();
        hook.join();
        signal.join();
        assertThat(events).containsExactly("model freed", "hook returned");
    }
}
