package asynccourse.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A learner's mode (strict checks off), as the notebook runner sets it for the wrong attempts. */
class ExercisesTest {
    private String strictBefore;

    @BeforeEach
    void learnerMode() {
        strictBefore = System.setProperty("course.strictChecks", "false");
    }

    @AfterEach
    void restore() {
        if (strictBefore == null) {
            System.clearProperty("course.strictChecks");
        } else {
            System.setProperty("course.strictChecks", strictBefore);
        }
        System.clearProperty(Exercises.LIMIT_PROPERTY);
    }

    @Test
    void exercise_cellStoppedBeforeItsEnd_saysFixItFirstWithoutJudging() {
        Exercises.start("Exercise 91");   // ... and the cell broke before Exercises.end
        AtomicBoolean judged = new AtomicBoolean();
        String out = printedBy(() -> Check.exercise("Exercise 91", true, () -> judged.getAndSet(true), "hint"));
        assertTrue(out.startsWith(Verdict.DID_NOT_COMPILE.line("Exercise 91", "")), out);
        assertFalse(judged.get(), "a broken cell's stale code is not judged");
        Exercises.start("Exercise 91");
        Exercises.end("Exercise 91");
        out = printedBy(() -> Check.exercise("Exercise 91", true, () -> true, "hint"));
        assertTrue(out.startsWith(Verdict.CORRECT.line("Exercise 91", "")), out);
    }

    @Test
    void attempt_pastTheLimit_isInterruptedAndTheVerdictSaysDidNotFinish() {
        System.setProperty(Exercises.LIMIT_PROPERTY, "0.2");
        Exercises.start("Exercise 92");
        Exercises.end("Exercise 92");
        AtomicBoolean interrupted = new AtomicBoolean();
        Object result = Exercises.attempt(() -> {
            try {
                Thread.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return "late";
        });
        assertNull(result);
        assertTrue(interrupted.get(), "the attempt's thread was interrupted");
        String out = printedBy(() -> Check.exercise("Exercise 92", true, () -> true, "look again"));
        assertTrue(out.startsWith(Verdict.DID_NOT_FINISH.line("Exercise 92", " within the 0.200 s limit")), out);
        assertTrue(out.contains("Hint: look again"), out);
    }

    @Test
    void attempt_throws_verdictNamesTheExceptionWithoutAStackTrace() {
        Exercises.start("Exercise 93");
        Exercises.end("Exercise 93");
        assertNull(Exercises.attempt(() -> { throw new IllegalStateException("b: not found"); }));
        AtomicBoolean judged = new AtomicBoolean();
        String out = printedBy(() -> Check.exercise("Exercise 93", true, () -> judged.getAndSet(true), "hint"));
        assertTrue(out.startsWith(Verdict.NOT_YET.line("Exercise 93", " Your code threw IllegalStateException: b: not found.")), out);
        assertFalse(out.contains("\tat "), out);
        assertFalse(judged.get());
    }

    @Test
    void exercise_notYet_saysWhatTheAttemptDidBeforeTheHint() {
        String out = printedBy(() -> Check.exercise("Exercise 94", true, () -> false,
                () -> "You got [hello, world] in 3.000 s, like the starting code.", "look again"));
        assertTrue(out.startsWith(Verdict.NOT_YET.line("Exercise 94",
                " You got [hello, world] in 3.000 s, like the starting code. Hint: look again")), out);
    }

    /** What JShell throws when code calls a method whose body uses a name defined nowhere. */
    static final class FakeSPIResolutionException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void cell_namesDefinedNowhere_saysFixTheExerciseFirst() {
        String out = printedBy(() -> {
            try {
                Check.cell("Exercise 95", () -> { throw new FakeSPIResolutionException(); });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(out.startsWith(Verdict.DID_NOT_COMPILE.line("Exercise 95", " its code uses something Java cannot find")), out);
    }

    @Test
    void cell_aBugInTheCheckItself_isNotHidden() {
        assertThrowsIllegalState(() -> Check.cell("Exercise 96", () -> { throw new IllegalStateException("check bug"); }));
    }

    private static void assertThrowsIllegalState(Check.Body body) {
        try {
            body.run();
        } catch (IllegalStateException expected) {
            return;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("nothing thrown");
    }

    private static String printedBy(Runnable action) {
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
