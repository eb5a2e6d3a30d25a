package dev.aisectriage.cli;

import dev.aisectriage.catalogue.SolutionMapping;
import dev.aisectriage.training.LabelledPost;
import dev.aisectriage.training.SolutionMappingLearner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Learns the issue-type-to-solution mapping the comments recommend from the coded posts and writes it, for the
 * catalogue's committed {@code src/main/resources/catalogue/issue-solutions.json} (docs/catalogue.md).
 */
@Command(
        name = "rebuild-solutions",
        mixinStandardHelpOptions = true,
        description = "Learn the issue-type-to-solution mapping from the coded posts and write it (docs/catalogue.md).")
public final class RebuildSolutionsCommand implements Callable<Integer> {

    /** The shared files whose posts carry both issue and solution codes. */
    static final List<String> CODED_FILES =
            List.of("paper-posts.train.jsonl", "issues-labelled.train.jsonl", "issues-labelled-3.train.jsonl");

    @Option(
            names = "--data",
            defaultValue = "../shared/data",
            description = "the folder of the shared labelled files (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(
            names = "--out",
            defaultValue = "src/main/resources/catalogue/issue-solutions.json",
            description = "where the mapping is written (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        List<LabelledPost> posts = new ArrayList<>();
        for (String name : CODED_FILES) {
            Path file = data.resolve(name);
            if (Files.exists(file)) {
                posts.addAll(LabelledPost.read(file));
            }
        }
        if (posts.isEmpty()) {
            throw new UserError(
                    "--data " + data + " holds none of " + CODED_FILES + ": point --data to the shared labelled files");
        }
        SolutionMapping mapping = SolutionMappingLearner.learn(posts);
        mapping.writeTo(out);
        System.err.println("wrote " + out + " from " + mapping.posts() + " coded posts");
        return 0;
    }
}
