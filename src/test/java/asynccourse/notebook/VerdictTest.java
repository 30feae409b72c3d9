package asynccourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictTest {
    @Test
    void parse_eachKindsLine_givesThatKind() {
        for (Verdict v : Verdict.values()) {
            assertEquals(Optional.of(v), Verdict.parse(v.line("Exercise 12", " Hint: look again")), v.name());
        }
    }

    @Test
    void parse_otherLines_giveNothing() {
        assertEquals(Optional.empty(), Verdict.parse("✔ 8 platform threads ran side by side"));
        assertEquals(Optional.empty(), Verdict.parse("measured: 0.500 s"));
        assertEquals(Optional.empty(), Verdict.parse("✘ Exercise 1: something else"));
    }
}
