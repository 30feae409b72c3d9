package asynccourse.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FireAndForgetLoggerTest {
    @TempDir
    Path dir;

    private static List<String> lines(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("line %05d of the test log", i)).toList();
    }

    private static void assertAddsUp(LogStats s) {
        assertEquals(s.accepted(), s.written() + s.dropped(), () -> "written + dropped != accepted: " + s);
    }

    /** A writer thread that waits for {@code go} before it starts taking lines. */
    private static ThreadFactory heldBack(CountDownLatch go) {
        return r -> new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.run();
        });
    }

    /**
     * Waits until {@code thread} is parked, waiting or blocked on a monitor (not running) while
     * {@code condition} holds: the caller has really stopped at the point the condition names,
     * which a fixed sleep can only hope for. Fails, saying what it last saw, if the thread ends
     * instead or 10 s pass.
     */
    private static void awaitBlocked(Thread thread, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Thread.State state = thread.getState();
            boolean stopped = state == Thread.State.BLOCKED || state == Thread.State.WAITING
                    || state == Thread.State.TIMED_WAITING;
            if (stopped && condition.getAsBoolean()) {
                return;
            }
            if (state == Thread.State.TERMINATED || System.nanoTime() > deadline) {
                throw new AssertionError(thread.getName() + " is " + state
                        + (condition.getAsBoolean() ? "" : ", and the condition does not hold") + " (expected it blocked)");
            }
            Thread.sleep(1);
        }
    }

    @Test
    void log_manyLines_allWrittenInOrderAndCounted() throws IOException {
        Path file = dir.resolve("app.log");
        List<String> lines = lines(20_000);
        LogStats s;
        try (FireAndForgetLogger log = FireAndForgetLogger.to(file).capacity(20_000).batchSize(100).open()) {
            lines.forEach(log::log);
            s = log.close(Duration.ofSeconds(10));
        }
        assertEquals(lines, Files.readAllLines(file));
        assertEquals(new LogStats(20_000, 20_000, 0), s);
        assertEquals(0, s.pending());
    }

    @Test
    void log_appendsToAnExistingFile() throws IOException {
        Path file = dir.resolve("app.log");
        Files.writeString(file, "before\n");
        try (FireAndForgetLogger log = FireAndForgetLogger.open(file)) {
            log.log("after");
        }
        assertEquals(List.of("before", "after"), Files.readAllLines(file));
    }

    @Test
    void devFull_noExceptionReachesCaller_faultReportedOnce_countsAddUp() {
        Path devFull = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(devFull),
                "/dev/full is not here (not Linux?): the kernel's ENOSPC test cannot run; the SmallDisk tests cover the logic");
        List<String> reports = new CopyOnWriteArrayList<>();
        FireAndForgetLogger log = FireAndForgetLogger.to(devFull).batchSize(64).onFault(reports::add).open();
        for (int i = 0; i < 50_000; i++) {
            log.log("line " + i); // would throw if anything leaked out
        }
        LogStats s = log.close(Duration.ofSeconds(10));
        log.log("after close"); // still no exception
        assertEquals(1, reports.size(), () -> "reported " + reports);
        String report = reports.get(0);
        assertTrue(report.contains("/dev/full"), report);
        assertTrue(report.contains("No space left on device"), report);
        assertTrue(report.contains("after 0 lines"), report);
        assertEquals(report, log.fault().orElseThrow());
        LogStats after = log.stats();
        assertEquals(50_000, s.accepted());
        assertEquals(0, s.written());
        assertAddsUp(s);
        assertEquals(50_001, after.accepted());
        assertAddsUp(after);
    }

    @Test
    void smallDisk_tenThousandLinesInto64KiB_fileIsExactlyAPrefix_reportSaysHowMany() throws IOException {
        try (SmallDisk disk = SmallDisk.ofBytes(64 * 1024)) {
            Path file = disk.path("app.log");
            List<String> reports = new CopyOnWriteArrayList<>();
            List<String> lines = lines(10_000); // 27 bytes a line: 270,000 bytes, four times the disk
            LogStats s;
            try (FireAndForgetLogger log = FireAndForgetLogger.to(file).capacity(20_000).onFault(reports::add).open()) {
                lines.forEach(log::log);
                s = log.close(Duration.ofSeconds(10));
            }
            List<String> onDisk = Files.readAllLines(file);
            assertEquals(lines.subList(0, onDisk.size()), onDisk, "the file holds a prefix of the lines, whole lines only");
            assertEquals(onDisk.size(), s.written());
            assertEquals(64 * 1024 / 27, s.written(), () -> "a batch that does not fit is written line by line, to the last line that fits: " + s);
            assertEquals(10_000, s.accepted());
            assertAddsUp(s);
            assertEquals(1, reports.size(), () -> "reported " + reports);
            assertTrue(reports.get(0).contains("after " + s.written() + " lines"), reports.get(0));
            assertTrue(reports.get(0).contains("/app.log"), reports.get(0));
        }
    }

    @Test
    void smallDisk_batchOfOne_fillsTheDiskToTheLastWholeLine() throws IOException {
        try (SmallDisk disk = SmallDisk.ofBytes(4 * 1024)) {
            Path file = disk.path("app.log");
            List<String> lines = lines(1000);
            LogStats s;
            try (FireAndForgetLogger log = FireAndForgetLogger.to(file).batchSize(1).capacity(1000).onFault(r -> { }).open()) {
                lines.forEach(log::log);
                s = log.close(Duration.ofSeconds(10));
            }
            long size = Files.size(file);
            assertEquals(s.written() * 27, size);
            assertTrue(size > 4 * 1024 - 27, () -> "line by line, the disk fills to its last whole line: " + size);
            assertAddsUp(s);
        }
    }

    @Test
    void folderGone_reportedOnceNamingTheFile_programCarriesOn() {
        Path file = dir.resolve("no-such-folder").resolve("app.log");
        List<String> reports = new CopyOnWriteArrayList<>();
        FireAndForgetLogger log = FireAndForgetLogger.to(file).onFault(reports::add).open();
        log.log("one");
        log.log("two");
        LogStats s = log.close(Duration.ofSeconds(5));
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).contains("NoSuchFileException"), reports.get(0));
        assertTrue(reports.get(0).contains(file.toString()), reports.get(0));
        assertEquals(new LogStats(2, 0, 2), s);
    }

    @Test
    void faultHandlerThrows_ignored_countsStillAddUp() {
        FireAndForgetLogger log = FireAndForgetLogger.to(dir.resolve("gone").resolve("x.log"))
                .onFault(r -> { throw new IllegalStateException("broken handler"); }).open();
        log.log("a");
        LogStats s = log.close(Duration.ofSeconds(5));
        assertAddsUp(s);
        assertTrue(log.fault().isPresent());
    }

    @Test
    void fullQueue_dropNewest_keepsTheOldestLines() throws IOException {
        assertEquals(lines(100).subList(0, 10), keptLines(WhenFull.DROP_NEWEST));
    }

    @Test
    void fullQueue_dropOldest_keepsTheNewestLines() throws IOException {
        assertEquals(lines(100).subList(90, 100), keptLines(WhenFull.DROP_OLDEST));
    }

    private List<String> keptLines(WhenFull policy) throws IOException {
        Path file = dir.resolve(policy + ".log");
        CountDownLatch go = new CountDownLatch(1);
        FireAndForgetLogger log = FireAndForgetLogger.to(file).capacity(10).whenFull(policy).threadFactory(heldBack(go)).open();
        lines(100).forEach(log::log);
        LogStats held = log.stats();
        assertEquals(new LogStats(100, 0, 90), held);
        assertEquals(10, held.pending());
        go.countDown();
        assertEquals(new LogStats(100, 10, 90), log.close(Duration.ofSeconds(5)));
        return Files.readAllLines(file);
    }

    @Test
    void fullQueueDemo_eachPolicyKeepsWhatItSays() {
        List<String> first10 = IntStream.rangeClosed(1, 10).mapToObj(i -> "line " + i).toList();
        List<String> last10 = IntStream.rangeClosed(91, 100).mapToObj(i -> "line " + i).toList();
        List<String> all = IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).toList();
        assertEquals(first10, FullQueueDemo.keptLines(WhenFull.DROP_NEWEST, 10, 100));
        assertEquals(last10, FullQueueDemo.keptLines(WhenFull.DROP_OLDEST, 10, 100));
        assertEquals(all, FullQueueDemo.keptLines(WhenFull.WAIT, 10, 100));
    }

    @Test
    void fullQueue_wait_callerWaitsForRoom_keepsEveryLine() throws Exception {
        Path file = dir.resolve("wait.log");
        CountDownLatch go = new CountDownLatch(1);
        FireAndForgetLogger log = FireAndForgetLogger.to(file).capacity(10).whenFull(WhenFull.WAIT).threadFactory(heldBack(go)).open();
        CountDownLatch callerDone = new CountDownLatch(1);
        Thread caller = Thread.ofPlatform().start(() -> {
            lines(100).forEach(log::log);
            callerDone.countDown();
        });
        awaitBlocked(caller, () -> log.stats().accepted() == 11);
        assertEquals(1, callerDone.getCount(), "the caller waits while the queue is full");
        assertEquals(11, log.stats().pending(), "10 lines in the queue, and the one the caller waits to hand over");
        go.countDown();
        assertTrue(callerDone.await(10, TimeUnit.SECONDS));
        caller.join();
        assertEquals(new LogStats(100, 100, 0), log.close(Duration.ofSeconds(5)));
        assertEquals(lines(100), Files.readAllLines(file));
    }

    @Test
    void fullQueue_wait_closeReleasesTheWaitingCaller() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        FireAndForgetLogger log = FireAndForgetLogger.to(dir.resolve("w.log")).capacity(1).whenFull(WhenFull.WAIT)
                .threadFactory(heldBack(go)).open();
        log.log("fills the queue");
        Thread caller = Thread.ofPlatform().start(() -> log.log("waits"));
        awaitBlocked(caller, () -> log.stats().accepted() == 2);
        LogStats s = log.close(Duration.ofMillis(100)); // the writer is held: close gives up
        caller.join(5_000);
        assertFalse(caller.isAlive(), "close must release a caller waiting for room");
        go.countDown();
        LogStats end = log.stats();
        assertEquals(2, end.accepted());
        assertAddsUp(end);
        assertEquals(2, s.accepted(), "close counted the line the caller was waiting to hand over");
    }

    @Test
    void logAfterClose_countedAsDropped_neverThrows() throws IOException {
        Path file = dir.resolve("closed.log");
        FireAndForgetLogger log = FireAndForgetLogger.open(file);
        log.log("kept");
        log.close();
        log.log("too late");
        log.log(null);
        assertEquals(new LogStats(3, 1, 2), log.stats());
        assertEquals(List.of("kept"), Files.readAllLines(file));
        assertEquals(new LogStats(3, 1, 2), log.close(Duration.ZERO), "closing again just returns the counts");
    }

    @Test
    void close_writerStuck_returnsWithinTheLimit_leftoversCountedAsDropped() {
        CountDownLatch never = new CountDownLatch(1);
        // the builder's own limit is a minute: a close that used it instead of the one given would take that long
        FireAndForgetLogger log = FireAndForgetLogger.to(dir.resolve("stuck.log")).threadFactory(heldBack(never))
                .closeLimit(Duration.ofMinutes(1)).open();
        lines(1000).forEach(log::log);
        long t0 = System.nanoTime();
        LogStats s = log.close(Duration.ofMillis(200));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        // the floor is physical (it waited the limit); the ceiling only has to stay below the builder's minute
        assertTrue(ms >= 190 && ms < 20_000, "close waited " + ms + " ms for a 200 ms limit");
        assertEquals(new LogStats(1000, 0, 1000), s);
        never.countDown(); // the writer starts late: nothing is counted twice
        assertEquals(new LogStats(1000, 0, 1000), log.close(Duration.ofSeconds(5)));
    }

    @Test
    void nullLine_loggedAsNull() throws IOException {
        Path file = dir.resolve("null.log");
        try (FireAndForgetLogger log = FireAndForgetLogger.open(file)) {
            log.log(null);
        }
        assertEquals(List.of("null"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Test
    void manyThreads_everyLineWrittenOnce_pendingNeverNegative() throws Exception {
        Path file = dir.resolve("threads.log");
        FireAndForgetLogger log = FireAndForgetLogger.to(file).capacity(100_000).batchSize(37).open();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    log.log("t" + id + " " + i);
                }
            }));
        }
        while (threads.stream().anyMatch(Thread::isAlive)) {
            LogStats s = log.stats();
            assertTrue(s.pending() >= 0, s::toString);
        }
        for (Thread t : threads) {
            t.join();
        }
        LogStats s = log.close(Duration.ofSeconds(10));
        assertEquals(new LogStats(40_000, 40_000, 0), s);
        List<String> onDisk = Files.readAllLines(file);
        assertEquals(40_000, onDisk.size());
        for (int t = 0; t < 4; t++) {
            String prefix = "t" + t + " ";
            List<String> mine = onDisk.stream().filter(l -> l.startsWith(prefix)).toList();
            assertEquals(IntStream.range(0, 10_000).mapToObj(i -> prefix + i).toList(), mine, "each thread's lines in its order");
        }
    }

    @Test
    void builder_rejectsBadSettings_withAClearMessage() {
        var b = FireAndForgetLogger.to(dir.resolve("x.log"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.capacity(0)).getMessage().contains("capacity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.batchSize(0)).getMessage().contains("batch"));
        assertThrows(IllegalArgumentException.class, () -> b.closeLimit(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> FireAndForgetLogger.to(null));
        assertNotNull(b.open().close(Duration.ofSeconds(1)));
    }
}
