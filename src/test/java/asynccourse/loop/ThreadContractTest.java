package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract between coroutines and thread-owned state, row by row as {@link EventLoop}'s
 * javadoc states it ("The thread a coroutine sees"). Maven runs this class on both stacks (the
 * default execution on continuations, {@code one-carrier} on a virtual thread per task); each
 * test asserts the row for the stack it runs on, so a change on either stack fails here.
 */
class ThreadContractTest {

    private static final boolean CONTINUATIONS = Continuations.IN_USE;

    /** The driver thread of the loop running now (called from inside a run). */
    private static Thread driver() {
        return Asyncio.getRunningLoop().lifecycle.driverThread;
    }

    @Test
    @Timeout(10)
    void currentThread_isTheDriverOnContinuations_theTasksOwnOnThreads() {
        List<Thread> seen = vrun(() -> {
            Task<Thread> a = createTask(Thread::currentThread);
            Task<Thread> b = createTask(Thread::currentThread);
            return List.of(Thread.currentThread(), a.await(), b.await(), driver());
        });
        Thread main = seen.get(0);
        Thread a = seen.get(1);
        Thread b = seen.get(2);
        Thread driver = seen.get(3);
        assertNotSame(Thread.currentThread(), main, "a coroutine never runs on the caller of run()");
        assertEquals(LoopThreads.DRIVER_NAME, driver.getName());
        if (CONTINUATIONS) {
            assertSame(driver, main);
            assertSame(driver, a);
            assertSame(driver, b);
            assertFalse(driver.isVirtual(), "on continuations the driver is a platform thread");
        } else {
            assertNotSame(a, b);
            assertNotSame(driver, a);
            assertTrue(a.isVirtual() && driver.isVirtual());
        }
    }

    @Test
    @Timeout(10)
    void threadLocal_setByOneTask_isSeenByAnotherOfTheRunOnlyOnContinuations() {
        ThreadLocal<String> local = new ThreadLocal<>();
        String seenByB = vrun(() -> {
            Task<Void> a = createTask(() -> {
                local.set("A");
                sleep(Duration.ofSeconds(1));
                return null;
            });
            Task<String> b = createTask(() -> {
                sleep(Duration.ofMillis(500)); // A has set it and waits in its sleep
                return local.get();
            });
            a.await();
            return b.await();
        });
        assertEquals(CONTINUATIONS ? "A" : null, seenByB);
    }

    @Test
    @Timeout(30)
    void threadLocal_setInOneRun_isNeverSeenInALaterRun() {
        ThreadLocal<String> local = new ThreadLocal<>();
        List<String> leaked = new ArrayList<>();
        for (int run = 0; run < 50; run++) {
            String tag = "run " + run;
            String before = vrun(() -> {
                String old = local.get();
                local.set(tag);
                return old;
            });
            if (before != null) {
                leaked.add(tag + " saw '" + before + "'");
            }
        }
        assertEquals(List.of(), leaked, "every run starts with no thread-local values, on either stack");
    }

    @Test
    @Timeout(10)
    void inheritableThreadLocal_ofTheCaller_isNotSeenInACoroutine() {
        InheritableThreadLocal<String> inherited = new InheritableThreadLocal<>();
        inherited.set("caller");
        try {
            List<String> seen = vrun(() -> {
                Task<String> t = createTask(inherited::get);
                return java.util.Arrays.asList(inherited.get(), t.await());
            });
            assertEquals(java.util.Arrays.asList(null, null), seen);
        } finally {
            inherited.remove();
        }
    }

    @Test
    @Timeout(10)
    void reentrantLock_heldByATaskAcrossAnAwait_isTakenByAnotherTaskOnlyOnContinuations() {
        ReentrantLock lock = new ReentrantLock();
        boolean bGotIt = vrun(() -> {
            Task<Void> a = createTask(() -> {
                lock.lock();
                try {
                    sleep(Duration.ofSeconds(1)); // holds the lock across an await
                } finally {
                    lock.unlock();
                }
                return null;
            });
            Task<Boolean> b = createTask(() -> {
                sleep(Duration.ofMillis(500));
                boolean got = lock.tryLock();
                if (got) {
                    lock.unlock();
                }
                return got;
            });
            a.await();
            return b.await();
        });
        // on continuations the lock belongs to the driver thread both tasks run on: no exclusion
        assertEquals(CONTINUATIONS, bGotIt);
        assertFalse(lock.isLocked());
    }

    @Test
    @Timeout(10)
    void loopLock_heldByATaskAcrossAnAwait_excludesAnotherTaskOnBothStacks() {
        Lock lock = new Lock();
        boolean bGotIt = vrun(() -> {
            Task<Void> a = createTask(() -> {
                lock.acquire();
                try {
                    sleep(Duration.ofSeconds(1));
                } finally {
                    lock.release();
                }
                return null;
            });
            Task<Boolean> b = createTask(() -> {
                sleep(Duration.ofMillis(500));
                return !lock.locked();
            });
            a.await();
            return b.await();
        });
        assertFalse(bGotIt, "the loop's Lock is held by A while A waits, on either stack");
    }

    @Test
    @Timeout(30)
    void run_returnsOnlyOnceItsDriverThreadHasEnded() {
        for (int run = 0; run < 50; run++) {
            Thread driver = vrun(ThreadContractTest::driver);
            assertFalse(driver.isAlive(), "run " + run + ": the driver thread " + driver + " outlived its run");
        }
        assertNull(RunningLoops.runningLoopOrNull());
    }

    @Test
    @Timeout(10)
    void runs_eachHaveADriverThreadOfTheirOwn() {
        Thread first = vrun(ThreadContractTest::driver);
        Thread second = vrun(ThreadContractTest::driver);
        assertNotSame(first, second);
    }

    @Test
    @Timeout(30)
    void reentrantLock_heldByATaskAcrossTheEndOfARun_isReleasedInTheNextRun() {
        // a task still pending when its run ends goes on in the next run: on continuations it must
        // go on on the thread it ran on, which owns the lock (it was an IllegalMonitorStateException)
        ReentrantLock lock = new ReentrantLock();
        List<String> warnings = new ArrayList<>();
        try (EventLoop loop = EventLoop.builder().virtualClock().warnings(warnings::add).build()) {
            Event go = new Event();
            List<Task<Void>> holder = new ArrayList<>();
            loop.runUntilComplete(() -> {
                holder.add(createTask(() -> {
                    lock.lock();
                    try {
                        go.await(); // the run ends while the task waits here
                    } finally {
                        lock.unlock();
                    }
                    return null;
                }));
                sleep(Duration.ZERO); // the task takes the lock and waits
                return null;
            });
            assertTrue(lock.isLocked());
            Throwable failure = loop.runUntilComplete(() -> {
                go.set();
                try {
                    holder.get(0).await();
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            assertNull(failure, "the task released its lock in the next run");
        }
        assertFalse(lock.isLocked());
        assertEquals(List.of(), warnings);
    }

    /** What a hot coroutine saw as its thread on its last step, and how many steps it took. */
    private static volatile Thread hotSaw;
    private static volatile int hotSteps;

    @Test
    @Timeout(60)
    void currentThread_inAHotCoroutinePendingAcrossRuns_isTheThreadRunningIt() {
        // C2 treats Thread.currentThread() as constant within a compiled frame (true on a virtual
        // thread, whose identity moves with its continuation): a continuation frozen by one
        // platform thread and thawed by another would go on seeing the first
        try (EventLoop loop = EventLoop.builder().virtualClock().build()) {
            Event stop = new Event();
            List<Task<Void>> hot = new ArrayList<>();
            Thread first = loop.runUntilComplete(() -> {
                hot.add(createTask(() -> {
                    while (!stop.isSet()) {
                        hotSaw = Thread.currentThread();
                        hotSteps++;
                        sleep(Duration.ZERO);
                    }
                    return null;
                }));
                while (hotSteps < 300_000) { // enough for the JIT to compile the coroutine's loop
                    sleep(Duration.ZERO); // (a virtual clock stands still while tasks are ready)
                }
                return driver();
            });
            List<Thread> second = loop.runUntilComplete(() -> {
                int from = hotSteps;
                while (hotSteps < from + 3 && !hot.get(0).isDone()) {
                    sleep(Duration.ZERO);
                }
                Thread saw = hotSaw;
                stop.set();
                return List.of(driver(), saw);
            });
            // it failed here: its compiled sleep() looked for its task by a thread that was gone
            assertFalse(hot.get(0).isDone() && hot.get(0).exception() != null,
                    () -> "the coroutine failed in the second run: " + hot.get(0).exception());
            assertNotNull(first);
            if (CONTINUATIONS) {
                assertSame(second.get(0), second.get(1), "a coroutine's thread on continuations is the driver running it");
                assertSame(first, second.get(0), "a run that left tasks pending on continuations keeps its driver");
            } else {
                assertNotSame(second.get(0), second.get(1), "a coroutine's thread on threads is its own");
            }
        }
    }

    @Test
    @Timeout(10)
    void monitor_heldByATaskAcrossAnAwait_isNotHeldByAnotherTaskOnEitherStack() {
        Object monitor = new Object();
        boolean bHolds = vrun(() -> {
            Task<Void> a = createTask(() -> {
                synchronized (monitor) {
                    sleep(Duration.ofSeconds(1)); // JDK 24+: suspends inside synchronized, on either stack
                }
                return null;
            });
            Task<Boolean> b = createTask(() -> {
                sleep(Duration.ofMillis(500));
                return Thread.holdsLock(monitor);
            });
            a.await();
            return b.await();
        });
        assertFalse(bHolds, "the monitor belongs to A's coroutine, not to the thread B runs on");
    }

    /**
     * Task B enters {@code synchronized} on a monitor that A holds across an await: B blocks its
     * thread, the driver on continuations or its own on threads, and since the loop can only
     * resume A after B suspends, the loop stalls for good. In a child JVM (a stalled loop's thread
     * never ends), on this execution's stack.
     */
    @Test
    @Timeout(120)
    void monitor_enteredByAnotherTask_stallsTheLoopOnEitherStack() throws Exception {
        List<String> options = CONTINUATIONS
                ? List.of(ChildJvms.EXPORT, "-Dasynccourse.coroutines=continuations")
                : List.of(ChildJvms.CARRIER, "-Dasynccourse.coroutines=threads");
        String out = ChildJvms.run(MonitorChild.class, 60_000, options);
        assertTrue(out.contains("stalled"), out);
    }

    /** The child JVM of {@link #monitor_enteredByAnotherTask_stallsTheLoopOnEitherStack}. */
    static final class MonitorChild {
        public static void main(String[] args) throws Exception {
            Object monitor = new Object();
            Thread caller = Thread.ofPlatform().daemon().start(() -> Asyncio.run(() -> {
                Task<Void> a = createTask(() -> {
                    synchronized (monitor) {
                        sleep(Duration.ofMillis(100));
                    }
                    return null;
                });
                Task<Void> b = createTask(() -> {
                    sleep(Duration.ofMillis(50));
                    synchronized (monitor) {
                        return null;
                    }
                });
                a.await();
                return b.await();
            }));
            caller.join(3_000); // the run takes 0.1 s unless it stalls
            System.out.println(caller.isAlive() ? "stalled" : "finished");
            System.out.flush();
            Runtime.getRuntime().halt(0); // the stalled driver would keep the JVM alive
        }
    }
}
