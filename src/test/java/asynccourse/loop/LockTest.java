package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LockTest {
    private static final Duration TEN_MS = Duration.ofMillis(10);

    /** Read, await, write: without the lock every task reads the same value. */
    private static int increments(Lock lock) {
        int[] counter = new int[1];
        vrun(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tasks.add(createTask(() -> {
                    if (lock == null) {
                        int n = counter[0];
                        sleep(TEN_MS);
                        counter[0] = n + 1;
                        return null;
                    }
                    try (Held held = lock.hold()) {
                        assertTrue(lock.locked(), held.toString());
                        int n = counter[0];
                        sleep(TEN_MS);
                        counter[0] = n + 1;
                    }
                    return null;
                }));
            }
            gather(tasks);
            return null;
        });
        return counter[0];
    }

    @Test
    void hold_keepsACriticalSectionExclusiveAcrossAwaits() {
        assertEquals(1, increments(null), "without the lock the updates are lost");
        assertEquals(3, increments(new Lock()));
    }

    @Test
    void acquireTwice_isNotReentrant_waitsForItself() {
        vrun(() -> {
            Lock lock = new Lock();
            lock.acquire();
            assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> {
                lock.acquire();
                return null;
            }, Duration.ofSeconds(1)));
            assertTrue(lock.locked());
            assertEquals("<Lock [locked]>", lock.toString());
            return null;
        });
    }

    @Test
    void release_byAnotherTask_isAllowed_lockHasNoOwner() {
        vrun(() -> {
            Lock lock = new Lock();
            lock.acquire();
            createTask(() -> {
                lock.release();
                return null;
            }).await();
            assertFalse(lock.locked());
            return null;
        });
    }

    @Test
    void release_unlocked_throwsClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Lock().release());
        assertTrue(e.getMessage().contains("not acquired"), e.getMessage());
    }

    @Test
    void cancel_wokenWaiterBeforeItRuns_wakesTheNext() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> a = createTask(() -> {
                lock.acquire();
                log.add("a");
                return null;
            });
            Task<Void> b = createTask(() -> {
                lock.acquire();
                log.add("b at " + loopTime());
                lock.release();
                return null;
            });
            sleep(Duration.ZERO);
            assertEquals("<Lock [locked, waiters:2]>", lock.toString());
            lock.release();   // wakes a
            a.cancel();       // before a runs
            assertThrows(CancellationException.class, a::await);
            b.await();
            assertFalse(lock.locked());
            return null;
        });
        assertEquals(List.of("b at 0.0"), log);
    }

    @Test
    void hold_cancelledWhileWaiting_holdsNothing() {
        vrun(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> t = createTask(() -> {
                try (Held held = lock.hold()) {
                    throw new AssertionError("must not get the lock: " + held);
                }
            });
            sleep(Duration.ZERO);
            t.cancel();
            assertThrows(CancellationException.class, t::await);
            assertTrue(lock.locked(), "still held by main, not released by the cancelled task");
            lock.release();
            lock.acquire();
            return null;
        });
    }
}
