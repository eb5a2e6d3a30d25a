package dev.aisectriage.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden tests: the committed artefact with the real MiniLM ONNX model. */
@Tag("slow")
class BundledClassifierTest {

    private static HeadsClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = ClassifierLoader.bundled();
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void anUnsafeDeserializationReportIsSecurityInSystemAndSoftware() {
        Prediction p = classifier.classify("""
                Arbitrary code execution when loading a model checkpoint
                The loader calls torch.load(path) on files downloaded from the Hub without weights_only=True.
                A malicious pickle in a checkpoint runs any Python code on the user's machine as soon as the model
                is loaded. Please switch to safetensors or pass weights_only=True.""");

        assertThat(p.security()).isTrue();
        assertThat(p.primaryTheme()).isEqualTo(Theme.SYSTEM_SOFTWARE);
        assertThat(p.issueTypes().subList(0, 3))
                .extracting(Prediction.IssueTypeScore::id)
                .contains("system-software-unsafe-deserialization");
        assertThat(p.keywords()).contains("torch.load", "weights_only", "pickle");
        assertThat(p.modelVersion()).isEqualTo(classifier.modelVersion());
        assertThat(p.neighbours()).hasSize(3);
    }

    @Test
    void aPromptInjectionReportIsSecurityInModel() {
        Prediction p = classifier.classify("""
                Prompt injection through retrieved documents
                A web page retrieved by the agent contains hidden text telling the model to ignore previous
                instructions and reveal its system prompt. The agent follows it and jailbreaks its guardrails.""");

        assertThat(p.security()).isTrue();
        assertThat(p.primaryTheme()).isEqualTo(Theme.MODEL);
    }

    @Test
    void aPlainBugIsNotSecurity() {
        Prediction p = classifier.classify("""
                Dark mode toggle is not remembered
                After I switch the web UI to dark mode and reload the page, it is light again. Expected the
                setting to persist. Browser: Firefox 128 on Ubuntu.""");

        assertThat(p.security()).isFalse();
        assertThat(p.securityProbability()).isLessThan(0.5);
    }

    @Test
    void aPostNamingAVulnerabilityClassIsSecurityEvenWhenItReadsLikeAPlainBug() {
        String report = """
                Stored XSS via markdown-it html: true
                MarkdownPreview passes raw HTML from chat messages to v-html, so a message containing
                <img src=x onerror=alert(1)> runs in every viewer's browser.""";

        Prediction p = classifier.classify(report);

        ModelArtefact.DecisiveKeywords rule = ClassifierLoader.bundledArtefact().decisive();
        assertThat(rule.names()).contains("xss", "ssrf", "cve");
        assertThat(rule.precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(p.keywords()).contains("xss");
        assertThat(p.security()).isTrue();
        assertThat(p.securityProbability()).isGreaterThanOrEqualTo(rule.precision() - 1e-4);
    }

    @Test
    void givenOnlyASecurityTopic_thenThePostIsNeitherFlaggedNorLeftToAMaintainer() {
        double band = ClassifierLoader.bundledArtefact().abstainFrom();
        for (String lookAlike : List.of(
                "Where do I put my OpenAI API key?\nI cannot find the setting for the key in the web UI.",
                "How to enable the NSFW safety checker?\nI want to show the demo to kids; which flag turns it on?",
                "Login with OAuth fails behind our company proxy\nThe redirect after login ends in a 404.",
                "SSL certificate verify failed when downloading the model\nOur network uses a proxy with its own"
                        + " certificate.",
                "Permission denied when writing the cache folder\nThe container runs as another user.",
                "Please add CORS settings to the server\nOur front end runs on another port.")) {
            Prediction p = classifier.classify(lookAlike);

            assertThat(p.security()).as(lookAlike).isFalse();
            assertThat(p.securityProbability()).as(lookAlike).isLessThan(band);
        }
    }

    @Test
    void givenAWordInItsOrdinaryMlSense_thenThePostIsNeitherFlaggedNorLeftToAMaintainer() {
        double band = ClassifierLoader.bundledArtefact().abstainFrom();
        for (String homonym : List.of(
                "Memory leak when generating with max_tokens=4096\nRAM grows by 2 GB per request until the"
                        + " server is killed.",
                "The agent learns to exploit the reward\nAfter 1M steps the policy exploits a glitch in the"
                        + " environment instead of walking.")) {
            Prediction p = classifier.classify(homonym);

            assertThat(p.security()).as(homonym).isFalse();
            assertThat(p.securityProbability()).as(homonym).isLessThan(band);
        }
    }

    @Test
    void givenTheSameTopicWithEvidenceOfAProblem_thenThePostIsFlagged() {
        Prediction p = classifier.classify("""
                API key printed in plain text in the server log
                The server logs every request with its Authorization header, so the OpenAI API key of every user
                is written in plain text to logs/server.log, which anyone with access to the host can read.""");

        assertThat(p.security()).isTrue();
        assertThat(p.keywords()).contains("api key", "token leak");
    }

    @Test
    void givenAPost_thenItsEmbeddingIsAUnitVectorCloserToAPostOnTheSameProblem() {
        float[] leak = classifier
                .embedding("The API key is printed in the server log.")
                .orElseThrow();
        float[] same = classifier
                .embedding("Server logs show the user's API key in plain text.")
                .orElseThrow();
        float[] other = classifier
                .embedding("Dark mode toggle is not remembered after a reload.")
                .orElseThrow();

        assertThat(leak).hasSize(384);
        assertThat(dot(leak, leak)).isCloseTo(1.0, within(1e-4));
        assertThat(dot(leak, same)).isGreaterThan(dot(leak, other));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void nonEnglishAndEmptyPostsNeverCrash() {
        for (String text : List.of(
                "模型加载时使用 torch.load 会执行任意代码，存在安全漏洞。",
                "pickle ファイルを読み込むと任意のコードが実行されます。",
                "La API expone la clave secreta en los registros.",
                "",
                "   ",
                "🔥".repeat(5000),
                "a🔥".repeat(4000))) {
            Prediction p = classifier.classify(text);
            assertThat(p.securityProbability()).isBetween(0.0, 1.0);
            assertThat(p.themes()).hasSize(4);
        }
    }

    @Test
    void aVeryLongPostIsCutNotRejected() {
        String longPost = "Steps to reproduce the crash.\n".repeat(3000) + "This allows remote code execution.";

        assertThat(classifier.encoder().windows(longPost)[0]).hasSize(256);
        assertThat(classifier.classify(longPost).keywords()).contains("remote code execution");
    }

    @Test
    void concurrentCallersGetTheSameAnswerAsOneCaller() throws Exception {
        String text = "The server binds to 0.0.0.0 with no authentication; anyone can reach the API.";
        Prediction alone = classifier.classify(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Prediction>> futures = pool.invokeAll(List.of(
                    () -> classifier.classify(text),
                    () -> classifier.classify(text),
                    () -> classifier.classify(text),
                    () -> classifier.classify(text)));
            for (Future<Prediction> f : futures) {
                assertThat(f.get().securityProbability()).isEqualTo(alone.securityProbability());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aModelDirWithHeadsOnlyUsesTheBundledEncoder(@TempDir Path dir) throws Exception {
        Files.write(
                dir.resolve(ModelArtefact.FILE_NAME),
                ClassifierLoader.bundledArtefact().toBytes());

        Classifier byo = ClassifierLoader.load(dir);

        assertThat(byo.modelVersion()).isEqualTo(classifier.modelVersion());
        assertThat(byo.classify("XSS in the chat window").securityProbability()).isBetween(0.0, 1.0);
    }

    @Test
    void aModelDirWithEncoderTokenizerAndHeadsLoadsThatEncoder(@TempDir Path dir) throws Exception {
        ClassLoader cl = getClass().getClassLoader();
        try (var model = cl.getResourceAsStream(OnnxEncoder.BUNDLED_MODEL);
                var tokenizer = cl.getResourceAsStream(OnnxEncoder.BUNDLED_TOKENIZER)) {
            Files.copy(model, dir.resolve("model.onnx"));
            Files.copy(tokenizer, dir.resolve("tokenizer.json"));
        }
        Files.write(
                dir.resolve(ModelArtefact.FILE_NAME),
                ClassifierLoader.bundledArtefact().toBytes());
        String text = "Path traversal in the upload endpoint lets ../../ write anywhere on the server.";

        Classifier byo = ClassifierLoader.load(dir);

        assertThat(byo.classify(text).securityProbability())
                .isCloseTo(classifier.classify(text).securityProbability(), within(1e-3));
        ((AutoCloseable) byo).close();
    }

    @Test
    void aModelDirWithoutAModelSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ClassifierLoader.load(dir)).hasMessageContaining("neither");
        Files.writeString(dir.resolve("config.json"), "{\"id2label\": {\"0\": \"not_security\", \"1\": \"security\"}}");
        assertThatThrownBy(() -> ClassifierLoader.load(dir)).hasMessageContaining("model.onnx");
    }
}
