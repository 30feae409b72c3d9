package asynccourse.loop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tests' one way to run a coroutine on a virtual clock (every package's tests use it: the
 * loop's own, the CPython conformance ports, the examples'). Sleeps and timeouts then take no
 * real time and end at exact loop times, whatever the machine's speed or load.
 */
public final class TestLoops {
    private TestLoops() {}

    /**
     * Runs {@code main} on a fresh loop with a virtual clock and closes the loop.
     *
     * @param <T> the result's type
     * @param main the coroutine
     * @return what {@code main} returned
     */
    public static <T> T vrun(Coroutine<T> main) {
        return Asyncio.run(EventLoop.builder().virtualClock(), main);
    }

    /**
     * Runs {@code main} on a fresh virtual-clock loop whose warnings (unretrieved failures,
     * unclosed loops...) go to {@code warnings} instead of standard error.
     *
     * @param <T> the result's type
     * @param warnings where the loop's warnings go
     * @param main the coroutine
     * @return what {@code main} returned
     */
    public static <T> T vrun(List<String> warnings, Coroutine<T> main) {
        return Asyncio.run(EventLoop.builder().virtualClock().warnings(warnings::add), main);
    }

    /**
     * Runs {@code main} on a virtual clock and returns the loop time at the end of main.
     *
     * @param main the coroutine
     * @return the loop time, in seconds, when {@code main} returned
     */
    public static double vtime(Coroutine<?> main) {
        double[] end = new double[1];
        vrun(() -> {
            main.call();
            end[0] = Asyncio.loopTime();
            return null;
        });
        return end[0];
    }

    /**
     * Returns an empty log that tasks, callbacks and other threads may add to.
     *
     * @return a thread-safe list
     */
    public static List<String> log() {
        return new CopyOnWriteArrayList<>();
    }
}
