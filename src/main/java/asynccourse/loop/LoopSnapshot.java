package asynccourse.loop;

import asynccourse.trace.Seconds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The state of an {@link EventLoop} between two iterations, as {@link EventLoop#snapshot()}
 * reads it: the clock, the ready queue in the order it will run, and the live timers by
 * deadline, each item saying what it will do ("start Task-2", "resume main", "wake main").
 * What a loop stepper draws after each step.
 *
 * <p>Threading: immutable. Cancellation: not applicable. Nulls: {@code task} of an item is null
 * when the item is not a task's step (a plain callback); nothing else is null.
 *
 * <pre>{@code
 * EventLoop.builder().virtualClock().beforeEachIteration(loop -> System.out.println(loop.snapshot()));
 * }</pre>
 *
 * @param nanos the loop time, nanoseconds since the loop was built
 * @param ready the ready queue, first to run first
 * @param timers the timers not cancelled, earliest first (ties in creation order, as they fire)
 */
public record LoopSnapshot(long nanos, List<Item> ready, List<Item> timers) {

    /**
     * One entry of the ready queue or of the timers.
     *
     * @param what what it will do, in words ("start Task-2", "resume main (its sleep is over)")
     * @param task the task it starts, resumes or wakes, or null for another callback
     * @param nanos for a timer its deadline (loop time), for a ready item the snapshot's time
     */
    public record Item(String what, String task, long nanos) {}

    /** Copies the lists. */
    public LoopSnapshot {
        ready = List.copyOf(ready);
        timers = List.copyOf(timers);
    }

    /**
     * Returns the loop time in seconds.
     *
     * @return {@code nanos / 1e9}
     */
    public double seconds() {
        return nanos / 1e9;
    }

    static LoopSnapshot of(EventLoop loop, Collection<Handle> ready, PriorityQueue<TimerEntry> timers) {
        long now = loop.timeNanos();
        List<Item> r = new ArrayList<>(ready.size());
        for (Handle h : ready) {
            r.add(readyItem(h, now));
        }
        List<TimerEntry> live = new ArrayList<>(timers.size());
        for (TimerEntry t : timers) {
            if (!t.timerCancelled() && t.deadline != EventLoop.NEVER) {
                live.add(t);
            }
        }
        live.sort(null); // the heap's order is not its iteration order
        List<Item> ts = new ArrayList<>(live.size());
        for (TimerEntry t : live) {
            long at = t.deadline - loop.origin();
            if (t instanceof Task<?> sleeper) { // a sleeping task is its own timer
                ts.add(new Item("wake " + sleeper.name() + " from its sleep", sleeper.name(), at));
            } else {
                ts.add(new Item(callbackName(((TimerHandle) t).callback), null, at));
            }
        }
        return new LoopSnapshot(now, r, ts);
    }

    private static Item readyItem(Handle h, long now) {
        if (h instanceof Task<?> t) {
            if (t.timerDue()) { // its sleep's timer, due: its turn schedules the task's step
                return new Item("wake " + t.name() + " from its sleep", null, now);
            }
            if (!t.started()) {
                return new Item("start " + t.name(), t.name(), now);
            }
            return new Item("resume " + t.name() + why(t.waitDescription()), t.name(), now);
        }
        return new Item(callbackName(h), null, now);
    }

    private static String why(String wait) {
        if (wait == null) {
            return "";
        }
        String w = wait.startsWith("<") && wait.endsWith(">") ? wait.substring(1, wait.length() - 1) : wait;
        if (w.equals("sleep") || w.startsWith("sleep until ")) { // a task asleep on its own timer, or on a timer object
            return " (its sleep is over)";
        }
        if (w.equals("yield")) {
            return " (after sleep(0))";
        }
        if (w.startsWith("Task ")) {
            return " (" + w.substring(5) + " is done)";
        }
        return " (" + w + " is done)";
    }

    /** A callback in words: its own description, or where a lambda comes from. */
    private static String callbackName(Object callback) {
        String s = String.valueOf(callback);
        int lambda = s.indexOf("$$Lambda");
        if (lambda < 0) {
            return s;
        }
        String owner = s.substring(0, lambda);
        return "a callback of " + owner.substring(owner.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("clock ").append(Seconds.format(nanos)).append(" s\nready:");
        for (Item i : ready) {
            sb.append("\n  ").append(i.what());
        }
        sb.append("\ntimers:");
        for (Item i : timers) {
            sb.append("\n  ").append(Seconds.format(i.nanos())).append(" s: ").append(i.what());
        }
        return sb.toString();
    }
}
