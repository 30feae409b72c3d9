package asynccourse.loop;

/**
 * The {@link Handover} on a JDK continuation ({@link Continuations}): the coroutine runs on
 * the stepping thread itself (the loop's driver, or a task starting another one eagerly),
 * inside a continuation of its own; a step is a call that returns when the coroutine yields
 * at an await or ends. No thread is made, started, parked or unparked.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li><b>Resume</b> (stepping thread): record itself as the coroutine's {@code runner}, run
 *       the continuation; the call returns when the coroutine suspends or finishes; clear
 *       {@code runner}.</li>
 *   <li><b>Suspend</b> (coroutine): yield the continuation; the frames above its entry are
 *       frozen into a heap stack chunk, and the stepping thread's {@code run} returns. The
 *       next resume thaws them, on the same thread: a continuation must never move to another
 *       platform thread, since its frames hold thread-owned state (a {@code ReentrantLock}) and
 *       C2 treats {@code Thread.currentThread()} as constant within a compiled frame (right on a
 *       virtual thread, whose identity moves with its continuation; wrong here). So a loop whose
 *       run ends with tasks pending keeps that run's driver for them ({@link LoopLifecycle}).</li>
 *   <li><b>Finish</b>: the body's outcome is stored, the continuation ends, {@code run}
 *       returns.</li>
 *   <li><b>Nesting</b>: a task that starts another eagerly runs the other's continuation
 *       inside its own; the inner one's yield returns to the outer one's {@code createTask},
 *       and once it has returned the inner continuation no longer refers to the outer one, so
 *       the loop can resume it later from its driver.</li>
 * </ol>
 *
 * <h2>Happens-before edges</h2>
 * The coroutine and the stepping side run on the same thread, one after the other, so program
 * order covers everything within a step. Between runs (a task resumed by a later run, on the
 * same kept driver thread), program order on that thread covers it too.
 * {@code runner} is volatile because other threads read it: the interrupt handling of the
 * {@code run()} caller and the lookup of the current task ({@link RunningLoops}).
 *
 * <p>Threading: as {@link Handover}. A coroutine that blocks (say {@code Thread.sleep}) blocks
 * the stepping thread, which is the loop's driver: every task stalls, as in asyncio.
 *
 * @param <T> the coroutine's result type
 */
final class ContinuationHandover<T> extends Handover<T> {
    /** The continuation, from {@link #prepare} until {@link #release}. */
    private Object continuation;
    /** The thread running the coroutine now; null between steps. */
    private volatile Thread runner;

    ContinuationHandover(Coroutine<T> body) {
        super(body);
    }

    @Override
    boolean isThread(Thread t) {
        return runner == t;
    }

    @Override
    void interrupt() {
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    boolean hasStack() {
        return continuation != null;
    }

    @Override
    boolean prepare() {
        if (continuation != null) {
            return false;
        }
        continuation = Continuations.create(this);
        return true;
    }

    @Override
    void resume(boolean interrupted) {
        Thread me = Thread.currentThread();
        Thread outer = runner; // not null only if a coroutine re-enters itself, which Task forbids
        runner = me;
        // the stepping thread is shared by every coroutine: an interrupt left from an earlier step
        // must not reach this one (a coroutine on a thread of its own never sees another's)
        Thread.interrupted();
        if (interrupted) {
            me.interrupt();
        }
        try {
            Continuations.run(continuation);
        } finally {
            runner = outer;
        }
    }

    /** The continuation's body: runs the coroutine and stores its outcome. */
    @Override
    public void run() {
        LiveCounts.LIVE_COROUTINES.incrementAndGet();
        runBody(); // catches everything
        LiveCounts.LIVE_COROUTINES.decrementAndGet();
    }

    @Override
    void suspend() {
        Continuations.yieldNow();
    }

    @Override
    void release() {
        continuation = null;
        super.release();
    }
}
