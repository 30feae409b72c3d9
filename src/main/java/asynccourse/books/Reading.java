package asynccourse.books;

import asynccourse.trace.Timeline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one demo of {@link Books} measured: how long the reading took, who read which book
 * when, and each book's digest (the same whichever way the books were read).
 *
 * @param what the demo, in words
 * @param elapsed wall-clock time from the first page to the last
 * @param timeline one lane per reader and book: running while it hashes, waiting otherwise
 * @param digests one per book, in book order (hex)
 * @param cpu the CPU time used for the reading, all threads together (see {@link Books} for how
 *     each demo measures it); empty where the JVM cannot tell
 */
public record Reading(String what, Duration elapsed, Timeline timeline, List<String> digests, Optional<Duration> cpu) {
    /** Copies the digests. */
    public Reading {
        digests = List.copyOf(digests);
    }

    /**
     * Returns how many cores the readers kept busy on average: CPU time over wall-clock time.
     * About 1 for one thread on a free core, about 2 for two threads on two free cores; less
     * when other programs take turns on the same cores.
     *
     * @return CPU time / elapsed, or empty when the CPU time is unknown
     */
    public Optional<Double> coresUsed() {
        return cpu.map(c -> elapsed.isZero() ? 0.0 : c.toNanos() / (double) elapsed.toNanos());
    }
}
