package dev.aisectriage.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the benchmarks of a running service share: waiting for it to answer, reading latencies. */
final class ServiceUnderLoad {

    private ServiceUnderLoad() {}

    /** Waits until {@code base + path} answers 200 ({@code /healthz}, {@code /readyz}), or the process exits. */
    static void awaitUp(HttpClient http, String base, String path, Process service, Duration timeout) throws Exception {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(2))
                .build();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!service.isAlive()) {
                throw new IllegalStateException("service exited with " + service.exitValue());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("service not up on " + path + " after " + timeout.toSeconds() + " s");
    }

    /** The {@code p}-th percentile of sorted latencies in nanoseconds, in milliseconds. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
