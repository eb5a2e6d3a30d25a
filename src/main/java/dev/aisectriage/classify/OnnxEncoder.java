package dev.aisectriage.classify;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A sentence encoder run directly with ONNX Runtime, tokenized with DJL's HuggingFace tokenizer. One session, loaded
 * once, shared by all threads ({@link OrtSession#run} is thread-safe).
 */
public final class OnnxEncoder implements AutoCloseable {

    /** The bundled encoder: all-MiniLM-L6-v2, quantized, from the langchain4j embeddings jar. */
    public static final String BUNDLED_MODEL = "all-minilm-l6-v2-q.onnx";

    public static final String BUNDLED_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    /** Characters kept from each end before tokenizing; bounds the cost of pathological posts. */
    private static final int MAX_CHARS_HEAD = 6_000;

    private static final int MAX_CHARS_TAIL = 3_000;

    private static final int MAX_CHUNKS = 4;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Pooling pooling;
    private final TextWindow window;
    private final int maxTokens;
    private final String prefix;
    private final boolean typeIdsInput;
    private final long clsId;
    private final long sepId;

    private OnnxEncoder(
            byte[] model, InputStream tokenizerJson, Pooling pooling, TextWindow window, int maxTokens, String prefix) {
        try {
            this.env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(2);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Idle intra-op threads would otherwise spin for a while after each run, taking the CPU the webhook
            // threads answer on (measured in docs/benchmarks.md).
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = env.createSession(model, options);
            Map<String, String> tokOptions = new HashMap<>();
            tokOptions.put("addSpecialTokens", "false");
            tokOptions.put("truncation", "false");
            tokOptions.put("padding", "false");
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, tokOptions);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the ONNX encoder: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer.json", e);
        }
        this.pooling = pooling;
        this.window = window;
        this.maxTokens = maxTokens;
        this.prefix = prefix == null ? "" : prefix;
        this.typeIdsInput = session.getInputNames().contains("token_type_ids");
        long[] special = tokenizer.encode("", true, false).getIds();
        if (special.length < 2) {
            throw new IllegalStateException("tokenizer adds no [CLS]/[SEP] tokens; cannot frame windows");
        }
        this.clsId = special[0];
        this.sepId = special[special.length - 1];
    }

    /** The MiniLM encoder bundled on the class path, mean pooling as it was trained. */
    public static OnnxEncoder bundled(TextWindow window, int maxTokens) {
        try (InputStream model = resource(BUNDLED_MODEL);
                InputStream tok = resource(BUNDLED_TOKENIZER)) {
            return new OnnxEncoder(model.readAllBytes(), tok, Pooling.MEAN, window, maxTokens, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An encoder from a folder holding {@code model.onnx} and {@code tokenizer.json}. */
    public static OnnxEncoder fromDirectory(
            Path dir, Pooling pooling, TextWindow window, int maxTokens, String prefix) {
        try (InputStream tok = Files.newInputStream(dir.resolve("tokenizer.json"))) {
            return new OnnxEncoder(
                    Files.readAllBytes(dir.resolve("model.onnx")), tok, pooling, window, maxTokens, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model.onnx and tokenizer.json in " + dir, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("class path resource " + name + " is missing (langchain4j MiniLM jar)");
        }
        return in;
    }

    public TextWindow window() {
        return window;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** L2-normalised sentence embedding of the text under this encoder's window strategy. */
    public float[] embed(String text) {
        long[][] windows = windows(text);
        float[] sum = null;
        for (long[] ids : windows) {
            float[] v = pool(forward(ids), ids.length);
            if (sum == null) {
                sum = v;
            } else {
                for (int i = 0; i < v.length; i++) {
                    sum[i] += v[i];
                }
            }
        }
        return normalise(sum);
    }

    /** Token ids (with [CLS] and [SEP]) of each window fed to the network for this text. */
    public long[][] windows(String text) {
        long[] body = bodyIds(text);
        int room = maxTokens - 2;
        if (body.length <= room) {
            return new long[][] {frame(body, 0, body.length, null, 0, 0)};
        }
        switch (window) {
            case HEAD:
                return new long[][] {frame(body, 0, room, null, 0, 0)};
            case HEAD_TAIL: {
                int tail = room / 4;
                int head = room - tail;
                return new long[][] {frame(body, 0, head, body, body.length - tail, tail)};
            }
            case CHUNKS: {
                int n = Math.min(MAX_CHUNKS, (body.length + room - 1) / room);
                long[][] out = new long[n][];
                for (int c = 0; c < n; c++) {
                    int from = c * room;
                    out[c] = frame(body, from, Math.min(room, body.length - from), null, 0, 0);
                }
                return out;
            }
            default:
                throw new IllegalStateException(window.name());
        }
    }

    private long[] bodyIds(String text) {
        String t = prefix + (text == null ? "" : text);
        if (t.length() > MAX_CHARS_HEAD + MAX_CHARS_TAIL) {
            int head = MAX_CHARS_HEAD;
            int tail = t.length() - MAX_CHARS_TAIL;
            // Never cut a surrogate pair in two: the tokenizer would see half a character.
            if (Character.isHighSurrogate(t.charAt(head - 1))) {
                head--;
            }
            if (Character.isLowSurrogate(t.charAt(tail))) {
                tail++;
            }
            t = t.substring(0, head) + "\n" + t.substring(tail);
        }
        Encoding e = tokenizer.encode(t, false, false);
        return e.getIds();
    }

    private long[] frame(long[] a, int aFrom, int aLen, long[] b, int bFrom, int bLen) {
        long[] ids = new long[aLen + bLen + 2];
        ids[0] = clsId;
        System.arraycopy(a, aFrom, ids, 1, aLen);
        if (b != null) {
            System.arraycopy(b, bFrom, ids, 1 + aLen, bLen);
        }
        ids[ids.length - 1] = sepId;
        return ids;
    }

    /** One raw forward pass: the last hidden state, [tokens][hidden]. Public so the benchmark can time it alone. */
    public float[][] forward(long[] ids) {
        return ((float[][][]) forwardOutput(ids))[0];
    }

    /** One raw forward pass returning the network's first output as ONNX Runtime gives it (hidden states, logits). */
    public Object forwardOutput(long[] ids) {
        long[][] inputIds = {ids};
        long[][] mask = new long[1][ids.length];
        Arrays.fill(mask[0], 1L);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, inputIds));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (typeIdsInput) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[1][ids.length]));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return result.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX forward pass failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(float[][] hidden, int tokens) {
        int dim = hidden[0].length;
        if (pooling == Pooling.CLS) {
            return hidden[0].clone();
        }
        float[] mean = new float[dim];
        for (int t = 0; t < tokens; t++) {
            for (int d = 0; d < dim; d++) {
                mean[d] += hidden[t][d];
            }
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= tokens;
        }
        return mean;
    }

    static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) norm;
            }
        }
        return v;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        tokenizer.close();
    }
}
