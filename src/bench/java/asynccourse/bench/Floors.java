package asynccourse.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What the JDK's continuations cost by themselves, with no event loop at all: the floor under
 * two of issue 23's targets, measured in the same run as the targets. A task of our loop runs its
 * coroutine on a {@code jdk.internal.vm.Continuation}, so no task can cost less than one:
 * <ul>
 *   <li>fib(20) where each call's two children run in a bare continuation each, which ends
 *       without yielding (an eager task that never suspends, minus the task, the gather and the
 *       loop): microseconds per continuation;</li>
 *   <li>100,000 bare continuations, each suspended by one yield straight from its body (a
 *       sleeping task minus the task, the timer and the loop): heap bytes per continuation, with
 *       its body and its slot in the list that holds them.</li>
 * </ul>
 *
 * <p>Reached through method handles, as the library reaches them, so the benchmark compiles
 * without the export; where the JVM does not export {@code jdk.internal.vm} the floors are not
 * measured and the JSON says why.
 *
 * <p>Threading: called by the benchmark's thread. Cancellation: not applicable. Nulls: not
 * applicable.
 */
final class Floors {
    private static final MethodHandle NEW;   // (Runnable) Object
    private static final MethodHandle RUN;   // (Object) void
    private static final MethodHandle YIELD; // () boolean
    /** Why the floors cannot be measured here, or null. */
    static final String WHY_NOT;

    static {
        MethodHandle make = null;
        MethodHandle run = null;
        MethodHandle yield = null;
        String why = null;
        try {
            Class<?> cont = Class.forName("jdk.internal.vm.Continuation");
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            if (!Object.class.getModule().isExported("jdk.internal.vm", Floors.class.getModule())) {
                why = "the JVM does not export jdk.internal.vm to the benchmark";
            } else {
                MethodHandles.Lookup l = MethodHandles.lookup();
                Object scope = l.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                        .invoke("bench-floor");
                make = l.findConstructor(cont, MethodType.methodType(void.class, scopeClass, Runnable.class))
                        .bindTo(scope).asType(MethodType.methodType(Object.class, Runnable.class));
                run = l.findVirtual(cont, "run", MethodType.methodType(void.class))
                        .asType(MethodType.methodType(void.class, Object.class));
                yield = MethodHandles.insertArguments(
                        l.findStatic(cont, "yield", MethodType.methodType(boolean.class, scopeClass)), 0, scope);
            }
        } catch (Throwable e) {
            why = "jdk.internal.vm.Continuation is not usable: " + e;
        }
        NEW = make;
        RUN = run;
        YIELD = yield;
        WHY_NOT = why;
    }

    private Floors() {}

    /** Writes both floors into {@code json}, or why they were not measured. */
    static void measure(FlatJson json, int warmMin, int warmMillis, int runs) {
        if (WHY_NOT != null) {
            json.put("floors_not_measured", WHY_NOT);
            return;
        }
        long tasks = tasks(20);
        json.put("fib20_bare_continuation_tasks", (double) tasks);
        Workloads.warmUp(warmMin, warmMillis, System::nanoTime, () -> fib(20));
        double[] us = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            long v = fib(20);
            us[i] = (System.nanoTime() - t0) / 1e3 / tasks;
            if (v != 6765) {
                throw new IllegalStateException("fib(20) with bare continuations = " + v);
            }
        }
        json.put("fib20_bare_continuation_us_per_task_runs", us);
        json.put("bare_continuation_suspended_bytes", suspendedBytes(100_000));
    }

    /** Continuations one fib(n) makes: two per call but the leaves', as the task versions make tasks. */
    private static long tasks(int n) {
        long a = 0;
        long b = 1;
        for (int i = 0; i < n + 1; i++) {
            long c = a + b;
            a = b;
            b = c;
        }
        return 2 * a - 2;
    }

    /** fib(n), each call's two children computed in a bare continuation of their own. */
    private static long fib(int n) {
        if (n < 2) {
            return n;
        }
        long[] r = new long[2];
        runToEnd(() -> r[0] = fib(n - 1));
        runToEnd(() -> r[1] = fib(n - 2));
        return r[0] + r[1];
    }

    private static void runToEnd(Runnable body) {
        try {
            Object c = (Object) NEW.invokeExact(body);
            RUN.invokeExact(c);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs until its body yields: the continuation is suspended, its frames in a stack chunk on the heap. */
    private static Object suspended() {
        try {
            Object c = (Object) NEW.invokeExact((Runnable) Floors::yieldOnce);
            RUN.invokeExact(c);
            return c;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void yieldOnce() {
        try {
            boolean yielded = (boolean) YIELD.invokeExact();
            assert yielded;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Heap bytes per suspended bare continuation, {@code n} of them held in an array; after warm-up
     * rounds of the same code, so that the stack chunks hold the JIT's frames (as the sleepers'
     * measure does).
     */
    private static double suspendedBytes(int n) {
        for (int round = 0; round < 6; round++) {
            Object[] warm = new Object[n];
            for (int i = 0; i < n; i++) {
                warm[i] = suspended();
            }
        }
        Heap.gcQuiet();
        long before = Heap.used();
        Object[] held = new Object[n];
        for (int i = 0; i < n; i++) {
            held[i] = suspended();
        }
        Heap.gcQuiet();
        long during = Heap.used();
        if (held[n - 1] == null) {
            throw new IllegalStateException("no continuation");
        }
        return (during - before) / (double) n;
    }
}
