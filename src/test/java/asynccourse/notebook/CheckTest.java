package asynccourse.notebook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CheckTest {
    @Test
    void that_false_failsNamingTheClaim() {
        AssertionError e = assertThrows(AssertionError.class, () -> Check.that(false, "the sky is green"));
        assertTrue(e.getMessage().contains("the sky is green"));
    }

    @Test
    void equal_differentValues_failsWithBoth() {
        AssertionError e = assertThrows(AssertionError.class, () -> Check.equal(55L, 54L, "fib(10)"));
        assertTrue(e.getMessage().contains("expected 55 but got 54"), e.getMessage());
        assertDoesNotThrow(() -> Check.equal(55L, 55L, "fib(10)"));
    }

    @Test
    void near_outsideTolerance_fails_insidePasses() {
        Duration two = Duration.ofSeconds(2);
        Duration tol = Duration.ofMillis(300);
        assertThrows(AssertionError.class, () -> Check.near(Duration.ofSeconds(3), two, tol, "2 s"));
        assertThrows(AssertionError.class, () -> Check.near(Duration.ofMillis(1650), two, tol, "2 s"));
        assertDoesNotThrow(() -> Check.near(Duration.ofMillis(2250), two, tol, "2 s"));
    }

    @Test
    void atMost_overLimit_fails() {
        assertThrows(AssertionError.class, () -> Check.atMost(Duration.ofMillis(101), Duration.ofMillis(100), "fast"));
        assertDoesNotThrow(() -> Check.atMost(Duration.ofMillis(100), Duration.ofMillis(100), "fast"));
    }

    @Test
    void exercise_wrongAnswer_failsWithHint() {
        AssertionError e = assertThrows(AssertionError.class, () -> Check.exercise("Exercise 1", false, "count every call"));
        assertTrue(e.getMessage().contains("count every call"));
    }

    @Test
    void near_inAGermanLocale_stillWritesADecimalPoint() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> Check.near(Duration.ofMillis(2400), Duration.ofSeconds(2), Duration.ofMillis(300), "2 s"));
            assertTrue(e.getMessage().contains("measured 2.400 s (expected 2.000 s ± 0.300 s)"), e.getMessage());
        } finally {
            Locale.setDefault(before);
        }
    }
}
