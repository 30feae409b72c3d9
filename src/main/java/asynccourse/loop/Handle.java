package asynccourse.loop;

/**
 * An item of the loop's ready queue, like asyncio's {@code Handle}: the loop runs each with
 * {@link #invoke()} and nothing else, so one iteration needs no type switch. Three kinds:
 * <ul>
 *   <li>a task ({@link Task} is its own ready item): its step hands control to the task's
 *       coroutine; whatever it throws is the loop's own failure and ends the run (the task has
 *       already ended failed, see {@code Task.step}); while the task's own sleep timer is due,
 *       the item is that timer's turn instead (see {@code Task.invoke});</li>
 *   <li>a due {@link TimerHandle} (its own ready item): runs the timer's callback, unless the
 *       timer was cancelled after it became due;</li>
 *   <li>a {@link Callback}: any other callback ({@code callSoon}, {@code callSoonThreadsafe},
 *       done callbacks, the loop's own chores); a plain {@code Runnable} is wrapped in one
 *       ({@link Callback#of}), while the library's frequent callbacks (a gather's or a task
 *       group's child done) extend it and cost no wrapper.</li>
 * </ul>
 * Timer and plain callbacks run through {@code EventLoop.runCallback}: an exception they throw
 * is reported through the loop's warnings sink ("Exception in callback ..."), and in debug mode
 * a slow one is reported too; the loop goes on.
 *
 * <p>Threading: created on any thread (a thread-safe submission is a handle too), run on the
 * loop's driver thread only. Nulls: not applicable.
 */
abstract class Handle {

    /** Runs this item on the loop's driver thread (asyncio's {@code Handle._run}). */
    abstract void invoke();

    /** A callback, run through the loop's error reporting: its body is {@link #run()}. */
    abstract static class Callback extends Handle implements Runnable {
        private final EventLoop loop;

        Callback(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        final void invoke() {
            loop.runCallback(this);
        }

        /** Wraps a plain callback; its description is the callback's. */
        static Callback of(EventLoop loop, Runnable callback) {
            return new Callback(loop) {
                @Override
                public void run() {
                    callback.run();
                }

                @Override
                public String toString() {
                    return callback.toString();
                }
            };
        }
    }
}
