package dev.aisectriage.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The artefact file's JSON shape, bound by Jackson. Property order is fixed so that the same model gives the same
 * bytes (and the same content hash) in every run; optional parts are left out when absent, as they always were.
 */
@JsonPropertyOrder({"format", "version", "encoder", "features", "labels", "heads", "neighbours", "training", "cascade"})
record ArtefactJson(
        int format,
        @JsonInclude(JsonInclude.Include.NON_NULL) String version,
        Encoder encoder,
        Block features,
        Labels labels,
        Heads heads,
        Neighbours neighbours,
        JsonNode training,
        @JsonInclude(JsonInclude.Include.NON_NULL) Cascade cascade) {

    /** Unknown properties are ignored so that an older reader can load a newer artefact's known parts. */
    static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @JsonPropertyOrder({"name", "pooling", "window", "max_tokens", "prefix", "input"})
    record Encoder(
            String name,
            String pooling,
            String window,
            @JsonProperty("max_tokens") int maxTokens,
            String prefix,
            @JsonInclude(JsonInclude.Include.NON_NULL) String input) {}

    @JsonPropertyOrder({"embedding_dim", "embedding_scale", "keyword_scale", "reading", "keywords", "vocabulary", "idf"
    })
    record Block(
            @JsonProperty("embedding_dim") int embeddingDim,
            @JsonProperty("embedding_scale") float embeddingScale,
            @JsonProperty("keyword_scale") float keywordScale,
            @JsonInclude(JsonInclude.Include.NON_NULL) Reading reading,
            List<String> keywords,
            List<String> vocabulary,
            String idf) {}

    /** Which part of a post each block reads (absent before round 4: the whole post, keywords as one). */
    @JsonPropertyOrder({
        "words_from_prose",
        "keyword_segments",
        "keyword_cues",
        "blank_senses",
        "plain_words_evidence",
        "topics_need_evidence",
        "questions_need_evidence"
    })
    record Reading(
            @JsonProperty("words_from_prose") boolean wordsFromProse,
            @JsonProperty("keyword_segments") boolean keywordSegments,
            @JsonProperty("keyword_cues") boolean keywordCues,
            @JsonProperty("blank_senses") boolean blankSenses,
            @JsonProperty("plain_words_evidence") boolean plainWordsEvidence,
            @JsonProperty("topics_need_evidence") boolean topicsNeedEvidence,
            @JsonProperty("questions_need_evidence") boolean questionsNeedEvidence) {}

    @JsonPropertyOrder({"themes", "issue_types"})
    record Labels(
            List<String> themes,
            @JsonProperty("issue_types") List<IssueType> issueTypes) {}

    @JsonPropertyOrder({"id", "name", "theme"})
    record IssueType(String id, String name, String theme) {}

    /** One logistic-regression head; weights are base64 of little-endian float32. */
    @JsonPropertyOrder({"label", "bias", "platt_a", "platt_b", "weights"})
    record Head(
            String label,
            double bias,
            @JsonProperty("platt_a") double plattA,
            @JsonProperty("platt_b") double plattB,
            String weights) {}

    @JsonPropertyOrder({
        "security",
        "security_threshold",
        "abstain_from",
        "themes",
        "issue_types",
        "theme_weight_in_issue_score",
        "issue_weight_in_theme_score",
        "knn_theme_weight",
        "security_knn_weight",
        "decisive_keywords",
        "theme_offsets"
    })
    record Heads(
            Head security,
            @JsonProperty("security_threshold") double securityThreshold,

            @JsonProperty("abstain_from") @JsonInclude(JsonInclude.Include.NON_NULL)
            Double abstainFrom,
            /* in theme order: a LinkedHashMap from the writer */
            Map<String, Head> themes,
            @JsonProperty("issue_types") List<Head> issueTypes,
            @JsonProperty("theme_weight_in_issue_score") double themeWeightInIssueScore,
            @JsonProperty("issue_weight_in_theme_score") double issueWeightInThemeScore,
            @JsonProperty("knn_theme_weight") double knnThemeWeight,
            @JsonProperty("security_knn_weight") double securityKnnWeight,

            @JsonProperty("decisive_keywords") @JsonInclude(JsonInclude.Include.NON_NULL)
            Decisive decisiveKeywords,

            @JsonProperty("theme_offsets") @JsonInclude(JsonInclude.Include.NON_NULL)
            double[] themeOffsets) {}

    /** The cheap first stage (absent in artefacts before round 3). */
    @JsonPropertyOrder({"head", "settle_below", "themes", "theme_offsets"})
    record Cascade(
            Head head,
            @JsonProperty("settle_below") double settleBelow,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Head> themes,

            @JsonProperty("theme_offsets") @JsonInclude(JsonInclude.Include.NON_NULL)
            double[] themeOffsets) {}

    @JsonPropertyOrder({"names", "precision", "posts"})
    record Decisive(List<String> names, double precision, int posts) {}

    /** Neighbours' security flags and theme codes are one character per post; vectors are base64 of int8. */
    @JsonPropertyOrder({"dim", "ids", "urls", "security", "themes", "vectors_int8"})
    record Neighbours(
            int dim,
            List<String> ids,
            List<String> urls,
            String security,
            String themes,
            @JsonProperty("vectors_int8") String vectorsInt8) {}
}
