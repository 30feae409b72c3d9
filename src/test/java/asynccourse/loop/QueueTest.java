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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class QueueTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void put_waitsWhileFull_getTakesFifo() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Queue<Integer> q = new Queue<>(2);
            Task<Void> producer = createTask(() -> {
                for (int i = 1; i <= 4; i++) {
                    q.put(i);
                    log.add("put " + i + " at " + loopTime());
                }
                return null;
            });
            Task<Void> consumer = createTask(() -> {
                for (int i = 1; i <= 4; i++) {
                    sleep(SECOND);
                    log.add("got " + q.get() + " at " + loopTime());
                }
                return null;
            });
            gather(producer, consumer);
            assertTrue(q.empty());
            return null;
        });
        assertEquals(List.of("put 1 at 0.0", "put 2 at 0.0",
                "got 1 at 1.0", "put 3 at 1.0",
                "got 2 at 2.0", "put 4 at 2.0",
                "got 3 at 3.0", "got 4 at 4.0"), log);
    }

    @Test
    void get_waitsWhileEmpty_andReturnsWhatWasPut() {
        vrun(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = createTask(q::get);
            sleep(SECOND);
            assertFalse(getter.isDone());
            q.putNowait("x");
            assertEquals("x", getter.await());
            assertEquals(1.0, loopTime());
            return null;
        });
    }

    @Test
    void cancel_wokenGetterBeforeItRuns_losesNoItem() {
        vrun(() -> {
            Queue<String> q = new Queue<>();
            Task<String> first = createTask(q::get);
            Task<String> second = createTask(q::get);
            sleep(Duration.ZERO);
            q.putNowait("only");   // wakes first
            first.cancel();        // cancelled before it took the item
            assertThrows(CancellationException.class, first::await);
            assertEquals("only", second.await(), "the wake-up went on to the next getter");
            return null;
        });
    }

    @Test
    void waitFor_timedOutGet_leavesTheItemForLater() {
        vrun(() -> {
            Queue<String> q = new Queue<>();
            assertThrows(AsyncTimeoutException.class, () -> waitFor(q::get, SECOND));
            q.putNowait("late");
            assertEquals(1, q.qsize());
            assertEquals("late", q.get());
            return null;
        });
    }

    @Test
    void cancel_waitingPut_addsNothing() {
        vrun(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("a");
            Task<Void> putter = createTask(() -> {
                q.put("b");
                return null;
            });
            sleep(Duration.ZERO);
            putter.cancel();
            assertThrows(CancellationException.class, putter::await);
            assertEquals("a", q.getNowait());
            assertTrue(q.empty());
            return null;
        });
    }

    @Test
    void join_returnsWhenEveryItemIsDone() {
        double took = TestLoops.vtime(() -> {
            Queue<Integer> q = new Queue<>();
            for (int i = 0; i < 6; i++) {
                q.putNowait(i);
            }
            List<Task<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(createTask(() -> {
                    while (true) {
                        q.get();
                        sleep(SECOND);
                        q.taskDone();
                    }
                }));
            }
            q.join();
            assertEquals("<Queue maxsize=0 _getters[2]>", q.toString());
            for (Task<Void> w : workers) {
                w.cancel();
            }
            return null;
        });
        assertEquals(3.0, took, "6 one-second items, 2 workers");
    }

    @Test
    void join_onAQueueWithNothingUnfinished_returnsAtOnce() {
        vrun(() -> {
            Queue<Integer> q = new Queue<>();
            q.join();
            q.putNowait(1);
            q.getNowait();
            q.taskDone();
            q.join();
            assertEquals(0.0, loopTime());
            return null;
        });
    }

    @Test
    void nowaitVariants_throwTheirOwnExceptions() {
        vrun(() -> {
            Queue<String> q = new Queue<>(1);
            QueueEmptyException empty = assertThrows(QueueEmptyException.class, q::getNowait);
            assertTrue(empty.getMessage().contains("get()"), empty.getMessage());
            q.putNowait("a");
            assertTrue(q.full());
            QueueFullException full = assertThrows(QueueFullException.class, () -> q.putNowait("b"));
            assertTrue(full.getMessage().contains("maxsize 1"), full.getMessage());
            assertThrows(NullPointerException.class, () -> q.putNowait(null));
            assertThrows(NullPointerException.class, () -> q.put(null));
            q.getNowait();
            q.taskDone();
            IllegalStateException tooMany = assertThrows(IllegalStateException.class, q::taskDone);
            assertTrue(tooMany.getMessage().contains("too many times"), tooMany.getMessage());
            return null;
        });
    }

    @Test
    void lifoAndPriority_giveTheirOrder() {
        vrun(() -> {
            Queue<Integer> lifo = Queue.lifo(0);
            Queue<Integer> prio = Queue.priority(0, Comparator.naturalOrder());
            for (int i : List.of(2, 0, 1)) {
                lifo.put(i);
                prio.put(i);
            }
            assertEquals(List.of(1, 0, 2), List.of(lifo.get(), lifo.get(), lifo.get()));
            assertEquals(List.of(0, 1, 2), List.of(prio.get(), prio.get(), prio.get()));
            assertEquals("<PriorityQueue maxsize=0 tasks=3>", prio.toString());
            return null;
        });
    }

    @Test
    void unboundedQueue_isNeverFull() {
        Queue<Integer> q = new Queue<>(-3);
        for (int i = 0; i < 1000; i++) {
            q.putNowait(i);
        }
        assertFalse(q.full());
        assertEquals(1000, q.qsize());
        assertEquals(-3, q.maxsize());
    }
}
