package asynccourse.books;

import asynccourse.trace.Timeline;
import java.time.Duration;
import java.util.List;

/**
 * What one demo of {@link Books} measured: how long the reading took, who read which book
 * when, and each book's digest (the same whichever way the books were read).
 *
 * @param what the demo, in words
 * @param elapsed wall-clock time from the first page to the last
 * @param timeline one lane per reader and book: running while it hashes, waiting otherwise
 * @param digests one per book, in book order (hex)
 */
public record Reading(String what, Duration elapsed, Timeline timeline, List<String> digests) {
    /** Copies the digests. */
    public Reading {
        digests = List.copyOf(digests);
    }
}
