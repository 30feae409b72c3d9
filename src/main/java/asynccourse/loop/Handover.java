package asynccourse.loop;

/**
 * The hand-over of control between the thread that steps a task (the loop's driver, or a task
 * starting another one eagerly) and that task's coroutine. The task decides when to step and
 * what a step means (state, cancellation, tracing); a hand-over only passes control to the
 * coroutine and back, and carries the coroutine's outcome to the loop.
 *
 * <h2>Two kinds of coroutine stack</h2>
 * <ul>
 *   <li>{@link ContinuationHandover}: the coroutine runs on a {@code jdk.internal.vm.Continuation},
 *       the JDK's own building block of virtual threads, mounted on the stepping thread itself:
 *       a step is a call that returns when the coroutine yields or ends. Used when the JVM
 *       exports {@code jdk.internal.vm} to this library (see {@link Continuations}), as the
 *       course's kernel, tests and benchmark do.</li>
 *   <li>{@link ThreadHandover}: the coroutine runs on a virtual thread of its own, used only
 *       as a stack; control passes by park and unpark. Used when continuations are not
 *       available (or {@code -Dasynccourse.coroutines=threads} asks for it).</li>
 * </ul>
 * Both give the same guarantees: exactly one side runs at a time; everything the stepping
 * side wrote before a resume is visible to the coroutine, and everything the coroutine wrote
 * before it suspends or ends is visible to the stepping side afterwards (each subclass states
 * its happens-before edges).
 *
 * <p>A step: {@link #prepare} (makes the stack on the first step), {@link #resume} (gives
 * control to the coroutine and returns once it has suspended or finished), then
 * {@link #finished}, {@link #value}, {@link #failure}. The coroutine side
 * calls {@link #suspend} at an await. {@link #release} drops everything once the task is done.
 *
 * <p>Threading: the stepping-side methods are called by the stepping thread, the coroutine-side
 * one by the coroutine; {@link #isThread} and {@link #interrupt} by any thread. Nulls: the
 * outcome's value may be null.
 *
 * @param <T> the coroutine's result type
 */
abstract class Handover<T> implements Runnable {
    /** The coroutine; null once it has returned or thrown (that is how "finished" is told: no field more). */
    Coroutine<T> body;
    T value;
    Throwable failure;

    Handover(Coroutine<T> body) {
        this.body = body;
    }

    /** A hand-over of the kind this JVM supports (see the class comment). */
    static <T> Handover<T> of(Coroutine<T> body) {
        return Continuations.IN_USE ? new ContinuationHandover<>(body) : new ThreadHandover<>(body);
    }

    /** Whether {@code t} is the thread the coroutine runs on right now (or, between steps, would). */
    abstract boolean isThread(Thread t);

    /** Interrupts the thread the coroutine runs on, if it runs (the run() caller was interrupted). */
    abstract void interrupt();

    /** Whether the coroutine has a stack (it was stepped before, and not released). */
    abstract boolean hasStack();

    /**
     * Makes the coroutine's stack if it has none; call before publishing the task as the loop's
     * current task, so that whoever sees the task as current sees its stack.
     *
     * @return true if the stack was made now (the next resume starts the coroutine)
     */
    abstract boolean prepare();

    /**
     * Hands control to the coroutine and returns once it has suspended or finished. If the
     * hand-over fails (an Error: no memory for a thread), the coroutine did not run and the
     * error is thrown.
     *
     * @param interrupted whether the coroutine's step begins interrupted (the run() caller was
     *     interrupted: a coroutine that blocks the loop must not hold run() up)
     */
    abstract void resume(boolean interrupted);

    /** Gives control back to the stepping side; returns when the coroutine is resumed. */
    abstract void suspend();

    /** Whether the coroutine's body has returned or thrown (read after {@link #resume}). */
    final boolean finished() {
        return body == null;
    }

    /** The body's result (null if it threw). */
    final T value() {
        return value;
    }

    /** What the body threw, or null. */
    final Throwable failure() {
        return failure;
    }

    /** Runs the body and stores its outcome (on the coroutine's stack). */
    final void runBody() {
        T v = null;
        Throwable f = null;
        try {
            v = body.call();
        } catch (Throwable e) {
            f = e;
        }
        value = v;
        failure = f;
        body = null; // finished
    }

    /** Drops the stack and the outcome once the task is done. */
    void release() {
        body = null;
        value = null;
        failure = null;
    }
}
