package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the keyword stage found in one post: per keyword, where it first appears in the post's own sentences and in
 * what was pasted (-1: nowhere), which ordinary senses were blanked out, and the post's split.
 *
 * @param titleLength where the title ends in the post's own sentences (evidence before it is in the title)
 */
public record KeywordMatch(
        KeywordStage stage, int[] inProse, int[] inPasted, boolean[] senses, PostText post, int titleLength) {

    /** Every matched keyword, those of the post's own sentences first, each group in order of first appearance. */
    public List<String> names() {
        List<String> out = ordered(inProse, null);
        out.addAll(ordered(inPasted, inProse));
        return out;
    }

    /**
     * Whether the post asks (a question or how-to) about a security topic and shows no evidence of a problem in its
     * own sentences: "where do I put my API key", "how do I turn the safety checker on".
     */
    public boolean asksAboutATopicOnly() {
        if (!post.question()) {
            return false;
        }
        boolean topic = false;
        for (int i = 0; i < inProse.length; i++) {
            if (stage.isEvidence(i) && inProse[i] >= 0) {
                return false;
            }
            topic |= !stage.isEvidence(i) && (inProse[i] >= 0 || inPasted[i] >= 0);
        }
        return topic;
    }

    /** The keywords the post's own sentences name (and {@code cve} for a CVE or GHSA id anywhere). */
    public List<String> proseNames() {
        return ordered(inProse, null);
    }

    private List<String> ordered(int[] at, int[] skipWhereFound) {
        List<int[]> hits = new ArrayList<>();
        for (int k = 0; k < at.length; k++) {
            if (at[k] >= 0 && (skipWhereFound == null || skipWhereFound[k] < 0)) {
                hits.add(new int[] {at[k], k});
            }
        }
        hits.sort(Comparator.<int[]>comparingInt(h -> h[0]).thenComparingInt(h -> h[1]));
        List<String> out = new ArrayList<>(hits.size());
        for (int[] h : hits) {
            out.add(stage.names().get(h[1]));
        }
        return out;
    }

    /**
     * The keyword block's 0/1 features, aligned with {@link KeywordStage#featureNames()}, as {@code reading} says:
     * without segments a keyword pasted counts as written (the round-3 features); without cues they stay 0; without
     * plain-words evidence its keywords stay 0 and are no evidence; with topics needing evidence, a post with no
     * evidence in its own sentences has no topic feature.
     */
    public float[] features(FeatureLayout.Reading reading) {
        boolean segments = reading.keywordSegments();
        boolean cues = reading.keywordCues();
        int k = inProse.length;
        int s = senses.length;
        float[] f = new float[2 * k + s + KeywordStage.CUES.size()];
        boolean topic = false;
        int evidenceWritten = 0;
        boolean evidencePasted = false;
        boolean evidenceInTitle = false;
        for (int i = 0; i < k; i++) {
            boolean read = reading.plainWordsEvidence() || !stage.isPlainWords(i);
            boolean written = read && inProse[i] >= 0;
            boolean pasted = read && inPasted[i] >= 0;
            if (segments) {
                f[i] = written ? 1f : 0f;
                f[k + i] = pasted && !written ? 1f : 0f;
            } else {
                f[i] = written || pasted ? 1f : 0f;
            }
            if (stage.isEvidence(i)) {
                evidenceWritten += written ? 1 : 0;
                evidencePasted |= pasted;
                evidenceInTitle |= written && inProse[i] < titleLength;
            } else {
                topic |= written || pasted;
            }
        }
        if (reading.topicsNeedEvidence() && evidenceWritten == 0) {
            for (int i = 0; i < k; i++) {
                if (!stage.isEvidence(i)) {
                    f[i] = 0f;
                    f[k + i] = 0f;
                }
            }
        }
        for (int j = 0; j < s; j++) {
            f[2 * k + j] = senses[j] ? 1f : 0f;
        }
        if (cues) {
            int c = 2 * k + s;
            f[c] = post.question() ? 1f : 0f;
            f[c + 1] = topic && evidenceWritten == 0 ? 1f : 0f;
            f[c + 2] = topic && evidenceWritten > 0 ? 1f : 0f;
            f[c + 3] = evidencePasted && evidenceWritten == 0 ? 1f : 0f;
            f[c + 4] = evidenceWritten >= 2 ? 1f : 0f;
            f[c + 5] = evidenceInTitle ? 1f : 0f;
            f[c + 6] = post.question() && topic && evidenceWritten == 0 ? 1f : 0f;
        }
        return f;
    }
}
