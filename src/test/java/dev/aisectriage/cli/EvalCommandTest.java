package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.catalogue.Recommendation;
import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.training.LabelledPost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("slow")
class EvalCommandTest {

    private static final String TINY = "src/test/resources/eval/tiny.jsonl";

    @Test
    void evalOfTheBundledModelWritesEveryFigure(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("eval.json");

        int code = new CommandLine(new EvalCommand()).execute("--data", TINY, "--json", out.toString());

        assertThat(code).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        assertThat(r.get("n").asInt()).isEqualTo(7);
        for (String f : List.of("precision", "recall", "f1", "mcc", "tp", "fp", "tn", "fn")) {
            assertThat(r.get("security").has(f)).as(f).isTrue();
        }
        assertThat(r.at("/security/tp").asInt() + r.at("/security/fn").asInt()).isEqualTo(4);
        assertThat(r.at("/theme/primary_accuracy").isNumber()).isTrue();
        assertThat(r.at("/theme/per_theme/DATA").isObject()).isTrue();
        assertThat(r.at("/issue_codes/top3_recall").isNumber()).isTrue();
        // one item carries solution codes (secure deserialization, for a torch.load report): the shipped recommender
        // ranks it in the top 3
        assertThat(r.at("/solutions/n").asInt()).isEqualTo(1);
        assertThat(r.at("/solutions/hit_at_3").asDouble()).isEqualTo(1.0);
        assertThat(r.at("/solutions/first_fix").asDouble()).isEqualTo(1.0);
        assertThat(r.at("/latency_ms/p50").asDouble()).isPositive();
        assertThat(r.at("/latency_ms/p99").asDouble())
                .isGreaterThanOrEqualTo(r.at("/latency_ms/p50").asDouble());
    }

    @Test
    void crossValidationTrainsARecommenderPerFoldOnTheTrainingSideOnly(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cv.json");
        List<Integer> trainingSizes = new ArrayList<>();
        Function<List<LabelledPost>, SolutionRecommender> factory = posts -> {
            trainingSizes.add(posts.size());
            return (prediction, limit) -> List.of(new Recommendation("secure-deserialization-practices", 1, "r"));
        };

        int code = new CommandLine(new EvalCommand(factory))
                .execute("--data", TINY, "--cv", "2", "--json", out.toString(), "--set", "innerFolds=2");

        assertThat(code).isZero();
        assertThat(trainingSizes).hasSize(2).allMatch(n -> n < 7);
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        assertThat(r.get("grouped_by").asText()).isEqualTo("repo");
        assertThat(r.get("folds")).hasSize(2);
        assertThat(r.at("/mean_sd/all/security.mcc/mean").isNumber()).isTrue();
        assertThat(r.at("/pooled/all/n").asInt()).isEqualTo(7);
        // the one post with solution codes is scored by its own fold's recommender in the pooled figures too
        assertThat(r.at("/pooled/all/solutions/hit_at_3").asDouble()).isEqualTo(1.0);
        assertThat(r.at("/pooled/all/solutions/first_fix").asDouble()).isEqualTo(1.0);
        assertThat(r.at("/mean_sd/all/solutions.first_fix/mean").isNumber()).isTrue();
    }

    @Test
    void predictionsAreWrittenOnePerPostWithoutTheirTextAndLeftOutOfTheReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("eval.json");
        Path lines = dir.resolve("predictions.jsonl");

        int code = new CommandLine(new EvalCommand())
                .execute("--data", TINY, "--json", out.toString(), "--predictions", lines.toString());

        assertThat(code).isZero();
        List<String> written = java.nio.file.Files.readAllLines(lines);
        assertThat(written).hasSize(7);
        List<LabelledPost> posts = LabelledPost.read(Path.of(TINY));
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < posts.size(); i++) {
            JsonNode line = json.readTree(written.get(i));
            assertThat(line.get("id").asText()).isEqualTo(posts.get(i).id());
            assertThat(line.get("is_security").asInt()).isEqualTo(posts.get(i).isSecurity());
            assertThat(line.get("security_probability").asDouble()).isBetween(0.0, 1.0);
            assertThat(line.get("predicted_issue_types").size()).isEqualTo(3);
            assertThat(written.get(i)).doesNotContain(posts.get(i).text().substring(0, 40));
        }
        assertThat(json.readTree(out.toFile()).has("predictions")).isFalse();
    }

    @Test
    void crossValidationWritesEveryOutOfFoldPrediction(@TempDir Path dir) throws Exception {
        Path lines = dir.resolve("oof.jsonl");

        int code = new CommandLine(new EvalCommand(null))
                .execute("--data", TINY, "--cv", "2", "--set", "innerFolds=2", "--predictions", lines.toString());

        assertThat(code).isZero();
        assertThat(java.nio.file.Files.readAllLines(lines))
                .hasSize(7)
                .allMatch(l -> l.contains("\"predicted_security\""));
    }

    @Test
    void crossValidationOnSeveralSeedsReportsEachSplitAndTheirMean(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cv.json");

        int code = new CommandLine(new EvalCommand(null))
                .execute(
                        "--data",
                        TINY,
                        "--cv",
                        "2",
                        "--set",
                        "innerFolds=2",
                        "--seeds",
                        "42,7",
                        "--json",
                        out.toString());

        assertThat(code).isZero();
        JsonNode splits = new ObjectMapper().readTree(out.toFile()).get("splits");
        assertThat(splits.get("seeds")).hasSize(2);
        JsonNode mcc = splits.at("/figures/security.mcc/all");
        assertThat(mcc.get("per_split")).hasSize(2);
        double mean = (mcc.get("per_split").get(0).asDouble()
                        + mcc.get("per_split").get(1).asDouble())
                / 2;
        assertThat(mcc.get("mean").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-3));
    }
}
