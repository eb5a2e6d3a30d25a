package dev.aisectriage.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The keys of issue 20: {@code disclosure} and {@code delay_minutes}. */
class RepoConfigSecurityTeamKeysTest {

    private static final String FILE = "example-ml/model-zoo:.github/ai-security-triage.yml";

    @Test
    void withoutTheKeysTheBotPointsToThePrivateChannelAndActsAtOnce() {
        // given a file that sets neither key
        RepoConfig c = RepoConfigParser.parse("comment: true\n", FILE);

        // then containment is off and there is no head start
        assertThat(c.errors()).isEmpty();
        assertThat(c.disclosure()).isEqualTo(RepoConfig.Disclosure.POINT);
        assertThat(c.delayMinutes()).isZero();
    }

    @Test
    void containAndAHeadStartAreRead() {
        // given a repository that opts in to containment and gives maintainers a quarter of an hour
        RepoConfig c = RepoConfigParser.parse("disclosure: contain\ndelay_minutes: 15\n", FILE);

        // then both apply
        assertThat(c.errors()).isEmpty();
        assertThat(c.disclosure()).isEqualTo(RepoConfig.Disclosure.CONTAIN);
        assertThat(c.delayMinutes()).isEqualTo(15);
    }

    @Test
    void anUnknownDisclosureWordIsAnErrorNamingTheChoicesAndNothingOfTheFileApplies() {
        // given a word that is not one of the two, beside a valid head start
        RepoConfig c = RepoConfigParser.parse("delay_minutes: 10\ndisclosure: hide\n", FILE);

        // then the error names the line and the choices, and the defaults apply
        assertThat(c.errors())
                .containsExactly(FILE + " line 2: 'disclosure' must be one of point, contain, found text 'hide'");
        assertThat(c.disclosure()).isEqualTo(RepoConfig.Disclosure.POINT);
        assertThat(c.delayMinutes()).isZero();
    }

    @Test
    void aHeadStartMustBeWholeMinutesFromNoneToADay() {
        // given a negative, a fractional and a too long head start
        RepoConfig negative = RepoConfigParser.parse("delay_minutes: -5\n", FILE);
        RepoConfig fraction = RepoConfigParser.parse("delay_minutes: 2.5\n", FILE);
        RepoConfig tooLong = RepoConfigParser.parse("delay_minutes: 2000\n", FILE);

        // then each is refused with the same wording
        String expected = " line 1: 'delay_minutes' must be a whole number between 0 and 1440, found number ";
        assertThat(negative.errors()).containsExactly(FILE + expected + "'-5'");
        assertThat(fraction.errors()).containsExactly(FILE + expected + "'2.5'");
        assertThat(tooLong.errors()).containsExactly(FILE + expected + "'2000'");
    }

    @Test
    void addingAnErrorFromAnotherFileKeepsTheKeysSettings() {
        // given settings read with containment and a head start
        RepoConfig c = RepoConfigParser.parse("disclosure: contain\ndelay_minutes: 15\n", FILE);

        // when an error of another file is added to them
        RepoConfig withError = c.withErrors(java.util.List.of("example-ml/.github: unreadable"), "example-ml/.github");

        // then both settings survive
        assertThat(withError.disclosure()).isEqualTo(RepoConfig.Disclosure.CONTAIN);
        assertThat(withError.delayMinutes()).isEqualTo(15);
    }
}
