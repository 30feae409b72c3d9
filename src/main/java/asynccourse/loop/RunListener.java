package asynccourse.loop;

/**
 * Hears about the runs of every {@link EventLoop} in the JVM: for a host that runs loops on
 * behalf of someone else and must say what happened to a run it could not see end. The course's
 * notebook kernel is one: an interrupted cell ends at once while {@code run()} is still
 * cancelling tasks, and {@code asynccourse.notebook.KernelRuns} reports that run's outcome in the
 * next cell. Register with {@link EventLoop#addRunListener}.
 *
 * <p>Threading: each method is called on the thread named in its comment, possibly for several
 * loops at once; implementations must be thread-safe. A method that throws from
 * {@link #runStarting} refuses the run (the exception reaches the caller of {@code run}); what the
 * others throw is printed to {@code System.err} and otherwise ignored. Nulls: the loop is never
 * null.
 */
public interface RunListener {
    /**
     * A run is about to start ({@link EventLoop#runUntilComplete}, so every
     * {@link Asyncio#run}), on the calling thread, before the loop's driver thread exists.
     *
     * @param loop the loop about to run
     * @throws RuntimeException to refuse the run, with a message saying why and what to do
     */
    default void runStarting(EventLoop loop) {}

    /**
     * The thread waiting for {@code loop}'s run was interrupted (the first interrupt of the
     * run only), on that thread; the loop is about to cancel every task and run until they
     * have finished. Returning lets that happen; the caller keeps waiting for it.
     *
     * @param loop the loop whose caller was interrupted
     */
    default void runInterrupted(EventLoop loop) {}

    /**
     * The loop cancelled {@code tasks} pending tasks because its caller was interrupted, on the
     * loop's driver thread.
     *
     * @param loop the loop
     * @param tasks how many tasks were pending and got a cancellation
     */
    default void cancelledForInterrupt(EventLoop loop, int tasks) {}

    /**
     * The loop's driver thread has ended: a run, or the last iterations of a {@code close()},
     * is over, on the thread that waited for it.
     *
     * @param loop the loop
     * @param interrupted whether that thread was interrupted meanwhile
     */
    default void runEnded(EventLoop loop, boolean interrupted) {}
}
