package dev.aisectriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionTest {

    private static Prediction withThemes(Map<Theme, Double> themes) {
        return new Prediction(true, 0.9, themes, List.of(), List.of(), "test", List.of());
    }

    @Test
    void themesEquallyLikelyGiveTheSamePrimaryThemeWhateverOrderTheyCameIn() {
        Map<Theme, Double> dataFirst = new LinkedHashMap<>();
        dataFirst.put(Theme.DATA, 0.4);
        dataFirst.put(Theme.MODEL, 0.1);
        dataFirst.put(Theme.EXTERNAL_ECOSYSTEM, 0.4);
        dataFirst.put(Theme.SYSTEM_SOFTWARE, 0.1);
        Map<Theme, Double> ecosystemFirst = new LinkedHashMap<>();
        ecosystemFirst.put(Theme.EXTERNAL_ECOSYSTEM, 0.4);
        ecosystemFirst.put(Theme.SYSTEM_SOFTWARE, 0.1);
        ecosystemFirst.put(Theme.DATA, 0.4);
        ecosystemFirst.put(Theme.MODEL, 0.1);

        assertThat(withThemes(dataFirst).primaryTheme()).isEqualTo(Theme.EXTERNAL_ECOSYSTEM);
        assertThat(withThemes(ecosystemFirst).primaryTheme()).isEqualTo(Theme.EXTERNAL_ECOSYSTEM);
        assertThat(withThemes(dataFirst).themes().keySet()).containsExactly(Theme.values());
    }

    @Test
    void theMostLikelyThemeIsPrimary() {
        Map<Theme, Double> themes =
                Map.of(Theme.SYSTEM_SOFTWARE, 0.2, Theme.EXTERNAL_ECOSYSTEM, 0.1, Theme.MODEL, 0.6, Theme.DATA, 0.1);

        assertThat(withThemes(themes).primaryTheme()).isEqualTo(Theme.MODEL);
    }
}
