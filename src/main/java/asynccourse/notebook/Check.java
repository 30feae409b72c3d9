package asynccourse.notebook;

import asynccourse.trace.Seconds;
import java.time.Duration;
import java.util.Objects;

/**
 * Checks that a notebook makes of its own claims: each prints what it verified, or fails the
 * cell with a message that says what was expected and what happened.
 *
 * <p>Threading: stateless; call from any thread. Null policy: a {@code null} claim or duration
 * is a programming error and throws {@link NullPointerException}; {@code null} values may be
 * compared by {@link #equal}.
 *
 * <p>Timing checks take a tolerance: a claim such as "2 seconds" holds on a busy 2-core
 * machine when it is measured inside one cell's code and checked with, say, 2 s ± 0.3 s.
 *
 * <pre>{@code
 * Check.near(result.elapsed(), Duration.ofSeconds(2), Duration.ofMillis(300), "two tasks take 2 s, not 3 s");
 * Check.equal(55L, Fib.plain(10).value(), "fib(10) = 55");
 * }</pre>
 */
public final class Check {
    private Check() {}

    /**
     * Passes when {@code ok}; prints {@code "✔ claim"}.
     *
     * @param ok whether the claim held
     * @param claim what the notebook claims, in words
     * @throws AssertionError "✘ claim" when it did not hold
     */
    public static void that(boolean ok, String claim) {
        Objects.requireNonNull(claim, "claim");
        if (!ok) {
            throw new AssertionError("✘ " + claim);
        }
        System.out.println("✔ " + claim);
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
        Objects.requireNonNull(claim, "claim");
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError("✘ " + claim + ": expected " + expected + " but got " + actual);
        }
        System.out.println("✔ " + claim + " (" + actual + ")");
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
        Objects.requireNonNull(claim, "claim");
        Duration off = actual.minus(expected).abs();
        String measured = seconds(actual) + " (expected " + seconds(expected) + " ± " + seconds(tolerance) + ")";
        if (off.compareTo(tolerance) > 0) {
            throw new AssertionError("✘ " + claim + ": measured " + measured);
        }
        System.out.println("✔ " + claim + ": measured " + measured);
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
        Objects.requireNonNull(claim, "claim");
        String measured = seconds(actual) + " (limit " + seconds(limit) + ")";
        if (actual.compareTo(limit) > 0) {
            throw new AssertionError("✘ " + claim + ": measured " + measured);
        }
        System.out.println("✔ " + claim + ": measured " + measured);
    }

    /**
     * An exercise's verdict: prints a congratulation, or fails with the hint.
     *
     * @param name the exercise, e.g. "Exercise 2"
     * @param correct whether the learner's answer is right
     * @param hint what to look at again when it is not
     * @throws AssertionError "not yet", with the hint
     */
    public static void exercise(String name, boolean correct, String hint) {
        Objects.requireNonNull(name, "name");
        if (!correct) {
            throw new AssertionError("✘ " + name + ": not yet. Hint: " + hint);
        }
        System.out.println("✔ " + name + ": correct!");
    }

    static String seconds(Duration d) {
        return Seconds.format(d) + " s";
    }
}
