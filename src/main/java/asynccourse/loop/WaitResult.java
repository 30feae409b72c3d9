package asynccourse.loop;

import java.util.Set;

/**
 * What {@link Asyncio#waitTasks} returns: the tasks (or futures) that are done and those still
 * pending, asyncio's {@code (done, pending)} pair of sets. Each set keeps the order in which the
 * tasks were given (asyncio's sets have no order) and compares tasks by identity.
 *
 * <p>Threading: an immutable value (the tasks in it are loop-confined). Cancellation: nothing in
 * it was cancelled by {@code waitTasks}. Nulls: neither set is null; both may be empty but not
 * together.
 *
 * <pre>{@code
 * WaitResult<Task<String>> r = waitTasks(tasks, ReturnWhen.FIRST_COMPLETED, Duration.ofSeconds(1));
 * for (Task<String> t : r.done()) System.out.println(t.result());
 * for (Task<String> t : r.pending()) t.cancel();        // waitTasks never cancels: you decide
 * }</pre>
 *
 * @param done the ones that are done (unmodifiable)
 * @param pending the ones that are not (unmodifiable)
 * @param <A> the type of the tasks or futures
 */
public record WaitResult<A>(Set<A> done, Set<A> pending) {
    /**
     * Makes unmodifiable copies of both sets, keeping their order.
     *
     * @param done the ones that are done
     * @param pending the ones that are not
     */
    public WaitResult {
        done = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(done));
        pending = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(pending));
    }
}
