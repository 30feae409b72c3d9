package asynccourse.trace;

import java.time.Duration;
import java.util.Objects;

/**
 * A stretch of a task's life on a {@link Timeline}: running (holding the loop) or waiting (on
 * what the detail says).
 *
 * <p>Threading: immutable. Cancellation: not applicable. Nulls: no component is null;
 * {@code detail} is "" for running spans.
 *
 * <pre>{@code
 * for (Span s : timeline.spans("Task-1")) {
 *     System.out.println(s.startSeconds() + "-" + s.endSeconds() + " " + s.kind() + " " + s.detail());
 * }
 * }</pre>
 *
 * @param start loop time at which it starts (since tracing started)
 * @param end loop time at which it ends
 * @param kind {@link TraceEvent.Kind#RUNNING} or {@link TraceEvent.Kind#WAITING}
 * @param detail what the task waits on ("sleep 1.000s", "task Task-2", ...), or ""
 */
public record Span(Duration start, Duration end, TraceEvent.Kind kind, String detail) {

    /**
     * Validates the components.
     *
     * @param start start
     * @param end end, not before start
     * @param kind kind
     * @param detail detail; null becomes ""
     */
    public Span {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(kind, "kind");
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("span ends before it starts: " + start + " > " + end);
        }
        detail = detail == null ? "" : detail;
    }

    /**
     * Returns the start in seconds.
     *
     * @return seconds
     */
    public double startSeconds() {
        return start.toNanos() / 1e9;
    }

    /**
     * Returns the end in seconds.
     *
     * @return seconds
     */
    public double endSeconds() {
        return end.toNanos() / 1e9;
    }

    /**
     * Returns the length of the span.
     *
     * @return end minus start
     */
    public Duration duration() {
        return end.minus(start);
    }

    /**
     * Tells whether this span and {@code other} share a stretch of time: each starts before the
     * other ends. Spans that only touch (one ends where the other starts) do not overlap.
     *
     * <pre>{@code
     * boolean sideBySide = timeline.waits("a").get(0).overlaps(timeline.waits("b").get(0));
     * }</pre>
     *
     * @param other another span, on the same timeline
     * @return true when they overlap in time
     */
    public boolean overlaps(Span other) {
        Objects.requireNonNull(other, "other");
        return start.compareTo(other.end) < 0 && other.start.compareTo(end) < 0;
    }

    /**
     * Tells whether all the spans are under way at one moment: the latest start comes before the
     * earliest end. On a line of time that is the same as every two of them overlapping.
     *
     * <pre>{@code
     * boolean sideBySide = Span.allAtOnce(List.of(t.waits("A").get(0), t.waits("B").get(0), t.waits("C").get(0)));
     * }</pre>
     *
     * @param spans at least two spans, on the same timeline
     * @return true when they share a stretch of time
     * @throws IllegalArgumentException when fewer than two spans are given
     */
    public static boolean allAtOnce(java.util.Collection<Span> spans) {
        Objects.requireNonNull(spans, "spans");
        if (spans.size() < 2) {
            throw new IllegalArgumentException("overlap needs at least two spans, got " + spans.size());
        }
        Duration latestStart = spans.stream().map(Span::start).max(Duration::compareTo).orElseThrow();
        Duration earliestEnd = spans.stream().map(Span::end).min(Duration::compareTo).orElseThrow();
        return latestStart.compareTo(earliestEnd) < 0;
    }
}
