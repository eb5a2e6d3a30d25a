package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupedFoldsTest {

    private static List<LabelledPost> posts() {
        List<LabelledPost> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String repo = "owner/repo" + (i % 37);
            out.add(new LabelledPost(
                    repo + "-" + i, "github_issue", repo, null, "t", i % 2, null, null, null, null, null, null, null));
        }
        return out;
    }

    @Test
    void noRepositoryLandsInTwoFolds() {
        List<LabelledPost> posts = posts();

        int[] fold = GroupedFolds.assign(posts, 5, 42);

        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < posts.size(); i++) {
            Integer before = seen.putIfAbsent(posts.get(i).repo(), fold[i]);
            assertThat(before == null || before == fold[i])
                    .as(posts.get(i).repo())
                    .isTrue();
        }
    }

    @Test
    void foldsAreBalancedAndTheSameForTheSameSeed() {
        int[] a = GroupedFolds.assign(posts(), 5, 42);
        int[] b = GroupedFolds.assign(posts(), 5, 42);

        assertThat(a).isEqualTo(b);
        int[] size = new int[5];
        for (int f : a) {
            size[f]++;
        }
        for (int s : size) {
            assertThat(s).isBetween(30, 50);
        }
    }
}
