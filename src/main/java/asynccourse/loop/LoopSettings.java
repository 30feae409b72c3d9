package asynccourse.loop;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link EventLoop.Builder} collects: the settings of a loop to build, with their defaults
 * (real clock, no tracing, no debug, no eager tasks, asyncio 3.11's orders, slow-callback
 * threshold 100 ms, warnings to {@code System.err}) and the checks of each value. The loop
 * copies them when it is built, so a builder may go on changing without touching loops built
 * before.
 *
 * <p>Threading: not thread-safe (a builder is used from one thread). Nulls: every setter
 * refuses null.
 */
final class LoopSettings {
    LoopClock clock = MonotonicClock.INSTANCE;
    boolean trace;
    boolean debug;
    boolean eagerTasks;
    /** Null until set: then 3.12 with eager tasks, else 3.11. */
    AsyncioVersion version;
    Duration slowCallbackDuration = Duration.ofMillis(100);
    Consumer<String> warnings = System.err::println;
    /** Called on the driver thread before each iteration, or null (see {@link EventLoop.Builder#beforeEachIteration}). */
    Consumer<EventLoop> beforeIteration;

    void clock(LoopClock c) {
        this.clock = Objects.requireNonNull(c, "clock");
    }

    void slowCallbackDuration(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + d);
        }
        this.slowCallbackDuration = d;
    }

    void version(AsyncioVersion v) {
        this.version = Objects.requireNonNull(v, "version: AsyncioVersion.V3_11 or V3_12");
    }

    /** The version the loop follows: the one set, else 3.12 for eager tasks and 3.11 otherwise. */
    AsyncioVersion resolvedVersion() {
        if (eagerTasks && version == AsyncioVersion.V3_11) {
            throw new IllegalStateException("eager tasks are asyncio 3.12's (eager_task_factory), but the loop was"
                    + " asked to follow 3.11: use asyncioVersion(AsyncioVersion.V3_12), or leave the version unset");
        }
        if (version != null) {
            return version;
        }
        return eagerTasks ? AsyncioVersion.V3_12 : AsyncioVersion.V3_11;
    }

    void warnings(Consumer<String> sink) {
        this.warnings = Objects.requireNonNull(sink, "sink");
    }
}
