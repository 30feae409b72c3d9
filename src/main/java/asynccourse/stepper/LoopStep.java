package asynccourse.stepper;

import asynccourse.loop.LoopSnapshot;
import asynccourse.trace.Seconds;
import asynccourse.trace.TraceEvent;
import java.util.List;

/**
 * One iteration of a stepped loop: what ran in it, in order, and the loop's state after it.
 * Number 0 is the state before the first iteration (nothing ran yet).
 *
 * <p>Threading: immutable. Cancellation: not applicable. Nulls: nothing is null.
 *
 * @param number the iteration, from 1; 0 before the first
 * @param state the loop after this iteration: clock, ready queue, timers
 * @param ran what this iteration ran, in order ("main: ran, stopped at sleep(1 s)")
 * @param events the trace events recorded during this iteration, in order
 * @param last whether the program (and the loop's closing) ended with this iteration
 */
public record LoopStep(int number, LoopSnapshot state, List<String> ran, List<TraceEvent> events, boolean last) {

    /** Copies the lists. */
    public LoopStep {
        ran = List.copyOf(ran);
        events = List.copyOf(events);
    }

    /**
     * Names an await as the learner writes it, from the detail of a trace's waiting event:
     * {@code "sleep 1.000s"} is {@code sleep(1 s)}, {@code "task Task-2"} is
     * {@code Task-2.await()}, {@code "gather(2)"} is {@code gather(2 tasks)}.
     *
     * @param detail a {@link TraceEvent.Kind#WAITING} event's detail
     * @return the await in the learner's words
     */
    public static String awaitName(String detail) {
        if (detail.startsWith("sleep ") && detail.endsWith("s")) {
            String n = detail.substring(6, detail.length() - 1);
            return "sleep(" + trimZeros(n) + " s)";
        }
        if (detail.startsWith("task ")) {
            return detail.substring(5) + ".await()";
        }
        if (detail.startsWith("gather(") && detail.endsWith(")")) {
            return "gather(" + detail.substring(7, detail.length() - 1) + " tasks)";
        }
        return detail;
    }

    private static String trimZeros(String n) {
        if (!n.contains(".")) {
            return n;
        }
        String t = n.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /**
     * Returns one line: the step's number, clock and what ran.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        String head = number == 0 ? "before the first step" : "step " + number;
        String body = ran.isEmpty() ? (number == 0 ? "nothing ran yet" : "nothing ran") : String.join("; ", ran);
        return head + " · clock " + Seconds.format(state.nanos()) + " s · " + body + (last ? " · the program has ended" : "");
    }
}
