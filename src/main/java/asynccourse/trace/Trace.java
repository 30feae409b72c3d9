package asynccourse.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * A recorder of {@link TraceEvent}s. An event loop built with {@code .trace(true)} owns one
 * and records into it; a loop without tracing has none, so tracing off costs a single null
 * check per event site.
 *
 * <p>Threading: not thread-safe; the event loop records from its single thread of control
 * (one coroutine or the loop at a time, with happens-before between them). Read
 * {@link #events()} after the run, or from inside the loop. Cancellation: not applicable.
 * Nulls: task names and kinds must not be null; a null detail is recorded as "".
 *
 * <pre>{@code
 * Trace t = new Trace();
 * t.record(0, "main", TraceEvent.Kind.RUNNING, "");
 * Timeline tl = Timeline.of(t.events());
 * }</pre>
 */
public final class Trace {
    private final List<TraceEvent> events = new ArrayList<>();

    /** Creates an empty recorder. */
    public Trace() {}

    /**
     * Records one event.
     *
     * @param nanos time of the event
     * @param task task name
     * @param kind what happened
     * @param detail what the task waits on, or ""
     */
    public void record(long nanos, String task, TraceEvent.Kind kind, String detail) {
        events.add(new TraceEvent(nanos, task, kind, detail));
    }

    /**
     * Returns a copy of the events recorded so far, in order.
     *
     * @return the events
     */
    public List<TraceEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Returns the number of events recorded.
     *
     * @return the count
     */
    public int size() {
        return events.size();
    }

    /**
     * Returns a timeline of the events recorded so far.
     *
     * @return the timeline
     */
    public Timeline timeline() {
        return Timeline.of(events);
    }
}
