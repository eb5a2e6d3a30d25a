package dev.aisectriage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Everything {@code train} learns, in one gzipped JSON file ({@value #FILE_NAME}): label space, encoder settings,
 * vocabulary, weights, calibration, thresholds, and the training posts' ids/links with compact embeddings.
 * Arrays are base64 of little-endian float32 (int8 for neighbour vectors). Same inputs give the same bytes.
 *
 * @param securityThreshold the probability from which a post is flagged
 * @param abstainFrom       the probability from which a post not flagged is left to a maintainer (needs-triage), as
 *                          chosen by training for a real tracker's stream; a repository's config may set its own
 */
public record ModelArtefact(
        String version,
        EncoderSpec encoder,
        FeatureLayout layout,
        List<String> keywordNames,
        List<Taxonomy.IssueType> issueTypes,
        LinearHead security,
        double securityThreshold,
        double abstainFrom,
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
     * the encoder; the theme heads and offsets for the posts it settles, trained the same way (empty in artefacts
     * before round 4: the full theme heads then score them). Null: every post goes through the encoder.
     */
    public record Cascade(LinearHead head, double settleBelow, Map<Theme, LinearHead> themes, double[] themeOffsets) {

        /** A cheap stage without theme heads of its own. */
        public Cascade(LinearHead head, double settleBelow) {
            this(head, settleBelow, Map.of(), null);
        }
    }

    /** Which encoder produced the embeddings the heads were trained on, and which part of a post it read. */
    public record EncoderSpec(
            String name, Pooling pooling, TextWindow window, int maxTokens, String prefix, EncoderInput input) {

        /** An encoder reading the post as given. */
        public EncoderSpec(String name, Pooling pooling, TextWindow window, int maxTokens, String prefix) {
            this(name, pooling, window, maxTokens, prefix, EncoderInput.RAW);
        }
    }

    public static ModelArtefact read(InputStream gz) {
        try (InputStream in = new GZIPInputStream(gz)) {
            return ArtefactCodec.fromJson(ArtefactJson.MAPPER.readValue(in, ArtefactJson.class));
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
                out.write(ArtefactJson.MAPPER.writeValueAsBytes(ArtefactCodec.toJson(this, version)));
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

    private ModelArtefact withVersion(String v) {
        return new ModelArtefact(
                v,
                encoder,
                layout,
                keywordNames,
                issueTypes,
                security,
                securityThreshold,
                abstainFrom,
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

    /** Returns a copy whose version is {@code heads-<format>-<first 10 hex of the sha256 of its content>}. */
    public ModelArtefact withContentVersion() {
        String hash;
        try {
            byte[] bytes = ArtefactJson.MAPPER.writeValueAsBytes(ArtefactCodec.toJson(this, null));
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
            hash = HexFormat.of().formatHex(sha).substring(0, 10);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return withVersion("heads-" + FORMAT + "-" + hash);
    }
}
