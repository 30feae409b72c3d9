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
}
