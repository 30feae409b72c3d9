package asynccourse.notebook;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of verdict an exercise's check cell prints, and the one shape of their line:
 * {@code "<mark> <exercise>: <phrase><detail>"}, e.g. {@code "✘ Exercise 1: not yet. Hint: …"}.
 * Tools that read a notebook's output (the notebook runner, {@code ./course check}) find the kind
 * with {@link #parse(String)}, so the phrases live here and nowhere else.
 *
 * <p>Threading: immutable. Null policy: arguments must not be null.
 */
public enum Verdict {
    /** The answer is right. */
    CORRECT("✔", "correct!"),
    /** The answer ran and is not right yet; the detail says what it did, then the hint. */
    NOT_YET("✘", "not yet."),
    /** The starting placeholder is still there: nothing was answered. */
    WAITING("…", "waiting for your answer."),
    /**
     * The exercise cell did not compile, or stopped before its end at an exception, or its code
     * uses a name that is defined nowhere: the detail says which.
     */
    DID_NOT_COMPILE("✘", "fix the exercise cell above first:"),
    /** The attempt was still running after the time limit and was stopped. */
    DID_NOT_FINISH("✘", "did not finish");

    private final String mark;
    private final String phrase;

    Verdict(String mark, String phrase) {
        this.mark = mark;
        this.phrase = phrase;
    }

    /**
     * The verdict's line.
     *
     * @param exercise the exercise, e.g. "Exercise 2"
     * @param detail what follows the phrase (may be empty), e.g. " Hint: …"
     * @return e.g. {@code "✘ Exercise 2: not yet. Hint: …"}
     */
    public String line(String exercise, String detail) {
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(detail, "detail");
        return mark + " " + exercise + ": " + phrase + detail;
    }

    /**
     * Whether the learner has something to do.
     *
     * @return true for anything but {@link #CORRECT}
     */
    public boolean failed() {
        return this != CORRECT;
    }

    private static final Pattern LINE = Pattern.compile("^([✔✘…]) (Exercise \\d+): (.*)$");

    /**
     * The kind of a verdict line, if {@code line} is one.
     *
     * @param line one line of a check cell's output
     * @return the verdict it states, or empty when it is no verdict line
     */
    public static Optional<Verdict> parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        for (Verdict v : values()) {
            if (v.mark.equals(m.group(1)) && m.group(3).startsWith(v.phrase)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
