package asynccourse.notebook;

import asynccourse.loop.EventLoop;
import asynccourse.loop.RunListener;
import asynccourse.loop.Task;
import asynccourse.trace.Seconds;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The course kernel's listener to the event loop's runs: runs whose caller was interrupted,
 * remembered until a later run has said how they ended. Installed by {@code course.jsh}
 * ({@link #install()}); the loop itself knows nothing of notebooks.
 *
 * <p>Why: in a notebook, interrupting a cell ends the cell at once (JJava cancels the cell's
 * future and replies), while {@code run()} is still cancelling tasks and waiting for their
 * clean-up on the cell's old thread. The clean-up's outcome, the {@code CancellationException}
 * that {@code run()} then throws, reaches nobody, and the clean-up's output lands in the kernel's
 * log or in the next cell. And a coroutine that never awaits cannot be stopped at all: on virtual threads, with the
 * kernel's single carrier, every later run would hang in silence; on continuations it keeps
 * burning a core on its driver thread.
 * So, once installed, the next {@code runUntilComplete} (every {@code run}) first
 * <ul>
 *   <li>waits, at most {@link #GRACE_NANOS} after the interrupt, for a clean-up still going (its
 *       output then lands in the new cell, where the learner sees it);</li>
 *   <li>prints one line per interrupted run saying how it ended, followed by what its clean-up printed: the
 *       interrupted run waits (at most {@link #CELL_END_MILLIS}) until the kernel has ended the
 *       cell and put its own {@code System.out} back, then records {@code System.out} while its
 *       tasks clean up, passing everything on as well;</li>
 *   <li>if a run is still not finished, names the task that holds it; when virtual threads can
 *       still run (on continuations, the course kernel's stack, the stuck run holds only its own
 *       driver thread) the new run goes ahead and the warning says to restart the kernel to stop
 *       the old one; when no virtual thread can run any more (on virtual threads per task with
 *       one carrier, the stuck coroutine holds it), refuses to start with an
 *       {@link IllegalStateException} that says what to do, instead of hanging.</li>
 * </ul>
 *
 * <p>Threading: thread-safe (a lock on the list; the loop state read is volatile). Nulls: loops
 * are never null.
 */
public final class KernelRuns implements RunListener {
    private static final KernelRuns INSTANCE = new KernelRuns();

    private KernelRuns() {}

    /**
     * Makes every run in this JVM report interrupted runs as the class comment says; installing
     * again does nothing. The course kernel's start-up script calls it.
     */
    public static void install() {
        EventLoop.addRunListener(INSTANCE);
    }

    /** The {@code System.out} each running loop's run started with (a notebook kernel swaps it per cell). */
    private final Map<EventLoop, PrintStream> cellOuts = new ConcurrentHashMap<>();

    @Override
    public void runStarting(EventLoop loop) {
        beforeRun();
        cellOuts.put(loop, System.out);
    }

    @Override
    public void runInterrupted(EventLoop loop) {
        PrintStream cellOut = cellOuts.get(loop);
        interrupted(loop, cellOut != null ? cellOut : System.out);
    }

    @Override
    public void cancelledForInterrupt(EventLoop loop, int tasks) {
        cancelled(loop, tasks);
    }

    @Override
    public void runEnded(EventLoop loop, boolean interrupted) {
        if (interrupted) {
            ended(loop);
        }
        cellOuts.remove(loop);
    }

    /** How long after an interrupt a new run waits for the old run's clean-up: 2 s. */
    static final long GRACE_NANOS = 2_000_000_000L;
    /** How long a new run waits to see a virtual thread start before calling the carrier taken. */
    static final long PROBE_MILLIS = 1_000;
    /** How long an interrupted run waits for the kernel to end the cell before it cleans up. */
    static final long CELL_END_MILLIS = 500;

    /** Copies everything to {@code original} and keeps a copy (bounded) for the report. */
    private static final class Recorder extends OutputStream {
        final PrintStream original;
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        static final int MAX = 16 * 1024;

        Recorder(PrintStream original) {
            this.original = original;
        }

        @Override
        public synchronized void write(int b) {
            original.write(b);
            if (copy.size() < MAX) {
                copy.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            copy.write(b, off, Math.min(len, Math.max(0, MAX - copy.size())));
        }

        @Override
        public void flush() {
            original.flush();
        }
    }

    /** One interrupted run. */
    private static final class Entry {
        final EventLoop loop;
        final long interruptedAt = System.nanoTime();
        volatile long endedAt;
        volatile int cancelled = -1;
        volatile boolean ended;
        boolean stuckReported;
        PrintStream recording;
        Recorder recorder;
        String output = "";

        Entry(EventLoop loop) {
            this.loop = loop;
        }
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();

    /**
     * The caller of {@code loop}'s run was interrupted (first interrupt only); {@code cellOut}
     * is the {@code System.out} the run started with. When reporting, waits for the kernel to
     * replace it (the cell has ended), then records the clean-up's output.
     */
    private static void interrupted(EventLoop loop, PrintStream cellOut) {
        Entry entry = new Entry(loop);
        synchronized (ENTRIES) {
            ENTRIES.add(entry);
        }
        long deadline = System.nanoTime() + CELL_END_MILLIS * 1_000_000L;
        while (System.out == cellOut && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException ie) {
                // a second interrupt: stop waiting
                break;
            }
        }
        PrintStream now = System.out;
        if (now != cellOut) {
            Recorder r = new Recorder(now);
            PrintStream recording = new PrintStream(r, true, StandardCharsets.UTF_8);
            System.setOut(recording);
            entry.recorder = r;
            entry.recording = recording;
        }
    }

    /** The loop cancelled {@code n} tasks for the interrupt. */
    private static void cancelled(EventLoop loop, int n) {
        Entry e = find(loop);
        if (e != null && e.cancelled < 0) {
            e.cancelled = n;
        }
    }

    /** The interrupted run's driver ended: every task has finished. */
    private static void ended(EventLoop loop) {
        Entry e = find(loop);
        if (e != null) {
            if (e.recording != null) {
                e.recording.flush();
                if (System.out == e.recording) {
                    System.setOut(e.recorder.original); // unless the kernel has set another since
                }
                e.output = e.recorder.copy.toString(StandardCharsets.UTF_8);
            }
            e.endedAt = System.nanoTime();
            e.ended = true;
            synchronized (ENTRIES) {
                ENTRIES.notifyAll();
            }
        }
    }

    /**
     * Forgets the interrupted runs that have ended, without a note: for an interrupt the course
     * made itself (an exercise attempt past its time limit, {@link Exercises}), which its verdict reports.
     */
    static void forgetEnded() {
        synchronized (ENTRIES) {
            ENTRIES.removeIf(e -> e.ended);
        }
    }

    private static Entry find(EventLoop loop) {
        synchronized (ENTRIES) {
            for (Entry e : ENTRIES) {
                if (e.loop == loop && !e.ended) {
                    return e;
                }
            }
        }
        return null;
    }

    /**
     * Called before a run starts: waits briefly for clean-ups still going, reports interrupted
     * runs, and refuses to start when a run that cannot be stopped holds every carrier.
     */
    private static void beforeRun() {
        List<Entry> entries;
        synchronized (ENTRIES) {
            if (ENTRIES.isEmpty()) {
                return;
            }
            long deadline = 0;
            for (Entry e : ENTRIES) {
                deadline = Math.max(deadline, e.interruptedAt + GRACE_NANOS);
            }
            while (ENTRIES.stream().anyMatch(e -> !e.ended)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(ENTRIES, left);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            entries = new ArrayList<>(ENTRIES);
            ENTRIES.removeIf(e -> e.ended);
        }
        String stuck = null;
        boolean virtualThreadsRun = true;
        for (Entry e : entries) {
            if (e.ended) {
                System.out.println("(note: the run() interrupted earlier ended "
                        + Seconds.format(e.endedAt - e.interruptedAt) + " s after the interrupt: "
                        + (e.cancelled >= 0 ? e.cancelled + " pending task(s) were cancelled and ran their clean-up; " : "")
                        + "run() threw a CancellationException, which the interrupted cell could not show"
                        + (e.output.isEmpty() ? ")" : "; its clean-up printed:)\n" + e.output));
            } else if (stuck == null) {
                stuck = describeStuck(e);
                // on continuations the stuck run holds only its own platform driver thread, not the carrier
                virtualThreadsRun = virtualThreadsRun();
                if (!e.stuckReported && virtualThreadsRun) {
                    e.stuckReported = true;
                    System.out.println("(warning: " + stuck + "; it keeps a core busy on its own thread, and Java cannot"
                            + " stop a thread that never awaits. This run goes ahead; Restart the kernel"
                            + " (Kernel > Restart Kernel) to stop the old one)");
                }
            }
        }
        if (!virtualThreadsRun) {
            throw new IllegalStateException("cannot start the event loop: " + stuck
                    + ". It holds the carrier thread that every coroutine needs (the course kernel runs virtual threads on"
                    + " one carrier), and Java cannot stop a thread that never awaits. Restart the kernel"
                    + " (Kernel > Restart Kernel); in long loops put an await such as sleep(Duration.ZERO), or run"
                    + " long computations with toThread(...)");
        }
    }

    private static String describeStuck(Entry e) {
        String since = Seconds.format(System.nanoTime() - e.interruptedAt);
        Task<?> holder = e.loop.runningTask();
        if (holder != null) {
            return "the run() interrupted " + since + " s ago has not stopped: its task '" + holder.name()
                    + "' has not reached an await since (a loop without await, or a long computation)";
        }
        return "the run() interrupted " + since + " s ago is still cleaning up (its tasks are still finishing)";
    }

    /** Tells whether a new virtual thread gets to run within {@link #PROBE_MILLIS}. */
    private static boolean virtualThreadsRun() {
        CountDownLatch ran = new CountDownLatch(1);
        Thread.ofVirtual().name("asyncio-carrier-probe").start(ran::countDown);
        try {
            return ran.await(PROBE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
