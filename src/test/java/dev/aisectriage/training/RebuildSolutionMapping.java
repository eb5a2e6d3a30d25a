package dev.aisectriage.training;

import dev.aisectriage.catalogue.SolutionMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: regenerates the committed {@code src/main/resources/catalogue/issue-solutions.json} from the shared
 * coded posts. Run it with
 * {@code ./mvnw -B -o test -Dtest=RebuildSolutionMapping -Dcatalogue.rebuild=true}.
 */
@EnabledIfSystemProperty(named = "catalogue.rebuild", matches = "true")
class RebuildSolutionMapping {

    static final List<String> CODED_FILES =
            List.of("paper-posts.train.jsonl", "issues-labelled.train.jsonl", "issues-labelled-3.train.jsonl");

    @Test
    void rebuild() {
        List<LabelledPost> posts = codedPosts();
        Assumptions.assumeFalse(posts.isEmpty(), "no shared data found under " + sharedData());
        Path out = Path.of("src/main/resources/catalogue/issue-solutions.json");
        SolutionMapping mapping = SolutionMappingLearner.learn(posts);
        mapping.writeTo(out);
        System.out.println("wrote " + out.toAbsolutePath() + " from " + mapping.posts() + " coded posts");
    }

    static Path sharedData() {
        return Path.of(System.getProperty("shared.data.dir", "../shared/data"));
    }

    static List<LabelledPost> codedPosts() {
        List<LabelledPost> posts = new ArrayList<>();
        for (String name : CODED_FILES) {
            Path file = sharedData().resolve(name);
            if (Files.exists(file)) {
                posts.addAll(LabelledPost.read(file));
            }
        }
        return posts;
    }
}
