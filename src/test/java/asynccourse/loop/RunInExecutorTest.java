package asynccourse.loop;

import static asynccourse.loop.Asyncio.await;
import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.runInExecutor;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunInExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(1, r -> new Thread(r, "test-pool"));

    @AfterEach
    void closePool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the test pool ended");
    }

    @Test
    void runInExecutor_returnsTheResult_computedOnAnExecutorThread() {
        AtomicReference<String> ranOn = new AtomicReference<>();
        String loopThread = vrun(() -> Thread.currentThread().getName());
        long v = vrun(() -> runInExecutor(pool, () -> {
            ranOn.set(Thread.currentThread().getName());
            return 6L * 7;
        }));
        assertEquals(42L, v);
        assertEquals("test-pool", ranOn.get());
        assertNotEquals(loopThread, ranOn.get());
    }

    @Test
    void runInExecutor_workThrowsUnchecked_rethrowsItAsIs() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> vrun(() -> runInExecutor(pool, () -> { throw new IllegalStateException("boom"); })));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void runInExecutor_workThrowsChecked_wrapsItInCoroutineException() {
        IOException cause = new IOException("disk");
        CoroutineException e = assertThrows(CoroutineException.class,
                () -> vrun(() -> runInExecutor(pool, () -> { throw cause; })));
        assertSame(cause, e.getCause());
    }

    @Test
    void runInExecutor_loopKeepsRunningOtherTasksWhileTheWorkRuns() {
        CountDownLatch release = new CountDownLatch(1);
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<Void> other = createTask(() -> {
                log.add("other ran");
                release.countDown();
                return null;
            });
            String r = runInExecutor(pool, () -> {
                assertTrue(release.await(10, TimeUnit.SECONDS), "the other task ran while the work waited for it");
                return "work done";
            });
            log.add(r);
            other.await();
            return null;
        });
        assertEquals(List.of("other ran", "work done"), log);
    }

    @Test
    void cancel_whileTheWorkRuns_taskEndsAtOnce_workRunsOnUninterrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch workEnded = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finishedNormally = new AtomicBoolean();
        Task<?>[] task = new Task<?>[1];
        vrun(() -> {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Task<String> t = createTask(() -> runInExecutor(pool, () -> {
                started.complete(null);
                try {
                    release.await();
                    finishedNormally.set(true);
                    return "late result";
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    return "interrupted";
                } finally {
                    workEnded.countDown();
                }
            }));
            task[0] = t;
            await(started);
            t.cancel();
            assertThrows(CancellationException.class, t::await);
            assertTrue(t.isCancelled());
            assertEquals(1, workEnded.getCount(), "the work is still running after the task was cancelled");
            return null;
        });
        // the loop has closed; the work is still on the pool until released
        assertEquals(1, workEnded.getCount(), "the loop's close does not wait for the caller's executor");
        release.countDown();
        assertTrue(workEnded.await(10, TimeUnit.SECONDS));
        assertTrue(finishedNormally.get(), "the running work ran on to its end");
        assertFalse(interrupted.get(), "the running work was not interrupted");
        assertTrue(task[0].isCancelled());
    }

    @Test
    void cancel_whileTheWorkIsQueued_theWorkNeverStarts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean queuedWorkRan = new AtomicBoolean();
        CompletableFuture<Void> blockerStarted = new CompletableFuture<>();
        pool.execute(() -> {                 // occupies the pool's only thread
            blockerStarted.complete(null);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        vrun(() -> {
            await(blockerStarted);
            Task<String> t = createTask(() -> runInExecutor(pool, () -> {
                queuedWorkRan.set(true);
                return "ran";
            }));
            sleep(Duration.ZERO);            // t submits its work, which waits in the queue
            t.cancel();
            CancellationException e = assertThrows(CancellationException.class, t::await);
            assertInstanceOf(CancellationException.class, e);
            return null;
        });
        release.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertFalse(queuedWorkRan.get(), "work cancelled before it started never runs");
    }

    @Test
    void runInExecutor_shutDownExecutor_throwsRejectedExecution() {
        pool.shutdown();
        assertThrows(RejectedExecutionException.class, () -> vrun(() -> runInExecutor(pool, () -> 1)));
    }

    @Test
    void runInExecutor_outsideALoop_saysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runInExecutor(pool, () -> 1));
        assertTrue(e.getMessage().contains("runInExecutor()"), e.getMessage());
    }

    @Test
    void runInExecutor_nullArguments_areRejected() {
        assertThrows(NullPointerException.class, () -> vrun(() -> runInExecutor(null, () -> 1)));
        assertThrows(NullPointerException.class, () -> vrun(() -> runInExecutor(pool, null)));
    }
}
