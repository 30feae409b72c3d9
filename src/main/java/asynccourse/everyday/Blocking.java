package asynccourse.everyday;

import asynccourse.trace.Lanes;
import java.time.Duration;
import java.util.Objects;

/**
 * The course's examples as plain <em>blocking</em> calls, the way code on virtual threads is
 * written: {@code sayAfter} sleeps with {@link Thread#sleep(Duration)} and then prints.
 *
 * <p>On the course's event loop such a call stalls every task (chapter 03): the loop runs one
 * coroutine step at a time and waits for that step to end. On a virtual thread of its own it
 * stalls nobody: a virtual thread that blocks unmounts from its carrier thread, which goes on
 * to run other virtual threads, even when there is only one carrier.
 *
 * <p>Threading: any thread; meant for virtual threads. Cancellation: the sleeps are
 * interruptible ({@link InterruptedException}); {@link #spin} is not (it checks nothing).
 * Nulls: arguments must not be null.
 *
 * <pre>{@code
 * try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
 *     Future<String> hello = executor.submit(() -> Blocking.sayAfter(Duration.ofSeconds(1), "hello"));
 *     Future<String> world = executor.submit(() -> Blocking.sayAfter(Duration.ofSeconds(2), "world"));
 * }   // close() waits for both: 2 s in all
 * }</pre>
 */
public final class Blocking {
    private Blocking() {}

    /**
     * Sleeps {@code delay} (blocking the calling thread), then prints {@code what}.
     *
     * @param delay how long to sleep
     * @param what what to print
     * @return {@code what}
     * @throws InterruptedException when interrupted during the sleep; nothing is printed then
     */
    public static String sayAfter(Duration delay, String what) throws InterruptedException {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(what, "what");
        Thread.sleep(delay);
        System.out.println(what);
        return what;
    }

    /**
     * {@link #sayAfter(Duration, String)} that also draws itself as lane {@code what} of
     * {@code lanes}: waiting on "sleep", then running while it prints, then done; interrupted,
     * the lane ends failed.
     *
     * @param delay how long to sleep
     * @param what what to print, and the lane's name
     * @param lanes where to record
     * @return {@code what}
     * @throws InterruptedException when interrupted during the sleep; nothing is printed then
     */
    public static String sayAfter(Duration delay, String what, Lanes lanes) throws InterruptedException {
        Objects.requireNonNull(lanes, "lanes");
        lanes.waiting(what, "sleep");
        try {
            Thread.sleep(Objects.requireNonNull(delay, "delay"));
        } catch (InterruptedException e) {
            lanes.failed(what);
            throw e;
        }
        lanes.running(what);
        System.out.println(what);
        lanes.done(what);
        return what;
    }

    /**
     * Sleeps {@code delay}, then fails with an {@link IllegalStateException} carrying
     * {@code message} (a request that comes back with an error).
     *
     * @param delay how long to sleep first
     * @param message the failure's message
     * @param <T> the type it would have returned
     * @return never returns normally
     * @throws InterruptedException when interrupted during the sleep
     */
    public static <T> T failAfter(Duration delay, String message) throws InterruptedException {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(message, "message");
        Thread.sleep(delay);
        throw new IllegalStateException(message);
    }

    /**
     * Keeps the CPU busy for {@code duration} of wall-clock time (CPU-bound work: it never
     * blocks, so a virtual thread running it never leaves its carrier).
     *
     * @param duration how long to compute
     * @return how many rounds of the busy loop ran (so the work cannot be optimised away)
     */
    public static long spin(Duration duration) {
        long end = System.nanoTime() + Objects.requireNonNull(duration, "duration").toNanos();
        long rounds = 0;
        while (System.nanoTime() < end) {
            rounds++;
        }
        return rounds;
    }

    /**
     * Starts {@code count} platform threads that do nothing, one at a time, and joins each before
     * starting the next: timed, it gives the cost of a platform thread's start and end, the cost
     * that a task, a virtual thread or a future avoids.
     *
     * <pre>{@code
     * Timed<Integer> t = Timed.best(3, () -> Blocking.platformThreads(1_000));
     * double microsPerThread = t.elapsed().toNanos() / 1000.0 / t.value();
     * }</pre>
     *
     * @param count how many threads, at least 1
     * @return {@code count}
     * @throws InterruptedException if the caller is interrupted while joining
     * @throws IllegalArgumentException when count is below 1
     */
    public static int platformThreads(int count) throws InterruptedException {
        if (count < 1) {
            throw new IllegalArgumentException("at least one thread, got " + count);
        }
        for (int i = 0; i < count; i++) {
            Thread.ofPlatform().start(() -> { }).join();
        }
        return count;
    }

    /**
     * The name of the carrier thread the calling virtual thread is mounted on now, read from
     * its {@code toString()} ({@code "VirtualThread[#31]/runnable@ForkJoinPool-1-worker-1"});
     * "" for a platform thread.
     *
     * @return the carrier's name, or "" when the caller is not a virtual thread
     */
    public static String carrierName() {
        Thread me = Thread.currentThread();
        if (!me.isVirtual()) {
            return "";
        }
        String s = me.toString();
        int at = s.lastIndexOf('@');
        return at < 0 ? "" : s.substring(at + 1);
    }
}
