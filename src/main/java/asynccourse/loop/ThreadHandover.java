package asynccourse.loop;

import java.util.concurrent.locks.LockSupport;

/**
 * The {@link Handover} used without continuations: the coroutine runs on a virtual thread of
 * its own, used only as a coroutine stack, and control passes between the stepping thread
 * (the "driver" below: the loop's driver, or a task starting another one eagerly) and the
 * coroutine by park and unpark.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li><b>Whose turn.</b> {@code turn} says who may run: {@code LOOP} or {@code COROUTINE}.
 *       Exactly one side runs at a time; the other is parked (or not started yet). Each side
 *       only ever sets the turn to the other side, and only while it holds the turn.</li>
 *   <li><b>Resume</b> (driver, in {@link #resume}): record the driver, set the turn to
 *       {@code COROUTINE}, then start the thread (first step) or unpark it; then park the
 *       driver until the turn is {@code LOOP} again.</li>
 *   <li><b>Suspend</b> (coroutine, in {@link #suspend}): set the turn to {@code LOOP}, unpark
 *       the driver, park until the turn is {@code COROUTINE} again.</li>
 *   <li><b>Finish</b> (coroutine, at the end of its body): store the outcome (value or
 *       failure), drop the body (which marks it finished), set the turn to {@code LOOP}, unpark the driver; the
 *       thread then ends. The loop reads the outcome once it has the turn back.</li>
 *   <li><b>Parks re-check.</b> Both sides park in a loop on the turn: an unpark may come early
 *       (a permit left from before), a park may return spuriously, and a set interrupt flag
 *       would make every park return at once, so each side clears the flag and parks again.</li>
 * </ol>
 *
 * <h2>Happens-before edges</h2>
 * <ul>
 *   <li>Driver to coroutine: everything the driver wrote before {@code turn = COROUTINE} (a
 *       volatile write), or before {@code Thread.start}, is visible to the coroutine once it
 *       reads {@code turn == COROUTINE} (a volatile read) or starts. That covers the loop's
 *       state, the task's fields and {@code driver}, a plain field.</li>
 *   <li>Coroutine to driver: everything the coroutine wrote before {@code turn = LOOP}, the
 *       outcome and the dropped body included (plain fields), is visible to the driver once
 *       it reads {@code turn == LOOP}.</li>
 *   <li>{@code thread} is volatile because threads other than these two read it: the
 *       interrupt handling of the {@code run()} caller, and the lookup of the current task
 *       ({@link RunningLoops}), which reads the loop's {@code current} (volatile, written after
 *       {@link #prepare}) and then compares threads.</li>
 * </ul>
 *
 * <p>Threading: the loop-side methods are called by the driver while it holds the turn, the
 * coroutine-side ones by the coroutine thread while it holds the turn; {@link #isThread} and
 * {@link #interrupt} by any thread. Nulls: the outcome's value may be null.
 *
 * @param <T> the coroutine's result type
 */
final class ThreadHandover<T> extends Handover<T> {
    private static final int LOOP = 0;
    private static final int COROUTINE = 1;

    /** The coroutine's thread, from {@link #prepare} until {@link #release}. */
    private volatile Thread thread;
    private boolean started;
    /** The driver that resumed the coroutine last: the thread to unpark when it suspends. */
    private Thread driver;
    private volatile int turn = LOOP;

    ThreadHandover(Coroutine<T> body) {
        super(body);
    }

    // ------------------------------------------------------------------ any thread

    @Override
    boolean isThread(Thread t) {
        return thread == t;
    }

    /** Interrupts the coroutine's thread, if it has one (the run() caller was interrupted). */
    @Override
    void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    // ------------------------------------------------------------------ loop side

    /** Whether the coroutine has a thread (it was stepped before, and not released). */
    @Override
    boolean hasStack() {
        return thread != null;
    }

    /**
     * Creates the coroutine's thread if it has none; call before publishing the task as the
     * loop's current task, so that whoever sees the task as current sees its thread.
     *
     * @return true if the thread was created now (the next resume starts it)
     */
    @Override
    boolean prepare() {
        if (thread != null) {
            return false;
        }
        thread = LoopThreads.COROUTINES.newThread(this);
        return true;
    }

    /**
     * Hands control to the coroutine: starts its thread on the first step, unparks it after;
     * returns once the coroutine has suspended or finished. If the hand-over fails (an Error: no memory for a thread), the turn stays the loop's and the
     * error is thrown; the coroutine did not run.
     */
    @Override
    void resume(boolean interrupted) {
        driver = Thread.currentThread();
        Thread t = thread;
        turn = COROUTINE;
        try {
            if (!started) {
                LiveCounts.LIVE_COROUTINES.incrementAndGet();
                try {
                    t.start();
                } catch (Throwable e) {
                    LiveCounts.LIVE_COROUTINES.decrementAndGet();
                    throw e;
                }
                started = true;
            } else {
                LockSupport.unpark(t);
            }
        } catch (Throwable e) {
            turn = LOOP;
            throw e;
        }
        if (interrupted) {
            t.interrupt();
        }
        while (turn != LOOP) { // until the coroutine suspends or finishes
            LockSupport.park(this);
            Thread.interrupted(); // nobody interrupts the driver on purpose; never spin on a stale flag
        }
    }

    /** Drops the thread, the body and the outcome once the task is done. */
    @Override
    void release() {
        thread = null;
        super.release();
    }

    // ------------------------------------------------------------------ coroutine side

    /** The coroutine thread's body: runs the coroutine, stores its outcome, gives the turn back. */
    @Override
    public void run() {
        runBody();
        LiveCounts.LIVE_COROUTINES.decrementAndGet();
        Thread d = driver;
        turn = LOOP;
        LockSupport.unpark(d);
    }

    /** Gives control back to the loop and parks until the loop resumes this coroutine. */
    @Override
    void suspend() {
        Thread d = driver;
        turn = LOOP;
        LockSupport.unpark(d);
        while (turn != COROUTINE) {
            LockSupport.park(this);
            // an interrupt reaching a suspended coroutine (the run() caller was interrupted):
            // the loop cancels the task; clear the flag so that park really blocks
            Thread.interrupted();
        }
    }
}
