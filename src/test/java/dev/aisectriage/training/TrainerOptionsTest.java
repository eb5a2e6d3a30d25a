package dev.aisectriage.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainerOptionsTest {

    @Test
    void givenNamedAssignments_whenApplied_thenOnlyThoseOptionsChangeEachParsedAsItsType() {
        TrainerOptions d = TrainerOptions.defaults();

        TrainerOptions o = d.with("seed=7")
                .with(" cSecurity = 2.5 ")
                .with("minDf=3")
                .with("keywordScale=0.25")
                .with("cascade=false");

        assertEquals(7L, o.seed());
        assertEquals(2.5, o.cSecurity());
        assertEquals(3, o.minDf());
        assertEquals(0.25f, o.keywordScale());
        assertEquals(false, o.cascade());
        assertEquals(
                d,
                o.with("seed=" + d.seed())
                        .with("cSecurity=" + d.cSecurity())
                        .with("minDf=" + d.minDf())
                        .with("keywordScale=" + d.keywordScale())
                        .with("cascade=" + d.cascade()));
        assertEquals(d.withSeed(9), d.with("seed=9"));
    }

    @Test
    void givenUnknownNameOrNoEquals_whenApplied_thenClearError() {
        TrainerOptions d = TrainerOptions.defaults();

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> d.with("cFoo=1"));
        assertEquals("unknown trainer option 'cFoo'", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.with("seed"));
        assertThrows(NumberFormatException.class, () -> d.with("minDf=two"));
    }
}
