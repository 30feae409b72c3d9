package asynccourse.books;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OneCoreQuizTest {
    private static Reading reading(long wallMs, Long cpuMs) {
        return new Reading("test", Duration.ofMillis(wallMs), asynccourse.trace.Timeline.of(List.of()), List.of(),
                cpuMs == null ? Optional.empty() : Optional.of(Duration.ofMillis(cpuMs)));
    }

    @Test
    void answer_isTheOptionWhoseFactorIsTheNumberOfBooks() {
        assertEquals("A", OneCoreQuiz.answer(1));
        assertEquals("B", OneCoreQuiz.answer(2));
        assertEquals("C", OneCoreQuiz.answer(3));
    }

    @Test
    void answer_noSuchOption_throws() {
        assertThrows(IllegalArgumentException.class, () -> OneCoreQuiz.answer(0));
        assertThrows(IllegalArgumentException.class, () -> OneCoreQuiz.answer(4));
    }

    @Test
    void isRight_threeBooks_onlyC_anyCaseAndBlanks() {
        assertTrue(OneCoreQuiz.isRight("C", 3));
        assertTrue(OneCoreQuiz.isRight(" c ", 3));
        assertFalse(OneCoreQuiz.isRight("A", 3));
        assertFalse(OneCoreQuiz.isRight("B", 3));
        assertFalse(OneCoreQuiz.isRight("", 3));
        assertFalse(OneCoreQuiz.isRight(null, 3));
    }

    @Test
    void describe_ratioNearTheBooks_oneLineWithTheRatio() {
        String s = OneCoreQuiz.describe(reading(150, 150L), reading(460, 440L), 3);
        assertEquals("measured: one book 0.150 s, 3 books on 3 threads on one core 0.460 s; CPU time 2.9 times as much", s);
    }

    @Test
    void describe_ratioStrays_explainsWhyAndKeepsTheSetUpsFactor() {
        // as seen on a learner's machine: the one-book run included the JIT's warm-up
        String s = OneCoreQuiz.describe(reading(270, 270L), reading(450, 450L), 3);
        assertTrue(s.contains("CPU time 1.7 times as much"), s);
        assertTrue(s.contains("not 3 times this once") && s.contains("the work itself is 3 books' pages"), s);
        assertEquals(2, s.lines().count(), s);
    }

    @Test
    void describe_noCpuTime_saysSo() {
        String s = OneCoreQuiz.describe(reading(150, null), reading(450, null), 3);
        assertTrue(s.endsWith("(this JVM reports no CPU time)"), s);
    }
}
