package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mistake a newcomer met, run through the real entry point in its own JVM with its own environment: each one
 * answers with one line on standard error that names the variable or file, exit code 2, and no stack frame.
 */
@Tag("slow")
class UserErrorsTest {

    @TempDir
    Path dir;

    @Test
    void oneLineNamesItAndTheExitCodeIs2WhenTheCommandRunsGivenEachUserMistake() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        Path malformed =
                Files.writeString(dir.resolve("malformed.jsonl"), "{\"text\": \"ok\", \"is_security\": 1}\n{oops\n");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        Path emptyModelDir = Files.createDirectories(dir.resolve("not-a-model"));
        int freePort = freePort();
        List<Case> cases = new ArrayList<>(List.of(
                serve("PORT", Map.of("PORT", "99999")),
                serve(
                        "DATABASE_PATH",
                        Map.of(
                                "DATABASE_PATH",
                                notAFolder.resolve("sub/triage.db").toString())),
                serve("DATABASE_PATH", Map.of("DATABASE_PATH", "/proc/ai-security-triage-test/triage.db")),
                serve("PRIVATE_KEY", Map.of("APP_ID", "12", "PRIVATE_KEY", "garbage", "WEBHOOK_SECRET", "s")),
                serve("MODEL_DIR", Map.of("MODEL_DIR", "/nonexistent")),
                serve("LOG_LEVEL", Map.of("LOG_LEVEL", "verbose")),
                serve("GITHUB_API_URL", Map.of("GITHUB_API_URL", "not a url")),
                new Case(
                        "PORT",
                        Map.of("PORT", String.valueOf(freePort)),
                        "send-fixture",
                        "../test-fixtures/issues-opened-security-report.json"),
                new Case(
                        "missing.jsonl",
                        Map.of(),
                        "eval",
                        "--data",
                        dir.resolve("missing.jsonl").toString()),
                new Case("malformed.jsonl:2", Map.of(), "eval", "--data", malformed.toString()),
                new Case("empty.jsonl", Map.of(), "eval", "--data", empty.toString()),
                new Case("/missing", Map.of(), "classify", "--file", "/missing"),
                new Case("--model-dir", Map.of(), "classify", "--model-dir", emptyModelDir.toString(), "some text")));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            cases.add(serve("PORT", Map.of("PORT", String.valueOf(taken.getLocalPort()))));
            for (Case c : cases) {
                assertOneLineAndExit2(c);
            }
        }
    }

    @Test
    void oneLineNamesDatabaseUrlWhenServeStartsGivenAPostgresqlThatDoesNotAnswer() throws Exception {
        Result r = assertOneLineAndExit2(serve(
                "DATABASE_URL", Map.of("DATABASE_URL", "postgres://triage:s3cret@127.0.0.1:" + freePort() + "/t")));
        assertThat(r.stderr).doesNotContain("s3cret");
    }

    @Test
    void oneLineNamesTheFileWhenExportFeedbackRunsGivenAStoreThatIsMissing() throws Exception {
        assertOneLineAndExit2(new Case("missing.db", Map.of(), "export-feedback", "-d", "missing.db"));
    }

    @Test
    void oneLineSaysWhereWithoutTheParsersInternalsWhenSendFixtureRunsGivenBrokenJson() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"action\": \"opened\",\n  oops\n}\n");
        Result r = assertOneLineAndExit2(
                new Case("broken.json is not JSON (line 3, column 3)", Map.of(), "send-fixture", broken.toString()));
        assertThat(r.stderr)
                .doesNotContainIgnoringCase("jackson")
                .doesNotContain("Source:")
                .doesNotContain("(code ");
    }

    @Test
    void oneLineNamesWhatIsMissingWhenServeStartsGivenAppIdOrItsKeyAlone() throws Exception {
        assertOneLineAndExit2(serve("PRIVATE_KEY", Map.of("APP_ID", "12")));
        assertOneLineAndExit2(serve("is missing", Map.of("APP_ID", "12")));
        assertOneLineAndExit2(serve("APP_ID is missing", Map.of("PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----")));
    }

    @Test
    void theLastLineSaysTheNetworkIsUnreachableWhenBackfillRunsGivenNoAnswerFromGitHub() throws Exception {
        Result r = run(new Case(
                "network is unreachable",
                Map.of("GITHUB_API_URL", "http://127.0.0.1:" + freePort()),
                "backfill",
                "octo-org/ml-server"));

        assertThat(r.exit).as("%s", r).isEqualTo(2);
        // the retries before it are WARN lines of the log; the error itself is one line, and blames no name
        List<String> errors = r.stderr
                .lines()
                .filter(l -> !l.isBlank() && !l.matches("\\[\\w+] WARN .*"))
                .toList();
        assertThat(errors).as("%s", r).hasSize(1);
        assertThat(errors.get(0)).contains("network is unreachable").doesNotContain("check the name");
    }

    @Test
    void oneLineNamesItWhenServeStartsGivenADashboardPasswordOfOnlySpaces() throws Exception {
        assertOneLineAndExit2(serve("DASHBOARD_PASSWORD", Map.of("DASHBOARD_PASSWORD", "   ")));
    }

    /**
     * Runs the case: exit 2, one line on standard error naming what it names, no stack frame, and (a server that
     * never started) no "listening on" line.
     */
    private Result assertOneLineAndExit2(Case c) throws IOException, InterruptedException {
        Result r = run(c);

        assertThat(r.exit).as("exit code of %s%n%s", c, r).isEqualTo(2);
        List<String> errLines = r.stderr.lines().filter(l -> !l.isBlank()).toList();
        assertThat(errLines).as("stderr of %s", c).hasSize(1);
        assertThat(errLines.get(0)).as("stderr of %s", c).contains(c.names);
        assertThat((r.stdout + r.stderr).lines())
                .as("no stack frame in %s%n%s", c, r)
                .noneMatch(l -> l.matches("\\s+at [\\w.$/]+\\(.*\\)") || l.contains("Exception in thread"))
                .as("no 'listening on' from a server that did not start: %s%n%s", c, r)
                .noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("listening on"));
        return r;
    }

    private Case serve(String names, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(
                Map.of("DATABASE_PATH", dir.resolve("ok/triage.db").toString()));
        all.putAll(env);
        return new Case(names, all, "serve");
    }

    private Result run(Case c) throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("work"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "dev.aisectriage.App"));
        command.addAll(List.of(c.args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile())
                .redirectError(work.resolve("err.txt").toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.matches("APP_ID|PRIVATE_KEY.*|WEBHOOK_SECRET|PORT|LOG_LEVEL|"
                        + "DATABASE_PATH|DATABASE_URL|HOST|GITHUB_API_URL|DRY_RUN|MODEL_DIR|DASHBOARD_PASSWORD"));
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().putAll(c.env);
        // relative fixture paths are resolved from the project folder, as a newcomer runs them
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).startsWith("../test-fixtures/")) {
                command.set(
                        i, Path.of(command.get(i).substring(3)).toAbsolutePath().toString());
            }
        }
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(c + " did not end within 90 s");
        }
        return new Result(
                p.exitValue(),
                Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Case(String names, Map<String, String> env, String... args) {
        @Override
        public String toString() {
            return String.join(" ", args) + " with " + env;
        }
    }

    record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
