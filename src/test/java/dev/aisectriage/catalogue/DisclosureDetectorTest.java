package dev.aisectriage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.DisclosureDetector.Signal;
import org.junit.jupiter.api.Test;

class DisclosureDetectorTest {

    private final DisclosureDetector detector = new DisclosureDetector();

    @Test
    void pathTraversalWithProofOfConceptAndAffectedVersionsIsAnUndisclosedReport() {
        // when
        var assessment = detector.assess(Posts.UNDISCLOSED_REPORT_TEXT);

        // then
        assertThat(assessment.undisclosedReport()).isTrue();
        assertThat(assessment.signals())
                .contains(Signal.VULNERABILITY_CLASS, Signal.EXPLOIT_DETAILS, Signal.AFFECTED_VERSIONS);
    }

    @Test
    void rceReportWithReproductionButNoVersionsIsStillAReport() {
        // given
        String text = """
                Remote code execution via crafted workflow JSON
                An attacker can make the server run any command. Steps to reproduce: load the attached workflow, \
                the node passes the field to eval. This vulnerability affects every public instance.""";

        // then
        assertThat(detector.assess(text).undisclosedReport()).isTrue();
    }

    @Test
    void postCitingAPublishedCveIsNotUndisclosed() {
        // when
        var assessment = detector.assess(Posts.OUTDATED_DEPENDENCY_TEXT
                + "\nSteps to reproduce: pip-audit reports remote code execution in versions < 4.38.0.");

        // then
        assertThat(assessment.signals()).contains(Signal.PUBLISHED_IDENTIFIER);
        assertThat(assessment.undisclosedReport()).isFalse();
    }

    @Test
    void hardeningSuggestionWithoutExploitDetailsIsNotAReport() {
        // then
        assertThat(detector.assess(Posts.DESERIALIZATION_TEXT).undisclosedReport())
                .isFalse();
        assertThat(detector.assess(Posts.PROMPT_INJECTION_TEXT).undisclosedReport())
                .isFalse();
        assertThat(detector.assess(Posts.DATA_LEAK_TEXT).undisclosedReport()).isFalse();
    }

    @Test
    void ordinaryBugWithReproductionStepsIsNotAReport() {
        // given
        String text = """
                CUDA out of memory when batch size is 64
                Steps to reproduce: run train.py with --batch-size 64 on a 12 GB card. Affected versions: 0.4.0 and up.""";

        // then
        assertThat(detector.assess(text).undisclosedReport()).isFalse();
    }

    @Test
    void nullOrEmptyTextIsNotAReport() {
        assertThat(detector.assess(null).undisclosedReport()).isFalse();
        assertThat(detector.assess("").signals()).isEmpty();
    }
}
