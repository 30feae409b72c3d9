package asynccourse.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * CPython 3.11's {@code asyncio.wait} ({@code _wait}) and {@code asyncio.as_completed}, step by
 * step: the algorithms behind {@link Asyncio#waitTasks} and {@link Asyncio#asCompleted}, whose
 * javadoc states the contracts. Both only add done callbacks to what they watch: neither ever
 * cancels it.
 *
 * <p>Threading: loop-confined. Nulls: a null timeout means none.
 */
final class Waits {
    private Waits() {}

    /** CPython 3.11's {@code _wait(fs, timeout, return_when, loop)}. */
    static <A extends Awaitable<?>> WaitResult<A> await(Task<?> me, LinkedHashSet<A> fs, ReturnWhen returnWhen,
            Duration timeout) {
        EventLoop loop = me.loop;
        LoopFuture waiter = new LoopFuture(loop, "wait(" + fs.size() + ")");
        TimerHandle timer = timeout == null || Timeout.beyondReach(timeout.getSeconds()) ? null
                : loop.callLaterNanos(Math.max(0, EventLoop.saturatedNanos(timeout)), waiter::release);
        int[] counter = {fs.size()};
        List<Handle> callbacks = new ArrayList<>(fs.size());
        for (A f : fs) {
            Handle.Callback onCompletion = new Handle.Callback(loop) {
                @Override
                public void run() {
                    counter[0]--;
                    if (counter[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                            || returnWhen == ReturnWhen.FIRST_EXCEPTION && AwaitableOps.failed(f)) {
                        if (timer != null) {
                            timer.cancel();
                        }
                        waiter.release();
                    }
                }

                @Override
                public String toString() {
                    return "wait: " + f + " done";
                }
            };
            callbacks.add(onCompletion);
            AwaitableOps.addDone(f, onCompletion);
        }
        try {
            me.awaitFuture(waiter, loop.trace != null ? "wait(" + fs.size() + ")" : null);
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            int i = 0;
            for (A f : fs) {
                AwaitableOps.removeDone(f, callbacks.get(i++));
            }
        }
        LinkedHashSet<A> done = new LinkedHashSet<>();
        LinkedHashSet<A> pending = new LinkedHashSet<>();
        for (A f : fs) {
            (f.isDone() ? done : pending).add(f);
        }
        return new WaitResult<>(done, pending);
    }

    /** The sentinel that a timeout puts into as_completed's queue (asyncio's {@code None}). */
    static final Object TIMED_OUT = new Object() {
        @Override
        public String toString() {
            return "timed out";
        }
    };

    /** CPython 3.11's {@code as_completed(fs, timeout=timeout)}. */
    static <T> List<Completion<T>> asCompleted(EventLoop loop, LinkedHashSet<Awaitable<? extends T>> fs,
            Duration timeout) {
        Queue<Object> done = new Queue<>();
        LinkedHashSet<Awaitable<? extends T>> todo = new LinkedHashSet<>(fs);
        TimerHandle[] timer = new TimerHandle[1];
        List<Handle> callbacks = new ArrayList<>(fs.size());
        for (Awaitable<? extends T> f : fs) {
            Handle.Callback onCompletion = new Handle.Callback(loop) {
                @Override
                public void run() {
                    if (todo.isEmpty()) {
                        return; // the timeout was here first
                    }
                    todo.remove(f);
                    done.putNowait(f);
                    if (todo.isEmpty() && timer[0] != null) {
                        timer[0].cancel();
                    }
                }

                @Override
                public String toString() {
                    return "asCompleted: " + f + " done";
                }
            };
            callbacks.add(onCompletion);
            AwaitableOps.addDone(f, onCompletion);
        }
        if (!todo.isEmpty() && timeout != null && !Timeout.beyondReach(timeout.getSeconds())) {
            timer[0] = loop.callLaterNanos(Math.max(0, EventLoop.saturatedNanos(timeout)), () -> {
                int i = 0;
                for (Awaitable<? extends T> f : fs) {
                    Handle cb = callbacks.get(i++);
                    if (todo.contains(f)) {
                        AwaitableOps.removeDone(f, cb);
                        done.putNowait(TIMED_OUT);
                    }
                }
                todo.clear();
            });
        }
        List<Completion<T>> out = new ArrayList<>(fs.size());
        for (int i = 0; i < fs.size(); i++) {
            out.add(new Completion<>(done, timeout));
        }
        return List.copyOf(out);
    }
}
