package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The course kernel runs with one carrier thread for virtual threads
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1}). Its coroutines run on continuations; without
 * the export they run on virtual threads, and the loop's driver is one too. On JDK 21-23 a coroutine
 * that waits inside {@code synchronized} stays pinned (on virtual threads: to that one carrier, so
 * the loop could never run again): this is why the course needs JDK 25. Both settings are fixed when
 * a JVM starts, so each case runs in a child JVM started with them.
 */
class OneCarrierTest {

    /** An await inside {@code synchronized}: on JDK 24+ the coroutine suspends and the loop goes on, on either stack. */
    @ParameterizedTest
    @ValueSource(strings = {"threads", "continuations"})
    @Timeout(120)
    void awaitInsideSynchronized_oneCarrier_resumes(String stacks) throws Exception {
        String out = runChild("synchronized", 60_000, stacks);
        assertTrue(out.contains("parallelism=1"), out);
        assertTrue(out.contains("stacks=" + (stacks.equals("threads") ? "virtual threads" : "continuations")), out);
        assertTrue(out.contains("resumed [in synchronized, beside it]"), out);
    }

    /**
     * The control: an await inside a class initializer, where JDK 25 still pins a virtual thread.
     * The same program then never resumes, which is what {@code synchronized} did on JDK 21-23;
     * it shows that the test above would catch pinning.
     */
    @Test
    @Timeout(120)
    void awaitInsideClassInitializer_oneCarrier_staysStuck() throws Exception {
        String out = runChild("classInitializer", 3_000, "threads");
        assertTrue(out.contains("parallelism=1"), out);
        assertTrue(out.contains("stuck after 3000 ms"), out);
    }

    /**
     * On continuations an await that cannot suspend (inside a class initialiser) fails at once
     * with a message saying why and what to do, instead of leaving the loop stuck.
     */
    @Test
    @Timeout(120)
    void awaitInsideClassInitializer_continuations_failsSayingWhy() throws Exception {
        String out = runChild("classInitializer", 30_000, "continuations");
        assertTrue(out.contains("stacks=continuations"), out);
        assertTrue(out.contains("failed"), out);
        assertTrue(out.contains("this coroutine cannot suspend here"), out);
        assertTrue(out.contains("class initialiser"), out);
    }

    /** Runs {@link Child} with one carrier, on the given stacks; the watchdog's time plus a minute at most. */
    private static String runChild(String mode, long watchdogMillis, String stacks) throws Exception {
        List<String> options = stacks.equals("threads")
                ? List.of(ChildJvms.CARRIER, "-Dasynccourse.coroutines=threads")
                : List.of(ChildJvms.CARRIER, ChildJvms.EXPORT,
                        "-Dasynccourse.coroutines=continuations");
        return ChildJvms.run(Child.class, watchdogMillis + 60_000, options, mode, Long.toString(watchdogMillis));
    }

    /** The child JVM: runs one case on the loop and reports whether it resumed before the watchdog. */
    static final class Child {
        private static final Object LOCK = new Object();

        /** Its initializer awaits: runs on the coroutine that first touches the class. */
        static final class AwaitsWhileInitializing {
            static final String VALUE;

            static {
                sleep(Duration.ofMillis(50));
                VALUE = "in class initializer";
            }
        }

        public static void main(String[] args) throws Exception {
            String mode = args[0];
            long watchdog = Long.parseLong(args[1]);
            System.out.println("parallelism=" + System.getProperty("jdk.virtualThreadScheduler.parallelism"));
            System.out.println("stacks=" + EventLoop.coroutineStacks());
            AtomicReference<List<String>> result = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().daemon().start(() -> {
                try {
                    result.set(run(mode));
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            caller.join(watchdog);
            if (caller.isAlive()) {
                System.out.println("stuck after " + watchdog + " ms");
            } else if (failure.get() != null) {
                System.out.print("failed:");
                for (Throwable e = failure.get(); e != null; e = e.getCause()) {
                    System.out.print(" " + e);
                }
                System.out.println();
            } else {
                System.out.println("resumed " + result.get());
            }
            System.out.flush();
            Runtime.getRuntime().halt(0); // a stuck carrier would keep the JVM from exiting normally
        }

        private static List<String> run(String mode) {
            return Asyncio.run(() -> {
                Task<String> inside = createTask(() -> {
                    if (mode.equals("synchronized")) {
                        synchronized (LOCK) {
                            sleep(Duration.ofMillis(50));
                            return "in synchronized";
                        }
                    }
                    return AwaitsWhileInitializing.VALUE;
                });
                Task<String> beside = createTask(() -> {
                    sleep(Duration.ofMillis(10));
                    return "beside it";
                });
                return gather(inside, beside);
            });
        }
    }
}
