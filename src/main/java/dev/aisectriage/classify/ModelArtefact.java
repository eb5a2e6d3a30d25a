package dev.aisectriage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
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
        JsonNode training) {

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

    /** Which encoder produced the embeddings the heads were trained on. */
    public record EncoderSpec(String name, Pooling pooling, TextWindow window, int maxTokens, String prefix) {}

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public static ModelArtefact read(InputStream gz) {
        try (InputStream in = new GZIPInputStream(gz)) {
            return fromJson(JSON.readTree(in));
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
        ObjectNode root = toJson();
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(buf)) {
                out.write(JSON.writeValueAsBytes(root));
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

    /** A content-derived version string: {@code minilm-heads-1-<first 10 hex of sha256>}. */
    public static String versionOf(ObjectNode contentWithoutVersion) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(contentWithoutVersion);
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "heads-" + FORMAT + "-" + HexFormat.of().formatHex(sha).substring(0, 10);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns a copy whose version is the hash of its content. */
    public ModelArtefact withContentVersion() {
        ObjectNode root = toJson();
        root.remove("version");
        return new ModelArtefact(
                versionOf(root),
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
                training);
    }

    ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", version);
        ObjectNode enc = root.putObject("encoder");
        enc.put("name", encoder.name());
        enc.put("pooling", encoder.pooling().name());
        enc.put("window", encoder.window().name());
        enc.put("max_tokens", encoder.maxTokens());
        enc.put("prefix", encoder.prefix());
        ObjectNode lay = root.putObject("features");
        lay.put("embedding_dim", layout.embeddingDim());
        lay.put("embedding_scale", layout.embeddingScale());
        lay.put("keyword_scale", layout.keywordScale());
        ArrayNode kw = lay.putArray("keywords");
        keywordNames.forEach(kw::add);
        ArrayNode vocab = lay.putArray("vocabulary");
        layout.tfidf().vocabulary().forEach(vocab::add);
        lay.put("idf", floats(layout.tfidf().idf()));
        ObjectNode labels = root.putObject("labels");
        ArrayNode th = labels.putArray("themes");
        for (Theme t : Theme.values()) {
            th.add(t.name());
        }
        ArrayNode it = labels.putArray("issue_types");
        for (Taxonomy.IssueType t : issueTypes) {
            it.addObject()
                    .put("id", t.id())
                    .put("name", t.name())
                    .put("theme", t.theme().name());
        }
        ObjectNode heads = root.putObject("heads");
        heads.set("security", head(security));
        heads.put("security_threshold", securityThreshold);
        ObjectNode tn = heads.putObject("themes");
        themes.forEach((t, h) -> tn.set(t.name(), head(h)));
        ArrayNode ih = heads.putArray("issue_types");
        issueHeads.forEach(h -> ih.add(head(h)));
        heads.put("theme_weight_in_issue_score", themeWeightInIssueScore);
        heads.put("issue_weight_in_theme_score", issueWeightInThemeScore);
        heads.put("knn_theme_weight", knnThemeWeight);
        heads.put("security_knn_weight", securityKnnWeight);
        if (!decisive.names().isEmpty()) {
            ObjectNode dk = heads.putObject("decisive_keywords");
            ArrayNode names = dk.putArray("names");
            decisive.names().forEach(names::add);
            dk.put("precision", decisive.precision());
            dk.put("posts", decisive.posts());
        }
        if (themeOffsets != null) {
            ArrayNode off = heads.putArray("theme_offsets");
            for (double o : themeOffsets) {
                off.add(o);
            }
        }
        ObjectNode nb = root.putObject("neighbours");
        nb.put("dim", neighbours.dim());
        ArrayNode ids = nb.putArray("ids");
        neighbours.ids().forEach(ids::add);
        ArrayNode urls = nb.putArray("urls");
        neighbours.urls().forEach(urls::add);
        StringBuilder sec = new StringBuilder();
        for (boolean b : neighbours.security()) {
            sec.append(b ? '1' : '0');
        }
        nb.put("security", sec.toString());
        nb.put("themes", neighbours.themes());
        nb.put("vectors_int8", Base64.getEncoder().encodeToString(neighbours.vectors()));
        root.set("training", training == null ? JSON.createObjectNode() : training);
        return root;
    }

    private static ObjectNode head(LinearHead h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("label", h.label());
        n.put("bias", h.bias());
        n.put("platt_a", h.plattA());
        n.put("platt_b", h.plattB());
        n.put("weights", floats(h.weights()));
        return n;
    }

    private static LinearHead head(JsonNode n) {
        return new LinearHead(
                n.get("label").asText(),
                floats(n.get("weights").asText()),
                n.get("bias").asDouble(),
                n.get("platt_a").asDouble(),
                n.get("platt_b").asDouble());
    }

    static ModelArtefact fromJson(JsonNode root) {
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IllegalArgumentException(
                    "model artefact format " + format + " is not supported (expected " + FORMAT + ")");
        }
        JsonNode enc = root.get("encoder");
        EncoderSpec spec = new EncoderSpec(
                enc.get("name").asText(),
                Pooling.parse(enc.get("pooling").asText()),
                TextWindow.parse(enc.get("window").asText()),
                enc.get("max_tokens").asInt(),
                enc.path("prefix").asText(""));
        JsonNode lay = root.get("features");
        List<String> vocab = strings(lay.get("vocabulary"));
        List<String> keywords = strings(lay.get("keywords"));
        FeatureLayout layout = new FeatureLayout(
                new TfIdfVectorizer(vocab, floats(lay.get("idf").asText())),
                lay.get("embedding_dim").asInt(),
                keywords.size(),
                (float) lay.get("embedding_scale").asDouble(),
                (float) lay.get("keyword_scale").asDouble());
        List<Taxonomy.IssueType> types = new ArrayList<>();
        for (JsonNode t : root.get("labels").get("issue_types")) {
            types.add(new Taxonomy.IssueType(
                    t.get("id").asText(),
                    t.get("name").asText(),
                    Theme.parse(t.get("theme").asText())));
        }
        JsonNode heads = root.get("heads");
        Map<Theme, LinearHead> themes = new EnumMap<>(Theme.class);
        heads.get("themes").fields().forEachRemaining(e -> themes.put(Theme.parse(e.getKey()), head(e.getValue())));
        List<LinearHead> issueHeads = new ArrayList<>();
        heads.get("issue_types").forEach(h -> issueHeads.add(head(h)));
        JsonNode nb = root.get("neighbours");
        String sec = nb.get("security").asText();
        boolean[] security = new boolean[sec.length()];
        for (int i = 0; i < security.length; i++) {
            security[i] = sec.charAt(i) == '1';
        }
        NeighbourIndex index = new NeighbourIndex(
                strings(nb.get("ids")),
                strings(nb.get("urls")),
                security,
                nb.get("themes").asText(),
                Base64.getDecoder().decode(nb.get("vectors_int8").asText()),
                nb.get("dim").asInt());
        return new ModelArtefact(
                root.get("version").asText(),
                spec,
                layout,
                keywords,
                types,
                head(heads.get("security")),
                heads.get("security_threshold").asDouble(),
                themes,
                issueHeads,
                heads.get("theme_weight_in_issue_score").asDouble(),
                heads.get("issue_weight_in_theme_score").asDouble(),
                heads.get("knn_theme_weight").asDouble(),
                heads.path("security_knn_weight").asDouble(0),
                offsets(heads.get("theme_offsets")),
                decisive(heads.get("decisive_keywords")),
                index,
                root.get("training"));
    }

    private static DecisiveKeywords decisive(JsonNode node) {
        if (node == null || !node.isObject()) {
            return DecisiveKeywords.NONE;
        }
        return new DecisiveKeywords(
                strings(node.get("names")),
                node.get("precision").asDouble(),
                node.get("posts").asInt());
    }

    private static double[] offsets(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(v -> out.add(v.asText()));
        return out;
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
