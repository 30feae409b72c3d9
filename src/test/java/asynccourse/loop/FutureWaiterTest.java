package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.runTraced;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import asynccourse.trace.Span;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a task waiting on a primitive looks like: its repr, and its waits on a timeline. */
@Timeout(30)
class FutureWaiterTest {

    @Test
    void waitingTask_reprAndTimeline_nameThePrimitive() {
        RunResult<Void> r = runTraced(EventLoop.builder().virtualClock(), () -> {
            Semaphore sem = new Semaphore(0);
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(0);
            Lock lock = new Lock();
            lock.acquire();
            Event ev = new Event();
            Task<Void> s = createTask(() -> {
                sem.acquire();
                return null;
            }, "s");
            Task<Void> g = createTask(() -> {
                new Queue<Integer>().get();
                return null;
            }, "g");
            Task<Void> p = createTask(() -> {
                q.put(1);
                return null;
            }, "p");
            Task<Void> l = createTask(() -> {
                lock.acquire();
                return null;
            }, "l");
            Task<Void> e = createTask(() -> {
                ev.await();
                return null;
            }, "e");
            sleep(Duration.ZERO);
            assertEquals("<Task pending name='s' wait_for=<Semaphore.acquire>>", s.toString());
            assertEquals("<Task pending name='g' wait_for=<Queue.get>>", g.toString());
            assertEquals("<Task pending name='p' wait_for=<Queue.put>>", p.toString());
            assertEquals("<Task pending name='l' wait_for=<Lock.acquire>>", l.toString());
            assertEquals("<Task pending name='e' wait_for=<Event.await>>", e.toString());
            sleep(Duration.ofSeconds(1));
            sem.release();
            q.getNowait();
            lock.release();
            ev.set();
            g.cancel();
            gather(s, p, l, e);
            return null;
        });
        for (List<String> nameAndDetail : List.of(List.of("s", "semaphore"), List.of("g", "queue get"),
                List.of("p", "queue put"), List.of("l", "lock"), List.of("e", "event"))) {
            List<Span> waits = r.timeline().waits(nameAndDetail.get(0));
            assertEquals(1, waits.size(), waits.toString());
            assertEquals(nameAndDetail.get(1), waits.get(0).detail());
            assertEquals(Duration.ofSeconds(1), waits.get(0).end().minus(waits.get(0).start()));
        }
    }
}
