package asynccourse.loop;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link RunListener}s of the JVM, told in the order they were added.
 *
 * <p>Threading: thread-safe (copy-on-write). Nulls: a null listener is refused.
 */
final class RunListeners {
    private RunListeners() {}

    private static final CopyOnWriteArrayList<RunListener> LISTENERS = new CopyOnWriteArrayList<>();

    static void add(RunListener l) {
        LISTENERS.addIfAbsent(java.util.Objects.requireNonNull(l, "listener"));
    }

    static void remove(RunListener l) {
        LISTENERS.remove(l);
    }

    /** Tells every listener; the first that throws refuses the run. */
    static void starting(EventLoop loop) {
        for (RunListener l : LISTENERS) {
            l.runStarting(loop);
        }
    }

    static void interrupted(EventLoop loop) {
        for (RunListener l : LISTENERS) {
            quietly(l, () -> l.runInterrupted(loop));
        }
    }

    static void cancelledForInterrupt(EventLoop loop, int tasks) {
        for (RunListener l : LISTENERS) {
            quietly(l, () -> l.cancelledForInterrupt(loop, tasks));
        }
    }

    static void ended(EventLoop loop, boolean interrupted) {
        for (RunListener l : LISTENERS) {
            quietly(l, () -> l.runEnded(loop, interrupted));
        }
    }

    private static void quietly(RunListener l, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            System.err.println("a RunListener failed (" + l + "): " + e);
        }
    }
}
