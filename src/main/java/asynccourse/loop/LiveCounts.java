package asynccourse.loop;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many coroutines and driver threads are alive over every loop of the JVM: leak tests read
 * them to show that a run or a close leaves nothing behind.
 *
 * <p>Threading: atomic counters, updated by whoever starts or ends one.
 */
final class LiveCounts {
    private LiveCounts() {}

    /** Live coroutines (started and not yet finished: threads or continuations), over all loops. */
    static final AtomicInteger LIVE_COROUTINES = new AtomicInteger();
    /** Live driver threads, over all loops. */
    static final AtomicInteger LIVE_DRIVER_THREADS = new AtomicInteger();
}
