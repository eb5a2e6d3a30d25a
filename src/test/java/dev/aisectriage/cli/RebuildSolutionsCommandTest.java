package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.Catalogue;
import dev.aisectriage.catalogue.IssueType;
import dev.aisectriage.catalogue.Solution;
import dev.aisectriage.catalogue.SolutionMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rebuild-solutions}: the committed issue-to-solution mapping is learned by a command, not by a test. */
class RebuildSolutionsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void codedPostsOfTheSharedFormatBecomeAMappingThatRanksTheirSolutionFirst() throws Exception {
        // given coded posts: ten of one issue type, each fixed by the same solution
        Catalogue catalogue = Catalogue.load();
        IssueType type = catalogue.issueTypes().iterator().next();
        Solution solution = catalogue.solutions().stream()
                .filter(s -> !catalogue.curated(type.id()).contains(s.id()))
                .findFirst()
                .orElseThrow();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ObjectNode post = JSON.createObjectNode()
                    .put("id", "o/r-" + i)
                    .put("repo", "o/r")
                    .put("text", "post " + i)
                    .put("is_security", 1);
            post.putArray("issue_codes").add(type.id());
            post.putArray("solution_codes").add(solution.id());
            lines.add(post.toString());
        }
        Files.write(dir.resolve("paper-posts.train.jsonl"), lines);
        Path out = dir.resolve("issue-solutions.json");

        // when the command runs on them
        int code = Cli.commandLine(Map.of())
                .execute("rebuild-solutions", "--data", dir.toString(), "--out", out.toString());

        // then it wrote a mapping learned from the ten posts, with their solution among the first of the type
        assertThat(code).isZero();
        SolutionMapping mapping;
        try (var in = Files.newInputStream(out)) {
            mapping = SolutionMapping.read(in);
        }
        assertThat(mapping.posts()).isEqualTo(10);
        assertThat(mapping.forIssue(type.id()).solutions().stream().limit(3))
                .extracting(SolutionMapping.Entry::solutionId)
                .contains(solution.id());
    }

    @Test
    void aFolderWithoutTheCodedFilesIsAUserErrorNamingIt() throws IOException {
        int code = Cli.commandLine(Map.of())
                .execute(
                        "rebuild-solutions",
                        "--data",
                        dir.toString(),
                        "--out",
                        dir.resolve("x.json").toString());

        assertThat(code).isEqualTo(UserError.EXIT_CODE);
        assertThat(dir.resolve("x.json")).doesNotExist();
    }
}
