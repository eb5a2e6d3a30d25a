package dev.aisectriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cascade's cheap stage on the committed artefact: it settles plain posts and never a named vulnerability. */
class CascadeTest {

    private static final HeadsModel HEADS = new HeadsModel(ClassifierLoader.bundledArtefact());

    @Test
    void givenTheCommittedArtefact_thenItCarriesACheapStage() {
        assertThat(HEADS.artefact().cascade()).isNotNull();
        assertThat(HEADS.artefact().cascade().settleBelow()).isBetween(0.0, 0.5);
    }

    @Test
    void givenAPlainFeatureRequest_whenSettled_thenItIsNotSecurityWithoutTheEncoder() {
        // when
        var settled = HEADS.settle(
                "Dark mode is not remembered after restarting the app. Expected the theme setting to persist in"
                        + " the config file; it resets to light every time.");

        // then
        assertThat(settled).isPresent();
        assertThat(settled.get().security()).isFalse();
        assertThat(settled.get().securityProbability())
                .isLessThan(HEADS.artefact().cascade().settleBelow());
        assertThat(settled.get().neighbours()).isEmpty();
    }

    @Test
    void givenTheCommittedArtefact_thenTheCheapStageHasThemeHeadsOfItsOwn() {
        assertThat(HEADS.artefact().cascade().themes()).containsOnlyKeys(Theme.values());
        assertThat(HEADS.artefact().cascade().themeOffsets()).hasSize(Theme.values().length);
    }

    @Test
    void givenAPlainPostAboutPrivacy_whenSettled_thenItsThemeComesFromTheCheapStagesHeads() {
        var settled = HEADS.settle("Please add a setting to turn off usage statistics. Our privacy policy requires"
                + " an opt-in for any analytics.");

        assertThat(settled).isPresent();
        assertThat(settled.get().themes().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(settled.get().primaryTheme()).isEqualTo(Theme.DATA);
    }

    @Test
    void givenAPostNamingAVulnerabilityClass_whenSettling_thenTheEncoderDecides() {
        // a plain-sounding bug report whose only signal is a crafted file causing a heap overflow
        assertThat(HEADS.settle("Parsing a crafted GGUF file causes a heap-buffer-overflow in the tensor loader"))
                .isEmpty();
        assertThat(HEADS.settle("Path traversal in the upload endpoint")).isEmpty();
    }
}
