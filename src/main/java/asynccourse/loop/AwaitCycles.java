package asynccourse.loop;

/**
 * Await-cycle detection: an await that would close a cycle (a task waiting, through other
 * tasks, gathers and task groups, for itself) fails at once with the cycle named, instead of
 * waiting forever as it would in asyncio, which only notices when something cancels it.
 *
 * <p>Threading: loop-confined (reads the tasks' waits). Nulls: arguments must not be null.
 */
final class AwaitCycles {
    private AwaitCycles() {}

    /**
     * Throws if {@code me} awaiting {@code target} would close a cycle of awaits (target waits,
     * directly or through other tasks, gathers and task groups, for me): such an await would
     * wait forever, and asyncio only notices when something cancels it. The message names the
     * cycle, e.g. {@code main → Task-1 → main}. Costs nothing when target has not started or
     * waits on a timer or future (the common case); otherwise one walk of what target waits for.
     */
    static void check(Task<?> me, Task<?> target) {
        if (target == me) {
            throw new IllegalStateException("await cycle: " + me.name() + " → " + me.name()
                    + ": a task cannot await itself, directly or through gather/TaskGroup");
        }
        if (target.isDone() || !target.mayWaitForTasks()) {
            return;
        }
        // depth-first walk of the awaits graph from target; parent links give the path back
        java.util.IdentityHashMap<Task<?>, Task<?>> parent = new java.util.IdentityHashMap<>();
        java.util.ArrayDeque<Task<?>> todo = new java.util.ArrayDeque<>();
        parent.put(target, target);
        todo.push(target);
        while (!todo.isEmpty()) {
            Task<?> t = todo.pop();
            if (t.isDone()) {
                continue;
            }
            for (Task<?> next : t.waitsFor()) {
                if (next == me) {
                    java.util.ArrayList<String> path = new java.util.ArrayList<>();
                    for (Task<?> p = t; ; p = parent.get(p)) {
                        path.add(p.name());
                        if (p == target) {
                            break;
                        }
                    }
                    java.util.Collections.reverse(path);
                    throw new IllegalStateException("await cycle: " + me.name() + " → " + String.join(" → ", path)
                            + " → " + me.name() + ": " + target.name() + " already waits for " + me.name()
                            + ", so this await would wait forever; restructure so that one of them does not wait for the other");
                }
                if (!parent.containsKey(next)) {
                    parent.put(next, t);
                    todo.push(next);
                }
            }
        }
    }
}
