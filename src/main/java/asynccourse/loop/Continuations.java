package asynccourse.loop;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Access to the JDK's one-shot delimited continuations, {@code jdk.internal.vm.Continuation}:
 * what every virtual thread is made of, without the scheduler. A continuation runs a body on
 * the calling thread's own stack; {@code yield} freezes the frames above the continuation's
 * entry into a heap object and returns from {@code run}; the next {@code run}, on any thread,
 * thaws them and carries on. That is exactly a coroutine stack, at a fraction of a virtual
 * thread's cost: measured here with JDK 25, a run and a yield take about 80 ns, against about
 * 300 ns for a park/unpark round trip between two virtual threads on one carrier, and a
 * continuation that ends without yielding costs about 20 ns and no thread at all.
 *
 * <p>The package is internal: the JVM must export it to this library,
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} (the course's kernel, Maven
 * tests and benchmark pass it). Without it, or with {@code -Dasynccourse.coroutines=threads},
 * the loop uses a virtual thread per task instead ({@link ThreadHandover}): the same scheduling,
 * slower, and thread-owned state means something else inside a coroutine (see {@link EventLoop},
 * "The thread a coroutine sees"); the first run in such a JVM says so once, on
 * {@code System.err}, unless the fallback was asked for. {@code -Dasynccourse.coroutines=continuations} insists on
 * continuations and fails with a clear message where they are not exported.
 *
 * <p>Access goes through method handles, so the library compiles and loads without the export.
 *
 * <p>Threading: the handles are immutable; a continuation is run by one thread at a time.
 */
final class Continuations {
    private Continuations() {}

    /** The JVM option that exports the continuations to this library. */
    static final String EXPORT_OPTION = asynccourse.KernelOptions.continuationsExport();

    private static final MethodHandle NEW;   // (Runnable) Object
    private static final MethodHandle RUN;   // (Object) void
    private static final MethodHandle YIELD; // () boolean
    /** Why continuations are not in use (null when they are). */
    static final String WHY_NOT;
    /** Whether the loop's coroutines run on continuations. */
    static final boolean IN_USE;
    /** Whether virtual threads were asked for ({@code -Dasynccourse.coroutines=threads}) rather than fallen back to. */
    private static final boolean THREADS_ASKED_FOR = System.getProperty("asynccourse.coroutines", "").equals("threads");

    static {
        MethodHandle make = null;
        MethodHandle run = null;
        MethodHandle yield = null;
        String why = null;
        String wanted = System.getProperty("asynccourse.coroutines", "");
        if (wanted.equals("threads")) {
            why = "-Dasynccourse.coroutines=threads";
        } else if (!wanted.isEmpty() && !wanted.equals("continuations")) {
            throw new IllegalStateException("-Dasynccourse.coroutines=" + wanted
                    + " is not a choice: use continuations or threads");
        } else {
            try {
                Class<?> cont = Class.forName("jdk.internal.vm.Continuation");
                Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
                Module base = Object.class.getModule();
                if (!base.isExported("jdk.internal.vm", Continuations.class.getModule())) {
                    why = "the JVM does not export jdk.internal.vm to this library (" + EXPORT_OPTION + ")";
                } else {
                    MethodHandles.Lookup l = MethodHandles.lookup(); // sees what java.base exports to this module
                    Object scope = l.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                            .invoke("asyncio-task");
                    make = l.findConstructor(cont, MethodType.methodType(void.class, scopeClass, Runnable.class))
                            .bindTo(scope).asType(MethodType.methodType(Object.class, Runnable.class));
                    run = l.findVirtual(cont, "run", MethodType.methodType(void.class))
                            .asType(MethodType.methodType(void.class, Object.class));
                    yield = MethodHandles.insertArguments(
                            l.findStatic(cont, "yield", MethodType.methodType(boolean.class, scopeClass)), 0, scope);
                }
            } catch (Throwable e) {
                why = "jdk.internal.vm.Continuation is not usable here: " + e;
                make = null;
                run = null;
                yield = null;
            }
            if (why != null && wanted.equals("continuations")) {
                throw new IllegalStateException("-Dasynccourse.coroutines=continuations, but " + why
                        + ": start the JVM with " + EXPORT_OPTION);
            }
        }
        NEW = make;
        RUN = run;
        YIELD = yield;
        WHY_NOT = why;
        IN_USE = why == null;
    }

    /** Whether the fallback to virtual threads has been announced (see {@link #announceFallbackOnce}). */
    private static final java.util.concurrent.atomic.AtomicBoolean FALLBACK_ANNOUNCED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * On the first run in a JVM where continuations are not in use though nobody asked for
     * threads: prints once, on {@code System.err}, what the coroutines run on and why. A
     * learner's own {@code jshell} or IDE then knows it differs from the course kernel.
     */
    static void announceFallbackOnce() {
        if (!IN_USE && !THREADS_ASKED_FOR && FALLBACK_ANNOUNCED.compareAndSet(false, true)) {
            System.err.println("[asynccourse] coroutines run on " + describe() + ". Scheduling is the same;"
                    + " thread-owned state (ThreadLocal, ReentrantLock) differs inside coroutines. Start the JVM with "
                    + EXPORT_OPTION + " to run them as the course kernel does.");
        }
    }

    /** A new continuation that runs {@code body} when first run. */
    static Object create(Runnable body) {
        try {
            return (Object) NEW.invokeExact(body);
        } catch (Throwable e) {
            throw sneaky(e);
        }
    }

    /** Runs {@code continuation} on the calling thread until it yields or ends. */
    static void run(Object continuation) {
        try {
            RUN.invokeExact(continuation);
        } catch (Throwable e) {
            throw sneaky(e);
        }
    }

    /**
     * Yields the innermost running continuation of the loop's scope back to its {@code run}.
     * A continuation that cannot yield (pinned: a native frame or a class initialiser below
     * the await) makes this throw {@link IllegalStateException} saying so.
     */
    static void yieldNow() {
        try {
            // true, or onPinned throws: a pinned continuation never returns false to its caller
            boolean yielded = (boolean) YIELD.invokeExact();
            assert yielded;
        } catch (IllegalStateException e) {
            throw new IllegalStateException("this coroutine cannot suspend here (" + e.getMessage() + "): an await "
                    + "inside a class initialiser (static { ... }) or below a native method cannot give control back "
                    + "to the event loop; move the await out of it", e);
        } catch (Throwable e) {
            throw sneaky(e);
        }
    }

    /** What the loop's coroutines run on, for people: printed by the benchmark and the course. */
    static String describe() {
        return IN_USE ? "continuations (jdk.internal.vm.Continuation, one per task, no thread)"
                : "virtual threads (one per task), because " + WHY_NOT;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
