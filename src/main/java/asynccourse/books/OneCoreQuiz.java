package asynccourse.books;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Chapter 01's prediction: n books read by n threads on one core, against one book read alone.
 * Does that take (A) about the same time, (B) about twice as long or (C) about three times as
 * long? The right option follows from the set-up, not from a measurement: one core hashes one
 * page at a time, whichever thread it belongs to, so n books need n books' worth of core time
 * however many threads share the core. A measurement is shown beside the verdict, and explained
 * when it strays from n (it never decides the verdict: a slow or busy machine, or the JIT still
 * compiling, must not turn the right answer into a wrong one).
 *
 * <p>Threading: stateless; {@link #measured} runs its readers on the JVM's one carrier thread and
 * returns when they are done. Cancellation: as {@link Books#threadsOnOneCore}. Nulls: an answer
 * may be null (it is then not right); books and readings must not be null.
 *
 * <pre>{@code
 * boolean right = OneCoreQuiz.isRight("C", 3);              // true: three books' worth of pages
 * System.out.println(OneCoreQuiz.measured(books, 3));       // the CPU times, and why they stray if they do
 * }</pre>
 */
public final class OneCoreQuiz {
    /** The options, in order: about 1, 2 and 3 times as long as one book. */
    public static final List<String> OPTIONS = List.of("A", "B", "C");

    /** How far the measured CPU-time ratio may be from the number of books before it is explained. */
    static final double STRAY = 0.5;

    private OneCoreQuiz() {}

    /**
     * The option that the set-up dictates for {@code books} books on one core: the one whose
     * factor is {@code books}.
     *
     * @param books how many books, 1 to 3
     * @return "A", "B" or "C"
     * @throws IllegalArgumentException when books is outside 1 to 3 (there is no such option)
     */
    public static String answer(int books) {
        if (books < 1 || books > OPTIONS.size()) {
            throw new IllegalArgumentException("the options cover 1 to " + OPTIONS.size() + " books, got " + books);
        }
        return OPTIONS.get(books - 1);
    }

    /**
     * Tells whether {@code answer} is the option the set-up dictates (case and surrounding
     * blanks do not matter).
     *
     * @param answer the learner's letter, may be null
     * @param books how many books, 1 to 3
     * @return true when it is right
     */
    public static boolean isRight(String answer, int books) {
        return answer != null && answer.strip().equalsIgnoreCase(answer(books));
    }

    /**
     * Measures one book and {@code books} books, each by as many threads on the one carrier
     * thread (twice each, taking turns, keeping each one's faster run), and describes it with
     * {@link #describe}.
     *
     * @param shelf the books to read
     * @param books how many books, 1 to 3
     * @return the description
     * @throws IllegalStateException when the JVM has more than one carrier thread (see
     *     {@link Books#threadsOnOneCore})
     */
    public static String measured(Books shelf, int books) {
        Objects.requireNonNull(shelf, "shelf");
        answer(books);
        List<Reading> runs = Books.fastest(2, () -> shelf.threadsOnOneCore(1), () -> shelf.threadsOnOneCore(books));
        return describe(runs.get(0), runs.get(1), books);
    }

    /**
     * Describes a measurement: the wall-clock and CPU times of one book and of {@code books}
     * books on one core, their CPU-time ratio, and, when that ratio is more than 0.5 away from
     * {@code books}, why a measurement can stray from what the set-up dictates.
     *
     * @param one one book's reading
     * @param many the reading of {@code books} books
     * @param books how many books {@code many} read
     * @return one line, or two when the ratio strays
     */
    public static String describe(Reading one, Reading many, int books) {
        Objects.requireNonNull(one, "one");
        Objects.requireNonNull(many, "many");
        String line = String.format(Locale.ROOT, "measured: one book %s s, %d books on %d threads on one core %s s",
                seconds(one.elapsed()), books, books, seconds(many.elapsed()));
        if (one.cpu().isEmpty() || many.cpu().isEmpty() || one.cpu().get().isZero()) {
            return line + " (this JVM reports no CPU time)";
        }
        double ratio = many.cpu().get().toNanos() / (double) one.cpu().get().toNanos();
        line += String.format(Locale.ROOT, "; CPU time %.1f times as much", ratio);
        if (Math.abs(ratio - books) > STRAY) {
            line += String.format(Locale.ROOT, "%n  (not %d times this once: the CPU time counted is the whole JVM's, the JIT"
                    + " compiler and the garbage collector included, and a core's speed varies; the work itself is %d books' pages either way)",
                    books, books);
        }
        return line;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }
}
