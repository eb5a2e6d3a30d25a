package dev.aisectriage.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ModelArtefactTest {

    @Test
    void givenTheCommittedArtefact_whenReadAndWrittenAgain_thenTheBytesAndVersionAreUnchanged() throws IOException {
        // given
        byte[] committed;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ClassifierLoader.BUNDLED_HEADS)) {
            committed = in.readAllBytes();
        }

        // when
        ModelArtefact artefact = ModelArtefact.read(new ByteArrayInputStream(committed));

        // then
        assertThat(artefact.toBytes()).isEqualTo(committed);
        assertThat(artefact.withContentVersion().version()).isEqualTo(artefact.version());
    }

    @Test
    void givenTheCommittedArtefact_thenItCarriesItsOperatingPointAndHowItReadsAPost() {
        ModelArtefact artefact = ClassifierLoader.bundledArtefact();

        assertThat(artefact.abstainFrom()).isBetween(0.0, artefact.securityThreshold());
        assertThat(artefact.layout().reading()).isEqualTo(FeatureLayout.Reading.DEFAULT);
        assertThat(artefact.encoder().input()).isEqualTo(EncoderInput.TEXT);
        assertThat(artefact.keywordNames()).isEqualTo(new KeywordStage().featureNames());
        assertThat(artefact.security().bias()).as("the heads keep their bias").isNotZero();
        assertThat(artefact.training()
                        .at("/operating_point_out_of_fold/ordinary_flagged")
                        .asDouble())
                .isBetween(0.0, 0.005);
    }

    @Test
    void givenTheRepositoryDefaults_thenTheAbstainBandIsTheOneTheModelChose() {
        assertThat(dev.aisectriage.config.RepoConfig.defaults().abstainFrom())
                .isEqualTo(ClassifierLoader.bundledArtefact().abstainFrom());
    }

    @Test
    void givenAnArtefactOfAnotherFormat_whenRead_thenTheErrorNamesBothFormats() throws IOException {
        // given
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(buf)) {
            out.write("{\"format\":2}".getBytes(StandardCharsets.UTF_8));
        }

        // when / then
        assertThatThrownBy(() -> ModelArtefact.read(new ByteArrayInputStream(buf.toByteArray())))
                .hasMessageContaining("format 2 is not supported (expected 1)");
    }
}
