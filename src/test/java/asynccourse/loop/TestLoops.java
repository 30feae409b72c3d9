package asynccourse.loop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Helpers: runs on a virtual clock. */
final class TestLoops {
    private TestLoops() {}

    static <T> T vrun(Coroutine<T> main) {
        return Asyncio.run(EventLoop.builder().virtualClock(), main);
    }

    /** Runs on a virtual clock and returns the loop time (seconds) at the end of main. */
    static double vtime(Coroutine<?> main) {
        double[] end = new double[1];
        vrun(() -> {
            main.call();
            end[0] = Asyncio.loopTime();
            return null;
        });
        return end[0];
    }

    static List<String> log() {
        return new CopyOnWriteArrayList<>();
    }
}
