package asynccourse.notebook;

import java.time.Duration;

/**
 * The quiet form of {@link Check}: the same claims, checked the same way, but nothing is printed
 * when a claim holds. Use it where the prose around the cell already says what is being checked,
 * so a "✔" line would only repeat it; when a claim does not hold, the cell fails exactly as
 * loudly as with {@link Check}, with the same message and measurement.
 *
 * <p>Threading: stateless; call from any thread. Null policy: as {@link Check}.
 *
 * <pre>{@code
 * System.out.println("took " + secs(result.elapsed()));
 * Check.quietly().atLeast(result.elapsed(), Duration.ofMillis(500), "sayAfter(500 ms) waits its half second");
 * }</pre>
 */
public final class QuietCheck {
    static final QuietCheck INSTANCE = new QuietCheck();

    private QuietCheck() {}

    /**
     * Passes silently when {@code ok}; fails as {@link Check#that} does.
     *
     * @param ok whether the claim held
     * @param claim what the notebook claims, in words
     * @throws AssertionError "✘ claim" when it did not hold
     */
    public void that(boolean ok, String claim) {
        Check.verifyThat(ok, claim);
    }

    /**
     * Passes silently when {@code expected.equals(actual)} (or both are null); fails as
     * {@link Check#equal} does.
     *
     * @param expected the value the notebook claims
     * @param actual the value it got
     * @param claim what the notebook claims, in words
     * @throws AssertionError naming both values when they differ
     */
    public void equal(Object expected, Object actual, String claim) {
        Check.verifyEqual(expected, actual, claim);
    }

    /**
     * Passes silently when {@code actual} is within {@code tolerance} of {@code expected}; fails
     * as {@link Check#near} does.
     *
     * @param actual the measured duration
     * @param expected the claimed duration
     * @param tolerance how far off a busy machine may be
     * @param claim what the notebook claims, in words
     * @throws AssertionError with the measurement when it is off by more
     */
    public void near(Duration actual, Duration expected, Duration tolerance, String claim) {
        Check.verifyNear(actual, expected, tolerance, claim);
    }

    /**
     * Passes silently when {@code actual} is at most {@code limit}; fails as {@link Check#atMost}
     * does.
     *
     * @param actual the measured duration
     * @param limit the longest it may be
     * @param claim what the notebook claims, in words
     * @throws AssertionError with the measurement when it is longer
     */
    public void atMost(Duration actual, Duration limit, String claim) {
        Check.verifyAtMost(actual, limit, claim);
    }

    /**
     * Passes silently when {@code actual} is at least {@code floor}; fails as
     * {@link Check#atLeast} does.
     *
     * @param actual the measured duration
     * @param floor the shortest it can possibly be
     * @param claim what the notebook claims, in words
     * @throws AssertionError with the measurement when it is shorter
     */
    public void atLeast(Duration actual, Duration floor, String claim) {
        Check.verifyAtLeast(actual, floor, claim);
    }
}
