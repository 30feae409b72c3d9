package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The course kernel runs with one carrier thread for virtual threads
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1}); the loop's driver and every coroutine are
 * virtual threads. On JDK 21-23 a virtual thread that parks inside {@code synchronized} stays
 * pinned to that one carrier, so the loop could never run again: this is why the course needs
 * JDK 25. The scheduler's parallelism is fixed when the JVM starts, so each case runs in a child
 * JVM started with the kernel's option.
 */
class OneCarrierTest {

    /** An await inside {@code synchronized}: on JDK 24+ the coroutine unmounts and the loop goes on. */
    @Test
    @Timeout(120)
    void awaitInsideSynchronized_oneCarrier_resumes() throws Exception {
        String out = runChild("synchronized", 60_000);
        assertTrue(out.contains("parallelism=1"), out);
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
        String out = runChild("classInitializer", 3_000);
        assertTrue(out.contains("parallelism=1"), out);
        assertTrue(out.contains("stuck after 3000 ms"), out);
    }

    /** On continuations (the course kernel's export), an await inside {@code synchronized} resumes too. */
    @Test
    void awaitInsideSynchronized_continuations_resumes() throws Exception {
        String out = runChild("synchronized", 60_000, EXPORT);
        assertTrue(out.contains("stacks=continuations"), out);
        assertTrue(out.contains("resumed [in synchronized, beside it]"), out);
    }

    /**
     * On continuations an await that cannot suspend (inside a class initialiser) fails at once
     * with a message saying why and what to do, instead of leaving the loop stuck.
     */
    @Test
    void awaitInsideClassInitializer_continuations_failsSayingWhy() throws Exception {
        String out = runChild("classInitializer", 30_000, EXPORT);
        assertTrue(out.contains("stacks=continuations"), out);
        assertTrue(out.contains("failed"), out);
        assertTrue(out.contains("this coroutine cannot suspend here"), out);
        assertTrue(out.contains("class initialiser"), out);
    }

    private static final String EXPORT = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";

    private static String runChild(String mode, long watchdogMillis, String... options) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-Djdk.virtualThreadScheduler.parallelism=1"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName(), mode, Long.toString(watchdogMillis)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean ended = p.waitFor(watchdogMillis + 60_000, TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ended, "the child JVM did not end: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
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
