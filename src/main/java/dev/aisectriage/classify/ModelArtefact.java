package dev.aisectriage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Everything {@code train} learns, in one gzipped JSON file ({@value #FILE_NAME}): label space, encoder settings,
 * vocabulary, weights, calibration, thresholds, and the training posts' ids/links with compact embeddings.
 * Arrays are base64 of little-endian float32 (int8 for neighbour vectors). Same inputs give the same bytes.
 */
public record ModelArtefact(
        String version,
        EncoderSpec encoder,
        FeatureLayout layout,
        List<String> keywordNames,
        List<Taxonomy.IssueType> issueTypes,
        LinearHead security,
        double securityThreshold,
        Map<Theme, LinearHead> themes,
        List<LinearHead> issueHeads,
        double themeWeightInIssueScore,
        double issueWeightInThemeScore,
        double knnThemeWeight,
        double securityKnnWeight,
        double[] themeOffsets,
        DecisiveKeywords decisive,
        NeighbourIndex neighbours,
        JsonNode training,
        Cascade cascade) {

    public static final String FILE_NAME = "heads.json.gz";

    public static final int FORMAT = 1;

    /**
     * Keywords that label a post security on their own, with the share of the tuning posts naming one that were
     * security (Laplace-smoothed); that share is the probability such a post is given at least. No names: no rule.
     */
    public record DecisiveKeywords(List<String> names, double precision, int posts) {

        public static final DecisiveKeywords NONE = new DecisiveKeywords(List.of(), 0, 0);

        public DecisiveKeywords {
            names = List.copyOf(names);
        }

        /** Whether any of these keywords is among the matched ones. */
        public boolean matchesAny(List<String> matched) {
            for (String m : matched) {
                if (names.contains(m)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The cheap first stage: a security head over TF-IDF and keywords only (its embedding weights are zero), and the
     * probability under which a post that names no vulnerability class is settled as not security without running
     * the encoder. Null: every post goes through the encoder.
     */
    public record Cascade(LinearHead head, double settleBelow) {}

    /** Which encoder produced the embeddings the heads were trained on. */
    public record EncoderSpec(String name, Pooling pooling, TextWindow window, int maxTokens, String prefix) {}

    public static ModelArtefact read(InputStream gz) {
        try (InputStream in = new GZIPInputStream(gz)) {
            return fromJson(ArtefactJson.MAPPER.readValue(in, ArtefactJson.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model artefact", e);
        }
    }

    public static ModelArtefact read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Bytes of the artefact; the version is a hash of the content, so identical training gives identical bytes. */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(buf)) {
                out.write(ArtefactJson.MAPPER.writeValueAsBytes(toJson(version)));
            }
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Returns a copy whose version is {@code heads-<format>-<first 10 hex of the sha256 of its content>}. */
    public ModelArtefact withContentVersion() {
        String hash;
        try {
            byte[] bytes = ArtefactJson.MAPPER.writeValueAsBytes(toJson(null));
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
            hash = HexFormat.of().formatHex(sha).substring(0, 10);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new ModelArtefact(
                "heads-" + FORMAT + "-" + hash,
                encoder,
                layout,
                keywordNames,
                issueTypes,
                security,
                securityThreshold,
                themes,
                issueHeads,
                themeWeightInIssueScore,
                issueWeightInThemeScore,
                knnThemeWeight,
                securityKnnWeight,
                themeOffsets,
                decisive,
                neighbours,
                training,
                cascade);
    }

    private ArtefactJson toJson(String withVersion) {
        var enc = new ArtefactJson.Encoder(
                encoder.name(),
                encoder.pooling().name(),
                encoder.window().name(),
                encoder.maxTokens(),
                encoder.prefix());
        var block = new ArtefactJson.Block(
                layout.embeddingDim(),
                layout.embeddingScale(),
                layout.keywordScale(),
                keywordNames,
                layout.tfidf().vocabulary(),
                floats(layout.tfidf().idf()));
        var labels = new ArtefactJson.Labels(
                Arrays.stream(Theme.values()).map(Theme::name).toList(),
                issueTypes.stream()
                        .map(t -> new ArtefactJson.IssueType(
                                t.id(), t.name(), t.theme().name()))
                        .toList());
        JsonNode trainingNode = training == null ? ArtefactJson.MAPPER.createObjectNode() : training;
        var cheap = cascade == null ? null : new ArtefactJson.Cascade(head(cascade.head()), cascade.settleBelow());
        return new ArtefactJson(
                FORMAT,
                withVersion,
                enc,
                block,
                labels,
                headsJson(),
                NeighboursJson.of(neighbours),
                trainingNode,
                cheap);
    }

    private ArtefactJson.Heads headsJson() {
        Map<String, ArtefactJson.Head> themeHeads = new LinkedHashMap<>();
        themes.forEach((t, h) -> themeHeads.put(t.name(), head(h)));
        return new ArtefactJson.Heads(
                head(security),
                securityThreshold,
                themeHeads,
                issueHeads.stream().map(ModelArtefact::head).toList(),
                themeWeightInIssueScore,
                issueWeightInThemeScore,
                knnThemeWeight,
                securityKnnWeight,
                decisive.names().isEmpty()
                        ? null
                        : new ArtefactJson.Decisive(decisive.names(), decisive.precision(), decisive.posts()),
                themeOffsets);
    }

    private static ArtefactJson.Head head(LinearHead h) {
        return new ArtefactJson.Head(h.label(), h.bias(), h.plattA(), h.plattB(), floats(h.weights()));
    }

    private static LinearHead head(ArtefactJson.Head h) {
        return new LinearHead(h.label(), floats(h.weights()), h.bias(), h.plattA(), h.plattB());
    }

    private static ModelArtefact fromJson(ArtefactJson json) {
        if (json.format() != FORMAT) {
            throw new IllegalArgumentException(
                    "model artefact format " + json.format() + " is not supported (expected " + FORMAT + ")");
        }
        EncoderSpec spec = encoderSpec(json.encoder());
        ArtefactJson.Block block = json.features();
        FeatureLayout layout = featureLayout(block);
        List<Taxonomy.IssueType> types = json.labels().issueTypes().stream()
                .map(t -> new Taxonomy.IssueType(t.id(), t.name(), Theme.parse(t.theme())))
                .toList();
        ArtefactJson.Heads heads = json.heads();
        Map<Theme, LinearHead> themes = new EnumMap<>(Theme.class);
        heads.themes().forEach((t, h) -> themes.put(Theme.parse(t), head(h)));
        NeighbourIndex index = NeighboursJson.index(json.neighbours());
        ArtefactJson.Decisive dk = heads.decisiveKeywords();
        return new ModelArtefact(
                json.version(),
                spec,
                layout,
                block.keywords(),
                types,
                head(heads.security()),
                heads.securityThreshold(),
                themes,
                heads.issueTypes().stream().map(ModelArtefact::head).toList(),
                heads.themeWeightInIssueScore(),
                heads.issueWeightInThemeScore(),
                heads.knnThemeWeight(),
                heads.securityKnnWeight(),
                heads.themeOffsets(),
                dk == null ? DecisiveKeywords.NONE : new DecisiveKeywords(dk.names(), dk.precision(), dk.posts()),
                index,
                json.training(),
                json.cascade() == null
                        ? null
                        : new Cascade(
                                head(json.cascade().head()), json.cascade().settleBelow()));
    }

    private static EncoderSpec encoderSpec(ArtefactJson.Encoder enc) {
        return new EncoderSpec(
                enc.name(),
                Pooling.parse(enc.pooling()),
                TextWindow.parse(enc.window()),
                enc.maxTokens(),
                enc.prefix() == null ? "" : enc.prefix());
    }

    private static FeatureLayout featureLayout(ArtefactJson.Block block) {
        return new FeatureLayout(
                new TfIdfVectorizer(block.vocabulary(), floats(block.idf())),
                block.embeddingDim(),
                block.keywords().size(),
                block.embeddingScale(),
                block.keywordScale());
    }

    static String floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    static float[] floats(String base64) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII)))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat();
        }
        return out;
    }
}
