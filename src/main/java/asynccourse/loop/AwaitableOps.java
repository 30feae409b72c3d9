package asynccourse.loop;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * What the library does with an {@link Awaitable} that the public interface does not show: its
 * loop, its done callbacks (added and removed as ready items), its raw outcome; and the checks
 * that {@code waitTasks}, {@code asCompleted} and {@code shield} make on their arguments. A
 * switch over the two kinds, {@link Task} and {@link AsyncFuture}.
 *
 * <p>Threading: loop-confined. Nulls: arguments must not be null.
 */
final class AwaitableOps {
    private AwaitableOps() {}

    static EventLoop loopOf(Awaitable<?> a) {
        return switch (a) {
            case Task<?> t -> t.loop;
            case AsyncFuture<?> f -> f.loop();
        };
    }

    /** asyncio's {@code add_done_callback}: scheduled when done (at once if done already). */
    static void addDone(Awaitable<?> a, Handle h) {
        switch (a) {
            case Task<?> t -> t.addDoneHandle(h);
            case AsyncFuture<?> f -> f.core.addDoneHandle(h);
        }
    }

    /** asyncio's {@code remove_done_callback} for one ready item, by identity. */
    static void removeDone(Awaitable<?> a, Handle h) {
        switch (a) {
            case Task<?> t -> t.removeDoneHandles(x -> x == h);
            case AsyncFuture<?> f -> f.core.removeDoneHandles(x -> x == h);
        }
    }

    /** The failure of a done awaitable (a CancellationException if cancelled), null if it has a result. */
    static Throwable rawException(Awaitable<?> a) {
        return switch (a) {
            case Task<?> t -> t.rawException();
            case AsyncFuture<?> f -> f.core.rawException();
        };
    }

    /** Whether it is done with an exception that is not a cancellation (asyncio: {@code not f.cancelled() and f.exception() is not None}). */
    static boolean failed(Awaitable<?> a) {
        return a.isDone() && !a.isCancelled() && rawException(a) != null;
    }

    /** The outcome for whoever consumes it: marks a task's failure as retrieved. */
    @SuppressWarnings("unchecked")
    static <T> T resultOrThrow(Awaitable<? extends T> a) {
        return switch (a) {
            case Task<?> t -> (T) t.resultOrThrow();
            case AsyncFuture<?> f -> (T) f.core.resultOrThrow();
        };
    }

    /** Marks a failure as seen (a task's is then not reported as never retrieved). */
    static void markRetrieved(Awaitable<?> a) {
        if (a instanceof Task<?> t) {
            t.markRetrieved();
        }
    }

    /**
     * The checks of asyncio's {@code wait} and {@code as_completed} on their collection: not
     * null, no null element, no coroutine (possible only through a raw type, since the
     * parameter's type keeps them out), every element of {@code loop}; returns the elements
     * without duplicates, in their first order (asyncio makes a {@code set}).
     */
    static <A> LinkedHashSet<A> distinct(Collection<? extends A> fs, String what, EventLoop loop) {
        Objects.requireNonNull(fs, what + ": the collection of tasks is null");
        LinkedHashSet<A> set = new LinkedHashSet<>();
        for (Object o : fs) {
            if (o == null) {
                throw new NullPointerException(what + ": a null element among the tasks");
            }
            if (o instanceof Coroutine<?>) {
                throw new IllegalArgumentException(what + ": passing coroutines is forbidden, use tasks explicitly: "
                        + "wrap each coroutine in createTask(...) first (asyncio 3.11 raises TypeError here)");
            }
            if (!(o instanceof Awaitable<?> a)) {
                throw new IllegalArgumentException(what + ": expects tasks or futures (Awaitable), got "
                        + o.getClass().getName());
            }
            if (loopOf(a) != loop) {
                throw new IllegalStateException(what + ": " + a + " belongs to a different event loop");
            }
            @SuppressWarnings("unchecked")
            A e = (A) o;
            set.add(e);
        }
        return set;
    }

    /** CPython 3.11's {@code shield(arg)} for a task or future: the shortcut, or an outer future chained to it. */
    static <T> Awaitable<T> shield(Awaitable<T> inner) {
        if (inner.isDone()) {
            return inner; // asyncio's shortcut
        }
        EventLoop loop = loopOf(inner);
        AsyncFuture<T> outer = new AsyncFuture<>(loop);
        Handle.Callback innerDone = new Handle.Callback(loop) {
            @Override
            public void run() {
                if (outer.isCancelled()) {
                    if (!inner.isCancelled()) {
                        markRetrieved(inner); // asyncio: inner.exception(), so it is not reported
                    }
                    return;
                }
                if (inner.isCancelled()) {
                    outer.core.cancel(null);
                } else {
                    Throwable e = rawException(inner);
                    markRetrieved(inner);
                    if (e != null) {
                        outer.core.setException(e);
                    } else {
                        outer.core.setResult(resultOrThrow(inner));
                    }
                }
            }

            @Override
            public String toString() {
                return "shield: inner " + inner + " done";
            }
        };
        Handle.Callback outerDone = new Handle.Callback(loop) {
            @Override
            public void run() {
                if (!inner.isDone()) {
                    removeDone(inner, innerDone);
                }
            }

            @Override
            public String toString() {
                return "shield: outer done";
            }
        };
        addDone(inner, innerDone);
        outer.core.addDoneHandle(outerDone);
        return outer;
    }
}
