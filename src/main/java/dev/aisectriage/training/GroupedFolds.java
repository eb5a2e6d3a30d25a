package dev.aisectriage.training;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/** Fold assignment grouped by repository: no repository lands on both sides of a fold. Deterministic per seed. */
public final class GroupedFolds {

    private GroupedFolds() {}

    /** Fold number (0..k-1) of each post; groups are spread, largest first, onto the fold with fewest posts. */
    public static int[] assign(List<LabelledPost> posts, int k, long seed) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < posts.size(); i++) {
            groups.computeIfAbsent(groupOf(posts.get(i), i), g -> new ArrayList<>())
                    .add(i);
        }
        List<Map.Entry<String, List<Integer>>> order = new ArrayList<>(groups.entrySet());
        order.sort(Comparator.<Map.Entry<String, List<Integer>>>comparingInt(
                        e -> -e.getValue().size())
                .thenComparingLong(e -> hash(e.getKey(), seed))
                .thenComparing(Map.Entry::getKey));
        int[] fold = new int[posts.size()];
        int[] load = new int[k];
        for (Map.Entry<String, List<Integer>> e : order) {
            int f = 0;
            for (int j = 1; j < k; j++) {
                if (load[j] < load[f]) {
                    f = j;
                }
            }
            for (int i : e.getValue()) {
                fold[i] = f;
            }
            load[f] += e.getValue().size();
        }
        return fold;
    }

    private static String groupOf(LabelledPost p, int i) {
        if (p.repo() != null && !p.repo().isBlank()) {
            return p.repo().toLowerCase(Locale.ROOT);
        }
        return p.id() != null ? "id:" + p.id() : "row:" + i;
    }

    private static long hash(String key, long seed) {
        CRC32 crc = new CRC32();
        crc.update((seed + ":" + key).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
