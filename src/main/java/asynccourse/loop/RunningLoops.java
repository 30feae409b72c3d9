package asynccourse.loop;

/**
 * The loops running now, and which one the calling thread belongs to: as a coroutine (the task
 * the loop is running) or as a loop's driver. asyncio keeps the running loop in a thread-local;
 * here a thread finds its loop by looking for itself among the running loops' drivers and
 * current tasks, which costs no map per coroutine thread.
 *
 * <p>Threading: thread-safe (copy-on-write array; writers synchronise on the class). Nulls: a
 * thread outside every loop gets null from the {@code OrNull} lookups.
 */
final class RunningLoops {
    private RunningLoops() {}

    /**
     * The loops running now (copy-on-write; usually zero or one). A thread finds its loop by
     * looking for itself among their driver threads and current tasks: no thread-local (which
     * would cost a map per coroutine thread). Reading another loop's {@code current} races
     * harmlessly: a coroutine thread belongs to one task only, so it can only match its own,
     * which its loop wrote before handing control over (happens-before through the hand-over).
     */
    private static volatile EventLoop[] running = new EventLoop[0];

    static synchronized void register(EventLoop loop) {
        EventLoop[] r = running;
        EventLoop[] n = java.util.Arrays.copyOf(r, r.length + 1);
        n[r.length] = loop;
        running = n;
    }

    static synchronized void unregister(EventLoop loop) {
        EventLoop[] r = running;
        int i = java.util.Arrays.asList(r).indexOf(loop);
        if (i < 0) {
            return;
        }
        EventLoop[] n = new EventLoop[r.length - 1];
        System.arraycopy(r, 0, n, 0, i);
        System.arraycopy(r, i + 1, n, i, r.length - i - 1);
        running = n;
    }

    /** Returns the task whose coroutine runs on the calling thread, or null. */
    static Task<?> currentTaskOrNull() {
        Thread me = Thread.currentThread();
        for (EventLoop l : running) {
            Task<?> c = l.current;
            if (c != null && c.isThread(me)) {
                return c;
            }
        }
        return null;
    }

    /** Tells whether the calling thread is the driver of a running loop. */
    private static EventLoop drivenLoopOrNull() {
        Thread me = Thread.currentThread();
        for (EventLoop l : running) {
            if (l.lifecycle.driverThread == me) {
                return l;
            }
        }
        return null;
    }

    /** Returns the loop the current thread runs in (as a coroutine or as the driver), or null. */
    static EventLoop runningLoopOrNull() {
        Thread me = Thread.currentThread();
        for (EventLoop l : running) {
            if (l.lifecycle.driverThread == me) {
                return l;
            }
            Task<?> c = l.current;
            if (c != null && c.isThread(me)) {
                return l;
            }
        }
        return null;
    }

    /** Returns the current task, or throws a clear error naming the operation. */
    static Task<?> currentTask(String operation) {
        Task<?> t = currentTaskOrNull();
        if (t == null) {
            if (drivenLoopOrNull() != null) {
                throw new IllegalStateException(operation + " must be called from a coroutine (a task), "
                        + "not from a plain callback of the event loop");
            }
            throw new IllegalStateException(operation + " must be called from a coroutine running in an event loop: "
                    + "no running event loop in thread " + Thread.currentThread()
                    + " (start one with Asyncio.run(...))");
        }
        return t;
    }
}
