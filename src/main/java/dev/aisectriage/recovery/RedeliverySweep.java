package dev.aisectriage.recovery;

import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.github.HookDeliveries;
import dev.aisectriage.github.HookDeliveries.HookDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers deliveries GitHub could not hand to us (we were down, a time-out, a 5xx): GitHub never sends them again
 * on its own and keeps them three days. Each sweep lists the App's deliveries back to the previous sweep (at most
 * three days) and asks again for every guid that never got a 2xx and that the store never recorded, once per guid,
 * with a pause between requests.
 */
public final class RedeliverySweep {

    /** GitHub keeps deliveries this long. */
    public static final Duration RETENTION = Duration.ofDays(3);

    private static final Logger LOG = LoggerFactory.getLogger(RedeliverySweep.class);

    private final HookDeliveries github;
    private final Predicate<String> stored;
    private final Clock clock;
    private final Duration pause;
    private final int maxPerSweep;
    private final Sleeper sleeper;
    private final Set<String> asked = new HashSet<>();
    private final AtomicLong requested = new AtomicLong();
    private Instant lastSweep;

    /**
     * @param stored      whether the store recorded a delivery with this guid ({@code X-GitHub-Delivery})
     * @param pause       wait between two redelivery requests
     * @param maxPerSweep at most this many requests per sweep; the rest wait for the next one
     */
    public RedeliverySweep(
            HookDeliveries github,
            Predicate<String> stored,
            Clock clock,
            Duration pause,
            int maxPerSweep,
            Sleeper sleeper) {
        this.github = github;
        this.stored = stored;
        this.clock = clock;
        this.pause = pause;
        this.maxPerSweep = maxPerSweep;
        this.sleeper = sleeper;
    }

    /** @return how many deliveries this sweep asked GitHub to send again */
    public synchronized int run() throws InterruptedException {
        Instant now = clock.instant();
        Instant oldest = now.minus(RETENTION);
        Instant since =
                lastSweep == null || lastSweep.isBefore(oldest) ? oldest : lastSweep.minus(Duration.ofMinutes(1));
        List<HookDelivery> listed = github.since(since);
        Attempts attempts = Attempts.of(listed);
        int n = 0;
        for (HookDelivery d : attempts.latestFailed().values()) {
            if (n >= maxPerSweep) {
                LOG.info(
                        "redelivery: {} more failed deliveries wait for the next sweep",
                        attempts.latestFailed().size() - n);
                break;
            }
            if (attempts.succeeded().contains(d.guid()) || asked.contains(d.guid()) || stored.test(d.guid())) {
                continue;
            }
            if (n > 0) {
                sleeper.sleep(pause);
            }
            if (askAgain(d)) {
                n++;
            }
        }
        lastSweep = now;
        LOG.info("redelivery sweep: {} deliveries listed since {}, {} asked again", listed.size(), since, n);
        return n;
    }

    /** Asks GitHub to send the delivery again; false when GitHub refused (logged). */
    private boolean askAgain(HookDelivery d) {
        try {
            github.redeliver(d.id());
        } catch (GitHubApiException e) {
            LOG.warn("redelivery of {} ({}) refused: {}", d.guid(), d.event(), e.getMessage());
            return false;
        }
        asked.add(d.guid());
        requested.incrementAndGet();
        LOG.info("redelivery: asked GitHub to send {} {} again (it got {})", d.event(), d.guid(), d.statusCode());
        return true;
    }

    /**
     * The listed attempts by event: every attempt of one event shares its guid, and the event is missed only if none
     * of them got a 2xx.
     *
     * @param latestFailed the latest failed attempt of each event, newest first
     * @param succeeded the guids of events with an attempt that succeeded
     */
    private record Attempts(Map<String, HookDelivery> latestFailed, Set<String> succeeded) {
        static Attempts of(List<HookDelivery> listed) {
            Map<String, HookDelivery> latestFailed = new LinkedHashMap<>();
            Set<String> succeeded = new HashSet<>();
            listed.stream()
                    .sorted(Comparator.comparing(HookDelivery::id).reversed())
                    .forEach(d -> {
                        if (d.succeeded()) {
                            succeeded.add(d.guid());
                        } else {
                            latestFailed.putIfAbsent(d.guid(), d);
                        }
                    });
            return new Attempts(latestFailed, succeeded);
        }
    }

    /** Redeliveries requested since start. */
    public long requested() {
        return requested.get();
    }

    /** Waiting, replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }
}
