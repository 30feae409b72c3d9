package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.toThread;
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
class SemaphoreTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void hold_capsTasksInFlight_atTheSemaphoresValue() {
        int[] inFlight = new int[1];
        int[] most = new int[1];
        double took = TestLoops.vtime(() -> {
            Semaphore slots = new Semaphore(3);
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int k = i;
                tasks.add(createTask(() -> {
                    try (Held slot = slots.hold()) {
                        inFlight[0]++;
                        most[0] = Math.max(most[0], inFlight[0]);
                        sleep(SECOND);
                        inFlight[0]--;
                        assertTrue(slot.toString().contains("Semaphore"));
                        return k;
                    }
                }));
            }
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), gather(tasks));
            assertEquals(3, slots.value(), "every permit given back");
            return null;
        });
        assertEquals(3, most[0]);
        assertEquals(4.0, took, "10 one-second jobs, 3 at a time: 4 rounds");
    }

    @Test
    void acquire_waitersServedInArrivalOrder() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Semaphore sem = new Semaphore(0);
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d")) {
                tasks.add(createTask(() -> {
                    sem.acquire();
                    log.add(name + " at " + loopTime());
                    return null;
                }));
                sleep(Duration.ZERO); // each starts waiting before the next is created
            }
            for (int i = 0; i < 4; i++) {
                sleep(SECOND);
                sem.release();
            }
            gather(tasks);
            return null;
        });
        assertEquals(List.of("a at 1.0", "b at 2.0", "c at 3.0", "d at 4.0"), log);
    }

    @Test
    void acquire_latecomerCannotOvertakeAWokenWaiter() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Semaphore sem = new Semaphore(1);
            sem.acquire();
            Task<Void> waiter = createTask(() -> {
                sem.acquire();
                log.add("waiter");
                return null;
            });
            sleep(Duration.ZERO);
            sem.release(); // the permit goes to the waiter at once
            assertEquals(0, sem.value());
            assertTrue(sem.locked(), "a latecomer must wait");
            Task<Void> late = createTask(() -> {
                sem.acquire();
                log.add("late");
                return null;
            });
            waiter.await();
            sem.release();
            late.await();
            return null;
        });
        assertEquals(List.of("waiter", "late"), log);
    }

    @Test
    void cancel_wokenWaiterBeforeItRuns_passesThePermitToTheNext() {
        vrun(() -> {
            Semaphore sem = new Semaphore(1);
            sem.acquire();
            Task<Void> first = createTask(() -> {
                sem.acquire();
                return null;
            });
            Task<Void> second = createTask(() -> {
                sem.acquire();
                return null;
            });
            sleep(Duration.ZERO);
            sem.release();        // wakes first: its permit is reserved
            first.cancel();       // ... but it is cancelled before it runs
            assertThrows(CancellationException.class, first::await);
            second.await();       // the permit was passed on, not lost
            assertEquals(0, sem.value());
            sem.release();
            assertEquals(1, sem.value());
            assertFalse(sem.locked());
            return null;
        });
    }

    @Test
    void cancel_waiterBeforeWakeUp_takesNoPermit() {
        vrun(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Void> t = createTask(() -> {
                sem.acquire();
                return null;
            });
            sleep(Duration.ZERO);
            assertTrue(t.cancel());
            assertThrows(CancellationException.class, t::await);
            sem.release();
            assertEquals(1, sem.value());
            assertEquals("<Semaphore [unlocked, value:1]>", sem.toString());
            return null;
        });
    }

    @Test
    void hold_releasesOnException_andClosingTwiceReleasesOnce() {
        vrun(() -> {
            Semaphore sem = new Semaphore(2);
            assertThrows(IllegalArgumentException.class, () -> {
                try (Held held = sem.hold()) {
                    assertEquals(1, sem.value(), held.toString());
                    throw new IllegalArgumentException("boom");
                }
            });
            assertEquals(2, sem.value());
            Held h = sem.hold();
            h.close();
            h.close();
            assertEquals(2, sem.value());
            return null;
        });
    }

    @Test
    void boundedSemaphore_releaseTooMany_throwsAndKeepsTheCount() {
        vrun(() -> {
            BoundedSemaphore sem = new BoundedSemaphore(2);
            sem.acquire();
            sem.release();
            IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
            assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
            assertEquals(2, sem.value());
            return null;
        });
    }

    @Test
    void badUse_givesClearErrors() {
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertTrue(neg.getMessage().contains(">= 0"), neg.getMessage());
        IllegalStateException outside = assertThrows(IllegalStateException.class, () -> new Semaphore().acquire());
        assertTrue(outside.getMessage().contains("Semaphore.acquire()"), outside.getMessage());

        Semaphore sem = new Semaphore(0);
        vrun(() -> {
            Task<Void> t = createTask(() -> {
                sem.acquire();
                return null;
            });
            sleep(Duration.ZERO);
            IllegalStateException fromThread = assertThrows(IllegalStateException.class,
                    () -> toThread(() -> {
                        sem.release();
                        return null;
                    }));
            assertTrue(fromThread.getMessage().contains("callSoonThreadsafe"), fromThread.getMessage());
            Asyncio.getRunningLoop().callSoonThreadsafe(sem::release); // the right way
            t.await();
            return null;
        });
        IllegalStateException otherLoop = assertThrows(IllegalStateException.class, () -> vrun(() -> {
            sem.acquire();
            return null;
        }));
        assertTrue(otherLoop.getMessage().contains("different event loop"), otherLoop.getMessage());
    }
}
