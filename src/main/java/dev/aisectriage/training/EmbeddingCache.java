package dev.aisectriage.training;

import dev.aisectriage.classify.OnnxEncoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Embeds texts once: an optional on-disk cache (one append-only file per encoder setting, keyed by the text's
 * SHA-1) for experiments and cross-validation. Without a directory it only embeds.
 */
public final class EmbeddingCache {

    private final OnnxEncoder encoder;
    private final Path file;
    private final Map<String, float[]> known = new HashMap<>();

    public EmbeddingCache(OnnxEncoder encoder, String encoderName, Path dirOrNull) {
        this.encoder = encoder;
        this.file = dirOrNull == null
                ? null
                : dirOrNull.resolve(encoderName + "-" + encoder.window() + "-" + encoder.maxTokens() + ".bin");
        if (file != null && Files.exists(file)) {
            load();
        }
    }

    public float[][] embedAll(List<String> texts, java.io.PrintStream progress) {
        float[][] out = new float[texts.size()][];
        int computed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < texts.size(); i++) {
            String key = sha1(texts.get(i));
            float[] v = known.get(key);
            if (v == null) {
                v = encoder.embed(texts.get(i));
                known.put(key, v);
                append(key, v);
                computed++;
                if (progress != null && computed % 250 == 0) {
                    progress.printf("embedded %d new texts (%.1f s)%n", computed, (System.nanoTime() - start) / 1e9);
                }
            }
            out[i] = v;
        }
        if (progress != null) {
            progress.printf(
                    "embeddings: %d from cache, %d computed in %.1f s%n",
                    texts.size() - computed, computed, (System.nanoTime() - start) / 1e9);
        }
        return out;
    }

    private void load() {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                String key;
                try {
                    key = in.readUTF();
                } catch (EOFException e) {
                    break;
                }
                float[] v = new float[in.readInt()];
                for (int d = 0; d < v.length; d++) {
                    v[d] = in.readFloat();
                }
                known.put(key, v);
            }
        } catch (EOFException e) {
            // A record cut short by an interrupted run: keep what was read.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding cache " + file, e);
        }
    }

    private void append(String key, float[] v) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                    Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                out.writeUTF(key);
                out.writeInt(v.length);
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + file, e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
