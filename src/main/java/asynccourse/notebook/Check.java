package asynccourse.notebook;

import asynccourse.trace.Seconds;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Checks that a notebook makes of its own claims: each prints what it verified, or fails the
 * cell with a message that says what was expected and what happened. Where the prose already
 * says what is checked, {@link #quietly()} checks the same way but prints nothing on success. Exercise verdicts are the
 * exception: for a learner they print feedback ("waiting for your answer", "not yet" and a
 * hint) instead of failing; only under {@code ./course test} ({@link #strict()}) do they fail.
 *
 * <p>Threading: stateless; call from any thread. Null policy: a {@code null} claim or duration
 * is a programming error and throws {@link NullPointerException}; {@code null} values may be
 * compared by {@link #equal}.
 *
 * <p>Timing checks take a tolerance: a claim such as "2 seconds" holds on a busy 2-core
 * machine when it is measured inside one cell's code and checked with, say, 2 s ± 0.3 s.
 * A check never asserts an absolute time that depends on how fast the CPU is (a learner's
 * machine can be four times slower, or busy): such a claim is checked as a ratio to a baseline
 * measured in the same cell, as an order or overlap read from the trace
 * ({@link asynccourse.trace.Timeline#oneAtATime}, {@link asynccourse.trace.Span#overlaps}), or
 * as a physical floor ({@link #atLeast}: a 0.5 s sleep never takes less) with a wide ceiling.
 *
 * <pre>{@code
 * Check.near(result.elapsed(), Duration.ofSeconds(2), Duration.ofMillis(300), "two tasks take 2 s, not 3 s");
 * Check.equal(55L, Fib.plain(10).value(), "fib(10) = 55");
 * }</pre>
 */
public final class Check {
    private Check() {}

    /**
     * The quiet form of these checks, for claims the notebook's prose already states: prints
     * nothing when a claim holds, fails the cell with the same message when it does not.
     *
     * <pre>{@code
     * Check.quietly().equal(55L, Fib.plain(10).value(), "fib(10) = 55");
     * }</pre>
     *
     * @return the quiet checker (stateless, shared)
     */
    public static QuietCheck quietly() {
        return QuietCheck.INSTANCE;
    }

    /**
     * Passes when {@code ok}; prints {@code "✔ claim"}.
     *
     * @param ok whether the claim held
     * @param claim what the notebook claims, in words
     * @throws AssertionError "✘ claim" when it did not hold
     */
    public static void that(boolean ok, String claim) {
        System.out.println(verifyThat(ok, claim));
    }

    static String verifyThat(boolean ok, String claim) {
        Objects.requireNonNull(claim, "claim");
        if (!ok) {
            throw new AssertionError("✘ " + claim);
        }
        return "✔ " + claim;
    }

    /**
     * Passes when {@code expected.equals(actual)} (or both are null); prints the value.
     *
     * @param expected the value the notebook claims
     * @param actual the value it got
     * @param claim what the notebook claims, in words
     * @throws AssertionError naming both values when they differ
     */
    public static void equal(Object expected, Object actual, String claim) {
        System.out.println(verifyEqual(expected, actual, claim));
    }

    static String verifyEqual(Object expected, Object actual, String claim) {
        Objects.requireNonNull(claim, "claim");
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError("✘ " + claim + ": expected " + expected + " but got " + actual);
        }
        return "✔ " + claim + " (" + actual + ")";
    }

    /**
     * Passes when {@code actual} is within {@code tolerance} of {@code expected}; prints the
     * measurement either way.
     *
     * @param actual the measured duration
     * @param expected the claimed duration
     * @param tolerance how far off a busy machine may be
     * @param claim what the notebook claims, in words
     * @throws AssertionError with the measurement when it is off by more
     */
    public static void near(Duration actual, Duration expected, Duration tolerance, String claim) {
        System.out.println(verifyNear(actual, expected, tolerance, claim));
    }

    static String verifyNear(Duration actual, Duration expected, Duration tolerance, String claim) {
        Objects.requireNonNull(claim, "claim");
        Duration off = actual.minus(expected).abs();
        String measured = seconds(actual) + " (expected " + seconds(expected) + " ± " + seconds(tolerance) + ")";
        if (off.compareTo(tolerance) > 0) {
            throw new AssertionError("✘ " + claim + ": measured " + measured);
        }
        return "✔ " + claim + ": measured " + measured;
    }

    /**
     * Passes when {@code actual} is at most {@code limit}; prints the measurement.
     *
     * @param actual the measured duration
     * @param limit the longest it may be
     * @param claim what the notebook claims, in words
     * @throws AssertionError with the measurement when it is longer
     */
    public static void atMost(Duration actual, Duration limit, String claim) {
        System.out.println(verifyAtMost(actual, limit, claim));
    }

    static String verifyAtMost(Duration actual, Duration limit, String claim) {
        Objects.requireNonNull(claim, "claim");
        String measured = seconds(actual) + " (limit " + seconds(limit) + ")";
        if (actual.compareTo(limit) > 0) {
            throw new AssertionError("✘ " + claim + ": measured " + measured);
        }
        return "✔ " + claim + ": measured " + measured;
    }

    /**
     * Passes when {@code actual} is at least {@code floor}: what physics guarantees (a 0.5 s
     * sleep never takes less than 0.5 s). Prints the measurement.
     *
     * @param actual the measured duration
     * @param floor the shortest it can possibly be
     * @param claim what the notebook claims, in words
     * @throws AssertionError with the measurement when it is shorter
     */
    public static void atLeast(Duration actual, Duration floor, String claim) {
        System.out.println(verifyAtLeast(actual, floor, claim));
    }

    static String verifyAtLeast(Duration actual, Duration floor, String claim) {
        Objects.requireNonNull(claim, "claim");
        String measured = seconds(actual) + " (at least " + seconds(floor) + ")";
        if (actual.compareTo(floor) < 0) {
            throw new AssertionError("✘ " + claim + ": measured " + measured);
        }
        return "✔ " + claim + ": measured " + measured;
    }

    /**
     * An exercise's verdict, as feedback rather than a crash: prints "correct", or "not yet"
     * with the hint. Under {@code ./course test} (environment variable
     * {@value #STRICT_ENV}{@code =1}) anything but "correct" fails the cell, so a reference
     * answer that does not pass is caught.
     *
     * @param name the exercise, e.g. "Exercise 2"
     * @param correct whether the learner's answer is right
     * @param hint what to look at again when it is not; guides without giving the answer
     * @throws AssertionError only in strict mode, when the answer is not correct
     */
    public static void exercise(String name, boolean correct, String hint) {
        exercise(name, true, () -> correct, hint);
    }

    /**
     * An exercise's verdict, one of {@link Verdict}'s kinds: "fix the exercise cell above first"
     * when its last run stopped at a compile error or an exception ({@link Exercises#ranToEnd}) or its
     * code uses a name Java cannot find;
     * "did not finish" when the learner's code ran past the time limit ({@link Exercises#attempt});
     * "waiting for your answer" while the starting placeholder is still there ({@code answered}
     * false); "not yet" plus the hint when the answer is wrong or evaluating it throws (the
     * exception is named, without a stack trace); and "correct". Strict mode as in
     * {@link #exercise(String, boolean, String)}.
     *
     * <pre>{@code
     * Check.exercise("Exercise 2", !predictedOrder.isEmpty(), () -> predictedOrder.equals(actual),
     *     "main keeps running until its first await");
     * }</pre>
     *
     * @param name the exercise, e.g. "Exercise 2"
     * @param answered false only while the starting placeholder is still there
     * @param correct evaluates the answer; may run the learner's code (under the same time limit)
     * @param hint what to look at again when it is not right; never the answer itself
     * @return true when the answer is correct
     * @throws AssertionError only in strict mode, when the answer is not correct
     */
    public static boolean exercise(String name, boolean answered, Callable<Boolean> correct, String hint) {
        return exercise(name, answered, correct, () -> "", hint);
    }

    /**
     * As {@link #exercise(String, boolean, Callable, String)}, and a "not yet" verdict first says
     * what the attempt did ("You got [hello, world] in 3.000 s, like the starting code."), so a
     * learner who did change something is not told that nothing changed.
     *
     * @param name the exercise, e.g. "Exercise 1"
     * @param answered false only while the starting placeholder is still there
     * @param correct evaluates the answer; may run the learner's code
     * @param saw what the attempt did, in words (called only for "not yet"; empty or throwing: left out)
     * @param hint what to look at again; never the answer itself
     * @return true when the answer is correct
     * @throws AssertionError only in strict mode, when the answer is not correct
     */
    public static boolean exercise(String name, boolean answered, Callable<Boolean> correct, Callable<String> saw,
            String hint) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(correct, "correct");
        Objects.requireNonNull(saw, "saw");
        boolean unresolved = Exercises.takeUnresolved();
        String unfinished = Exercises.takeUnfinished();
        String thrown = Exercises.takeThrown();
        if (!Exercises.ranToEnd(name)) {
            return verdict(Verdict.DID_NOT_COMPILE, name, STOPPED);
        }
        if (unresolved) {
            return verdict(Verdict.DID_NOT_COMPILE, name, UNRESOLVED);
        }
        if (unfinished != null) {
            return verdict(Verdict.DID_NOT_FINISH, name, unfinished + " Hint: " + hint);
        }
        if (thrown != null) {
            return verdict(Verdict.NOT_YET, name, thrown + " Hint: " + hint);
        }
        if (!answered) {
            return verdict(Verdict.WAITING, name, " Edit the exercise cell above, run it, then run this cell again.");
        }
        Exercises.Outcome<Boolean> outcome = Exercises.withinLimit(correct);
        if (!outcome.finished()) {
            return verdict(Verdict.DID_NOT_FINISH, name, Exercises.takeUnfinished() + " Hint: " + hint);
        }
        if (Exercises.unresolved(outcome.thrown())) {
            return verdict(Verdict.DID_NOT_COMPILE, name, UNRESOLVED);
        }
        if (Boolean.TRUE.equals(outcome.value())) {
            return verdict(Verdict.CORRECT, name, "");
        }
        String threw = outcome.thrown() == null ? "" : Exercises.threw(outcome.thrown());
        return verdict(Verdict.NOT_YET, name, threw + sentence(saw) + " Hint: " + hint);
    }

    private static final String STOPPED = " it stopped at an error, shown in red under it (a compile error or an"
            + " exception). Once that is fixed, run it again, then this cell.";
    private static final String UNRESOLVED = " its code uses something Java cannot find (a typo, a method called with"
            + " the wrong arguments, or a cell above that has not run?), so it cannot run. Once that is fixed, run it"
            + " again, then this cell.";

    /** A check cell's body: code that may throw anything. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the check.
         *
         * @throws Exception whatever the check's code throws
         */
        void run() throws Exception;
    }

    /**
     * Runs an exercise's check cell, written as a method so that it compiles even when the
     * exercise cell above did not (JShell keeps a method that uses names defined nowhere, and it
     * throws when called): says "fix the exercise cell above first" when that cell stopped
     * before its end or its names do not exist, else runs the check.
     *
     * <pre>{@code
     * void check1() { Check.exercise("Exercise 1", ...); }
     * Check.cell("Exercise 1", () -> check1());
     * }</pre>
     *
     * @param name the exercise, e.g. "Exercise 1"
     * @param body the check
     * @throws AssertionError in strict mode, for any verdict but "correct"
     * @throws Exception what the check itself throws (a bug in the check, not in the attempt)
     */
    public static void cell(String name, Body body) throws Exception {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        if (!Exercises.ranToEnd(name)) {
            verdict(Verdict.DID_NOT_COMPILE, name, STOPPED);
            return;
        }
        try {
            body.run();
        } catch (RuntimeException e) {
            if (!Exercises.unresolved(e)) {
                throw e;
            }
            verdict(Verdict.DID_NOT_COMPILE, name, UNRESOLVED);
        }
    }

    /** " You got …." from {@code saw}, or "" when it is empty or throws. */
    private static String sentence(Callable<String> saw) {
        try {
            String s = saw.call();
            return s == null || s.isBlank() ? "" : " " + s.strip();
        } catch (Exception | AssertionError e) {
            return "";
        }
    }

    /** The environment variable that makes exercise verdicts fail the cell (set by ./course test). */
    public static final String STRICT_ENV = "COURSE_STRICT_CHECKS";

    /**
     * Tells whether exercise verdicts fail the cell: true under {@code ./course test}.
     *
     * @return the system property {@code course.strictChecks} ("true" or "false") when it is set (the
     *     notebook runner turns it off to read the verdicts of wrong attempts), else whether
     *     {@value #STRICT_ENV} is "1"
     */
    public static boolean strict() {
        String property = System.getProperty("course.strictChecks");
        return property != null ? Boolean.parseBoolean(property) : "1".equals(System.getenv(STRICT_ENV));
    }

    private static boolean verdict(Verdict kind, String name, String detail) {
        String line = kind.line(name, detail);
        if (kind.failed() && strict()) {
            throw new AssertionError(line);
        }
        System.out.println(line);
        return !kind.failed();
    }

    static String seconds(Duration d) {
        return Seconds.format(d) + " s";
    }
}
