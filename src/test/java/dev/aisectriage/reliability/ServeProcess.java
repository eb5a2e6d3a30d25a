package dev.aisectriage.reliability;

import dev.aisectriage.App;
import dev.aisectriage.support.ChildOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real service, {@code App serve}, in a child JVM on port 0 with the bundled model, its database in a folder of
 * the test: every line it writes (stdout and stderr) is kept. {@link #kill()} is SIGKILL, {@link #close()} SIGTERM.
 */
final class ServeProcess implements AutoCloseable {

    /** The service's "listening on 0.0.0.0:PORT (all interfaces)" line (or "listening on port PORT:"). */
    private static final Pattern LISTENING = Pattern.compile("Service - listening on \\S*?(?:port |:)(\\d+)(?:[: ]|$)");

    private final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread output;
    private final int port;

    private ServeProcess(Process process, Duration startTimeout) {
        this.process = process;
        this.output = ChildOutput.follow(process, lines::add);
        String line = awaitLine(l -> LISTENING.matcher(l).find(), startTimeout);
        Matcher m = LISTENING.matcher(line);
        m.find();
        this.port = Integer.parseInt(m.group(1));
    }

    /** Starts {@code serve} in dry-run, taking deliveries signed with {@code secret}, each job tried this many times. */
    static ServeProcess dryRun(Path dir, String secret, int maxAttempts) {
        return start(
                dir,
                Map.of("WEBHOOK_SECRET", secret, "DRY_RUN", "true", "JOB_MAX_ATTEMPTS", String.valueOf(maxAttempts)));
    }

    /**
     * Starts {@code serve} with {@code DATABASE_PATH} in {@code dir}, {@code PORT=0} and the given environment; the
     * parent's GitHub credentials, if any, are not inherited.
     */
    static ServeProcess start(Path dir, Map<String, String> env) {
        return start(dir, env, App.class);
    }

    /** As {@link #start(Path, Map)}, through another main class that ends in {@code App.main}. */
    static ServeProcess start(Path dir, Map<String, String> env, Class<?> main) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                "serve");
        Map<String, String> e = pb.environment();
        for (String name : List.of(
                "APP_ID",
                "PRIVATE_KEY",
                "PRIVATE_KEY_PATH",
                "WEBHOOK_SECRET",
                "DRY_RUN",
                "GITHUB_API_URL",
                "MODEL_DIR",
                "DASHBOARD_PASSWORD",
                "WORKERS")) {
            e.remove(name);
        }
        e.put("DATABASE_PATH", dir.resolve("triage.db").toString());
        e.put("PORT", "0");
        e.put("LOG_LEVEL", "info");
        e.putAll(env);
        pb.redirectErrorStream(true);
        try {
            return new ServeProcess(pb.start(), Duration.ofSeconds(90));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The exit code, once the process has ended. */
    int exitValue() {
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Every line written so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits for a line that matches, and returns it. */
    String awaitLine(Predicate<String> matches, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < end) {
            List<String> now = lines();
            for (int i = seen; i < now.size(); i++) {
                if (matches.test(now.get(i))) {
                    return now.get(i);
                }
            }
            seen = now.size();
            if (!process.isAlive() && seen == lines().size()) {
                throw new AssertionError("serve exited with " + process.exitValue() + "; output:\n" + tail());
            }
            sleep(50);
        }
        throw new AssertionError("serve never wrote the line waited for; output:\n" + tail());
    }

    /** SIGKILL: nothing is flushed, no shutdown hook runs. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(20));
    }

    /**
     * SIGTERM, then the time it took the process to exit. Sent through the process handle: {@link Process#destroy()}
     * also closes the pipe the child writes to, and every line it logged while shutting down was lost.
     */
    Duration terminate() {
        long t0 = System.nanoTime();
        process.toHandle().destroy();
        if (!waitFor(Duration.ofSeconds(60))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(20));
            throw new AssertionError("serve did not exit within 60 s of SIGTERM");
        }
        awaitOutput();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** SIGTERM, and the output kept in {@code target/reliability-logs/serve-PID.log} for a reader of a failure. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!waitFor(Duration.ofSeconds(60))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(20));
            }
            awaitOutput();
        }
        try {
            Path logs = Files.createDirectories(Path.of("target", "reliability-logs"));
            Files.write(logs.resolve("serve-" + process.pid() + ".log"), lines(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the log copy is a convenience; the test's own assertions say what failed
        }
    }

    /** Waits until the last line the ended process wrote has been read. */
    private void awaitOutput() {
        try {
            output.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
