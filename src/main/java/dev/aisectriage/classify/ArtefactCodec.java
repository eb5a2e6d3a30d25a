package dev.aisectriage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link ModelArtefact} into the file's JSON shape ({@link ArtefactJson}) and back. */
final class ArtefactCodec {

    /** The abstain band's lower edge of artefacts that do not carry one (before round 4). */
    static final double DEFAULT_ABSTAIN_FROM = 0.35;

    private ArtefactCodec() {}

    static ArtefactJson toJson(ModelArtefact a, String withVersion) {
        var enc = new ArtefactJson.Encoder(
                a.encoder().name(),
                a.encoder().pooling().name(),
                a.encoder().window().name(),
                a.encoder().maxTokens(),
                a.encoder().prefix(),
                a.encoder().input() == EncoderInput.RAW
                        ? null
                        : a.encoder().input().name());
        var block = new ArtefactJson.Block(
                a.layout().embeddingDim(),
                a.layout().embeddingScale(),
                a.layout().keywordScale(),
                new ArtefactJson.Reading(
                        a.layout().reading().wordsFromProse(),
                        a.layout().reading().keywordSegments(),
                        a.layout().reading().keywordCues(),
                        a.layout().reading().blankSenses(),
                        a.layout().reading().plainWordsEvidence(),
                        a.layout().reading().topicsNeedEvidence(),
                        a.layout().reading().questionsNeedEvidence()),
                a.keywordNames(),
                a.layout().tfidf().vocabulary(),
                floats(a.layout().tfidf().idf()));
        var labels = new ArtefactJson.Labels(
                Arrays.stream(Theme.values()).map(Theme::name).toList(),
                a.issueTypes().stream()
                        .map(t -> new ArtefactJson.IssueType(
                                t.id(), t.name(), t.theme().name()))
                        .toList());
        JsonNode trainingNode = a.training() == null ? ArtefactJson.MAPPER.createObjectNode() : a.training();
        var cheap = a.cascade() == null
                ? null
                : new ArtefactJson.Cascade(
                        head(a.cascade().head()),
                        a.cascade().settleBelow(),
                        themeHeads(a.cascade().themes()),
                        a.cascade().themeOffsets());
        return new ArtefactJson(
                ModelArtefact.FORMAT,
                withVersion,
                enc,
                block,
                labels,
                headsJson(a),
                NeighboursJson.of(a.neighbours()),
                trainingNode,
                cheap);
    }

    private static ArtefactJson.Heads headsJson(ModelArtefact a) {
        return new ArtefactJson.Heads(
                head(a.security()),
                a.securityThreshold(),
                a.abstainFrom(),
                themeHeads(a.themes()),
                a.issueHeads().stream().map(ArtefactCodec::head).toList(),
                a.themeWeightInIssueScore(),
                a.issueWeightInThemeScore(),
                a.knnThemeWeight(),
                a.securityKnnWeight(),
                a.decisive().names().isEmpty()
                        ? null
                        : new ArtefactJson.Decisive(
                                a.decisive().names(),
                                a.decisive().precision(),
                                a.decisive().posts()),
                a.themeOffsets());
    }

    /** In theme order: the writer's map is a LinkedHashMap. */
    private static Map<String, ArtefactJson.Head> themeHeads(Map<Theme, LinearHead> heads) {
        Map<String, ArtefactJson.Head> out = new LinkedHashMap<>();
        for (Theme t : Theme.values()) {
            if (heads.containsKey(t)) {
                out.put(t.name(), head(heads.get(t)));
            }
        }
        return out;
    }

    private static Map<Theme, LinearHead> themes(Map<String, ArtefactJson.Head> heads) {
        Map<Theme, LinearHead> themes = new EnumMap<>(Theme.class);
        if (heads != null) {
            heads.forEach((t, h) -> themes.put(Theme.parse(t), head(h)));
        }
        return themes;
    }

    private static ArtefactJson.Head head(LinearHead h) {
        return new ArtefactJson.Head(h.label(), h.bias(), h.plattA(), h.plattB(), floats(h.weights()));
    }

    private static LinearHead head(ArtefactJson.Head h) {
        return new LinearHead(h.label(), floats(h.weights()), h.bias(), h.plattA(), h.plattB());
    }

    static ModelArtefact fromJson(ArtefactJson json) {
        if (json.format() != ModelArtefact.FORMAT) {
            throw new IllegalArgumentException("model artefact format " + json.format() + " is not supported (expected "
                    + ModelArtefact.FORMAT + ")");
        }
        ModelArtefact.EncoderSpec spec = encoderSpec(json.encoder());
        ArtefactJson.Block block = json.features();
        FeatureLayout layout = featureLayout(block);
        List<Taxonomy.IssueType> types = json.labels().issueTypes().stream()
                .map(t -> new Taxonomy.IssueType(t.id(), t.name(), Theme.parse(t.theme())))
                .toList();
        ArtefactJson.Heads heads = json.heads();
        Map<Theme, LinearHead> themes = themes(heads.themes());
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
                heads.abstainFrom() == null ? DEFAULT_ABSTAIN_FROM : heads.abstainFrom(),
                themes,
                heads.issueTypes().stream().map(ArtefactCodec::head).toList(),
                heads.themeWeightInIssueScore(),
                heads.issueWeightInThemeScore(),
                heads.knnThemeWeight(),
                heads.securityKnnWeight(),
                heads.themeOffsets(),
                dk == null
                        ? ModelArtefact.DecisiveKeywords.NONE
                        : new ModelArtefact.DecisiveKeywords(dk.names(), dk.precision(), dk.posts()),
                index,
                json.training(),
                json.cascade() == null
                        ? null
                        : new ModelArtefact.Cascade(
                                head(json.cascade().head()),
                                json.cascade().settleBelow(),
                                themes(json.cascade().themes()),
                                json.cascade().themeOffsets()));
    }

    private static ModelArtefact.EncoderSpec encoderSpec(ArtefactJson.Encoder enc) {
        return new ModelArtefact.EncoderSpec(
                enc.name(),
                Pooling.parse(enc.pooling()),
                TextWindow.parse(enc.window()),
                enc.maxTokens(),
                enc.prefix() == null ? "" : enc.prefix(),
                EncoderInput.parse(enc.input()));
    }

    private static FeatureLayout featureLayout(ArtefactJson.Block block) {
        return new FeatureLayout(
                new TfIdfVectorizer(block.vocabulary(), floats(block.idf())),
                block.embeddingDim(),
                block.keywords().size(),
                block.embeddingScale(),
                block.keywordScale(),
                block.reading() == null
                        ? FeatureLayout.Reading.ROUND_3
                        : new FeatureLayout.Reading(
                                block.reading().wordsFromProse(),
                                block.reading().keywordSegments(),
                                block.reading().keywordCues(),
                                block.reading().blankSenses(),
                                block.reading().plainWordsEvidence(),
                                block.reading().topicsNeedEvidence(),
                                block.reading().questionsNeedEvidence()));
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
