package asynccourse.loop;

import java.util.Objects;

/**
 * The CPython asyncio whose orders a loop follows ({@link EventLoop.Builder#asyncioVersion}):
 * where two versions schedule the same program differently, the loop does what the chosen one
 * does. 3.12 rebuilt {@code wait_for} on {@code asyncio.timeout} (a coroutine given to
 * {@code wait_for} runs in the caller's task, not a task of its own, and a timeout or
 * cancellation is delivered in fewer loop iterations); its {@code gather} counts children that
 * are already done at once; and it has eager tasks. 3.13 schedules as 3.12 does, so
 * {@link #V3_12} stands for 3.12 and later.
 *
 * <p>Threading: an immutable enum. Nulls: {@link #of} refuses null.
 *
 * <pre>{@code
 * Asyncio.run(EventLoop.builder().asyncioVersion(AsyncioVersion.V3_12), main);
 * AsyncioVersion.of("3.13"); // V3_12
 * }</pre>
 */
public enum AsyncioVersion {
    /** CPython 3.11 (the default): {@code wait_for} with a waiter future and a task of its own. */
    V3_11("3.11"),
    /** CPython 3.12 and later: {@code wait_for} on {@code timeout}; eager tasks available. */
    V3_12("3.12");

    private final String label;

    AsyncioVersion(String label) {
        this.label = label;
    }

    /**
     * Returns the version to follow for a Python version such as {@code "3.11"} or
     * {@code "3.13.0"} ({@code sys.version} of the Python a learner runs).
     *
     * @param pythonVersion "3.11", "3.12" or later, with or without a patch number
     * @return {@link #V3_11} for 3.11, {@link #V3_12} for 3.12 and later
     * @throws IllegalArgumentException for a version before 3.11 or not of the form 3.N
     */
    public static AsyncioVersion of(String pythonVersion) {
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        String[] parts = pythonVersion.trim().split("\\.");
        int minor = -1;
        if (parts.length >= 2 && parts[0].equals("3")) {
            try {
                minor = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                minor = -1;
            }
        }
        if (minor == 11) {
            return V3_11;
        }
        if (minor >= 12) {
            return V3_12;
        }
        throw new IllegalArgumentException("asyncio version \"" + pythonVersion + "\": the loop follows 3.11 or 3.12"
                + " (3.12 also stands for 3.13 and later); give one of them, e.g. \"3.12\"");
    }

    /**
     * Returns the version as Python writes it.
     *
     * @return "3.11" or "3.12"
     */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
