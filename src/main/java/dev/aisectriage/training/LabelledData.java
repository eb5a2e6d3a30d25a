package dev.aisectriage.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Labelled posts read from several JSONL files, with each post's role. A file is "weak" when its name says weak
 * negatives; a file holding both security and non-security posts (and not weak) is where thresholds are tuned,
 * which for the shared data is {@code issues-labelled.train.jsonl}, the AI-project issues.
 */
public record LabelledData(List<LabelledPost> posts, boolean[] weak, boolean[] tune) {

    public static LabelledData read(List<Path> files) {
        List<LabelledPost> all = new ArrayList<>();
        List<Boolean> weak = new ArrayList<>();
        List<Boolean> tune = new ArrayList<>();
        for (Path f : files) {
            List<LabelledPost> posts = LabelledPost.read(f);
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean isWeak = name.contains("weak-negative") || name.contains("weak_negative");
            boolean pos = posts.stream().anyMatch(p -> p.isSecurity() != null && p.isSecurity() == 1);
            boolean neg = posts.stream().anyMatch(p -> p.isSecurity() != null && p.isSecurity() == 0);
            boolean isTune = !isWeak && pos && neg;
            for (LabelledPost p : posts) {
                all.add(p);
                weak.add(isWeak);
                tune.add(isTune);
            }
        }
        boolean[] w = new boolean[all.size()];
        boolean[] t = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            w[i] = weak.get(i);
            t[i] = tune.get(i);
        }
        return new LabelledData(all, w, t);
    }

    public TrainingSet withEmbeddings(float[][] embeddings) {
        return new TrainingSet(posts, embeddings, weak, tune);
    }
}
