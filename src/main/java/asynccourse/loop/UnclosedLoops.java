package asynccourse.loop;

/**
 * Loops that ran, left pending tasks and were not closed: the next loop to run warns about each
 * once (their tasks keep their stacks and memory until the loop is closed).
 *
 * <p>Threading: thread-safe (one lock). Nulls: arguments must not be null.
 */
final class UnclosedLoops {
    private UnclosedLoops() {}

    /** Loops that ran, still have pending tasks and were not closed; each warned about once. */
    private static final java.util.Set<EventLoop> UNCLOSED =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private static final java.util.Set<EventLoop> WARNED =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    /** Records whether {@code loop} ran and left pending tasks (true) or was closed (false). */
    static void ranUnclosed(EventLoop loop, boolean pending) {
        synchronized (UNCLOSED) {
            if (pending) {
                UNCLOSED.add(loop);
            } else {
                UNCLOSED.remove(loop);
            }
        }
    }

    /** The unclosed loops other than {@code loop} not warned about yet; marks them warned. */
    static java.util.List<EventLoop> unclosedOtherThan(EventLoop loop) {
        synchronized (UNCLOSED) {
            if (UNCLOSED.isEmpty()) {
                return java.util.List.of();
            }
            java.util.List<EventLoop> r = new java.util.ArrayList<>();
            for (EventLoop l : UNCLOSED) {
                if (l != loop && WARNED.add(l)) {
                    r.add(l);
                }
            }
            return r;
        }
    }
}
