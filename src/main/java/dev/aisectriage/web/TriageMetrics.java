package dev.aisectriage.web;

import dev.aisectriage.classify.Theme;
import dev.aisectriage.queue.Job;
import dev.aisectriage.queue.JobQueueWorkers;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.store.DeliveryOutcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The service's Prometheus metrics, in its own registry. Handlers call {@link #predictionRecorded(Theme)}; intake
 * and the workers record the rest; {@code GET /metrics} writes {@link #scrape()}.
 */
public final class TriageMetrics implements JobQueueWorkers.Observer {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter deliveries;
    private final Histogram intakeSeconds;
    private final Histogram jobSeconds;
    private final Counter deadLetters;
    private final Counter predictions;
    private final Counter hubTriggers;
    private final Counter hubPredictions;
    private final List<LongSupplier> githubRequests = new CopyOnWriteArrayList<>();
    private final List<LongSupplier> githubNotModified = new CopyOnWriteArrayList<>();

    public TriageMetrics() {
        deliveries = deliveriesCounter();
        intakeSeconds = Histogram.builder()
                .name("triage_webhook_response_seconds")
                .help("Time to answer a webhook delivery")
                .classicOnly()
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)
                .register(registry);
        jobSeconds = Histogram.builder()
                .name("triage_job_duration_seconds")
                .help("Time to run the handlers of one job, by the state it ended in (done, queued for retry, dead)")
                .classicOnly()
                .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .labelNames("state")
                .register(registry);
        deadLetters = Counter.builder()
                .name("triage_jobs_dead_lettered_total")
                .help("Jobs given up after the last attempt")
                .register(registry);
        predictions = themeCounter(
                "triage_predictions_total", "Classifier verdicts by primary theme (none when not a security report)");
        hubTriggers = hubTriggersCounter();
        hubPredictions = themeCounter(
                "triage_hub_predictions_total",
                "Classifier verdicts on Hugging Face Hub discussions by primary theme (none when not a security "
                        + "report); triage_predictions_total counts GitHub's");
        registerGitHubCounters();
    }

    private Counter deliveriesCounter() {
        return Counter.builder()
                .name("triage_webhook_deliveries_total")
                .help("Webhook deliveries by event and outcome (queued, duplicate, ignored, ping, redelivery, "
                        + "unauthorized, malformed, too_large, error)")
                .labelNames("event", "outcome")
                .register(registry);
    }

    /** A counter by theme, every theme shown from the start (at zero). */
    private Counter themeCounter(String name, String help) {
        Counter counter =
                Counter.builder().name(name).help(help).labelNames("theme").register(registry);
        for (Theme t : Theme.values()) {
            counter.labelValues(t.slug());
        }
        return counter;
    }

    private Counter hubTriggersCounter() {
        return Counter.builder()
                .name("triage_hub_webhook_triggers_total")
                .help("Hugging Face Hub webhook calls with the right secret, per webhook id (the Hub allows 1,000 a "
                        + "day per webhook); the Hub's deliveries are counted in triage_webhook_deliveries_total as "
                        + "event huggingface.<scope>")
                .labelNames("webhook")
                .register(registry);
    }

    /** GitHub's request counts, read at each scrape from the clients given to {@link #watchGitHub}. */
    private void registerGitHubCounters() {
        CounterWithCallback.builder()
                .name("triage_github_requests_total")
                .help("Requests that reached GitHub's API (retries each counted, a revalidated read answered 304"
                        + " included), from the triage client and the redelivery sweep")
                .callback(cb -> cb.call(sum(githubRequests)))
                .register(registry);
        CounterWithCallback.builder()
                .name("triage_github_not_modified_total")
                .help("Of triage_github_requests_total, the reads GitHub answered 304 Not Modified, served from the"
                        + " HTTP cache (GITHUB_CACHE_DIR) without counting against the rate limit")
                .callback(cb -> cb.call(sum(githubNotModified)))
                .register(registry);
    }

    /**
     * Adds a GitHub client's counts to {@code triage_github_requests_total} and {@code
     * triage_github_not_modified_total}, read at each scrape.
     */
    public void watchGitHub(LongSupplier requestsSent, LongSupplier notModified) {
        githubRequests.add(requestsSent);
        githubNotModified.add(notModified);
    }

    private static long sum(List<LongSupplier> counts) {
        long n = 0;
        for (LongSupplier c : counts) {
            n += c.getAsLong();
        }
        return n;
    }

    /** One authenticated call of a Hub webhook. */
    public void hubWebhookTriggered(String webhookId) {
        hubTriggers.labelValues(webhookId).inc();
    }

    /** Call once per classified Hub discussion with its primary theme, or null when it is not a security report. */
    public void hubPredictionRecorded(Theme theme) {
        hubPredictions.labelValues(theme == null ? "none" : theme.slug()).inc();
    }

    private volatile java.util.function.LongSupplier redeliveries = () -> 0;

    /** Deliveries the redelivery sweep asked again since start (0 when it is off). */
    public long redeliveriesRequested() {
        return redeliveries.getAsLong();
    }

    /** Adds the count of deliveries the redelivery sweep asked GitHub to send again since start. */
    public void watchRedeliveries(java.util.function.LongSupplier requested) {
        this.redeliveries = requested;
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder()
                .name("triage_redeliveries_requested_total")
                .help("Failed deliveries the store never saw, asked again from GitHub by the redelivery sweep")
                .callback(cb -> cb.call(requested.getAsLong()))
                .register(registry);
    }

    /** Adds a gauge of jobs by state, read from the store at each scrape (so it survives restarts). */
    public void watchQueue(Supplier<Map<JobState, Long>> countByState) {
        GaugeWithCallback.builder()
                .name("triage_jobs")
                .help("Jobs in the store by state; queued + running is the queue depth")
                .labelNames("state")
                .callback(cb -> countByState.get().forEach((state, n) -> cb.call(n, state.label())))
                .register(registry);
    }

    /** One delivery answered: counts it by event and outcome and times the answer. */
    public void deliveryAnswered(String event, String outcome, Duration took) {
        deliveries.labelValues(event, outcome).inc();
        intakeSeconds.observe(took.toNanos() / 1e9);
    }

    public void deliveryAnswered(String event, DeliveryOutcome outcome, Duration took) {
        deliveryAnswered(event, outcome.label(), took);
    }

    /** Call once per classified post with its primary theme, or null when it is not a security report. */
    public void predictionRecorded(Theme theme) {
        predictions.labelValues(theme == null ? "none" : theme.slug()).inc();
    }

    @Override
    public void jobFinished(Job job, JobState state, Duration took) {
        jobSeconds.labelValues(state.label()).observe(took.toNanos() / 1e9);
        if (state == JobState.DEAD) {
            deadLetters.inc();
        }
    }

    public String contentType() {
        return writer.getContentType();
    }

    /** The metrics in the Prometheus text format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
