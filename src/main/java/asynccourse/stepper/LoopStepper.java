package asynccourse.stepper;

import asynccourse.loop.Asyncio;
import asynccourse.loop.Coroutine;
import asynccourse.loop.EventLoop;
import asynccourse.loop.LoopSnapshot;
import asynccourse.trace.Seconds;
import asynccourse.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a program on a real event loop one iteration at a time: the loop (virtual clock, traced)
 * runs on a thread of its own and waits before each iteration until {@link #step()} lets it go
 * on; after each iteration the stepper reads the loop's state ({@link EventLoop#snapshot()})
 * and the trace events of that iteration. {@link #html()} draws the latest state,
 * {@link #filmStrip()} every state so far.
 *
 * <pre>{@code
 * LoopStepper s = LoopStepper.start(() -> { sleep(Duration.ofSeconds(1)); return "done"; });
 * s.step();                 // step 1 · clock 0.000 s · start main → stopped at sleep(1 s)
 * s.run();                  // the remaining steps
 * System.out.println(s.result());   // done
 * }</pre>
 *
 * <p>Threading: call the methods from one thread (a notebook's cells), not from inside a loop;
 * the program runs on the stepper's own daemon thread, only while a step is under way, so the
 * program and the caller never run at once. Cancellation: a program abandoned half-way stays
 * paused (its thread waits, costing no CPU); {@link #run()} or {@link #close()} ends it. A step that does not end
 * within {@link #STEP_LIMIT} of real time (a program blocking the loop) fails with a message.
 * Nulls: arguments must not be null; {@link #result()} may be null.
 */
public final class LoopStepper implements AutoCloseable {
    /** How long a single step may take in real time before {@link #step()} gives up: 10 s. */
    public static final Duration STEP_LIMIT = Duration.ofSeconds(10);
    /** How many steps {@link #run()} takes at most before it gives up: 1,000 (a film strip of more says nothing). */
    public static final int RUN_LIMIT = 1_000;

    private final Object lock = new Object();
    private final List<LoopStep> steps = new ArrayList<>();
    private int permits;
    /** Set by {@link #run()}: iterations go on without a step each, up to {@link #RUN_LIMIT}. */
    private boolean freeRun;
    private boolean finished;
    private Object result;
    private Throwable failure;
    private int eventsSeen;
    /** The stepped loop, from its first iteration on (read by the stepper's thread after the run). */
    private EventLoop loop;
    private Consumer<String> onChange = html -> { };

    private LoopStepper() {}

    /**
     * Starts {@code main} as the main task of a new loop on a virtual clock, paused before its
     * first iteration; returns once that state is recorded (step 0).
     *
     * @param main the program
     * @return the stepper
     */
    public static LoopStepper start(Coroutine<?> main) {
        Objects.requireNonNull(main, "main");
        LoopStepper s = new LoopStepper();
        Thread t = new Thread(() -> s.runProgram(main), "loop stepper");
        t.setDaemon(true);
        t.start();
        synchronized (s.lock) {
            s.awaitSteps(1);
        }
        return s;
    }

    /**
     * Runs {@code main} to its end, stepping, and returns every step: for a film strip.
     *
     * @param main the program
     * @return the stepper, finished
     */
    public static LoopStepper runAll(Coroutine<?> main) {
        LoopStepper s = start(main);
        s.run();
        return s;
    }

    /**
     * Sets what to tell, with {@link #html()}, after each step (a notebook redraws its output).
     *
     * @param listener receives the new drawing
     * @return this stepper
     */
    public LoopStepper onChange(Consumer<String> listener) {
        this.onChange = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Lets the loop run one iteration and returns it; after the program has ended, returns the
     * last step again.
     *
     * @return the step just taken
     * @throws IllegalStateException if the step did not end within {@link #STEP_LIMIT}
     */
    public LoopStep step() {
        LoopStep s;
        synchronized (lock) {
            if (!finished) {
                permits++;
                lock.notifyAll();
                awaitSteps(steps.size() + 1);
            }
            s = steps.getLast();
        }
        onChange.accept(html());
        return s;
    }

    /**
     * Steps until the program has ended (and the loop has closed), and returns the last step.
     *
     * @return the last step
     * @throws IllegalStateException if the program takes more than {@link #RUN_LIMIT} steps
     */
    public LoopStep run() {
        synchronized (lock) {
            freeRun = true; // the gate lets iterations through without waiting for a step each
            lock.notifyAll();
            while (!finished) {
                if (steps.size() > RUN_LIMIT) {
                    freeRun = false;
                    throw new IllegalStateException("the program took more than " + RUN_LIMIT
                            + " loop iterations; a stepper is for short programs (does it loop forever?)");
                }
                awaitSteps(steps.size() + 1);
            }
        }
        onChange.accept(html());
        return last();
    }

    /**
     * Runs the program to its end without telling the {@link #onChange} listener (nothing is
     * redrawn): for a stepper left half-way. Closing a finished stepper does nothing.
     *
     * @throws IllegalStateException as {@link #run()}
     */
    @Override
    public void close() {
        onChange = html -> { };
        run();
    }

    /**
     * Returns every step so far, step 0 (before the first iteration) first.
     *
     * @return the steps
     */
    public List<LoopStep> steps() {
        synchronized (lock) {
            return List.copyOf(steps);
        }
    }

    /**
     * Returns the latest step.
     *
     * @return the latest step
     */
    public LoopStep last() {
        synchronized (lock) {
            return steps.getLast();
        }
    }

    /**
     * Tells whether the program has ended.
     *
     * @return true once ended
     */
    public boolean isFinished() {
        synchronized (lock) {
            return finished;
        }
    }

    /**
     * Returns the program's result once it has ended.
     *
     * @return the result
     * @throws IllegalStateException before the end
     * @throws RuntimeException the program's failure, if it failed
     */
    public Object result() {
        synchronized (lock) {
            if (!finished) {
                throw new IllegalStateException("the program has not ended yet: call run() first");
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }

    /**
     * Draws the latest step (HTML).
     *
     * @return an HTML fragment
     */
    public String html() {
        return StepHtml.card(last());
    }

    /**
     * Draws every step so far side by side, wrapping (HTML): a film strip.
     *
     * @return an HTML fragment
     */
    public String filmStrip() {
        return StepHtml.strip(steps());
    }

    @Override
    public String toString() {
        LoopStep s = last();
        return "<LoopStepper " + (isFinished() ? "finished" : "at step " + s.number()) + ">";
    }

    // ------------------------------------------------------------------ the loop's side

    private void runProgram(Coroutine<?> main) {
        EventLoop.Builder b = EventLoop.builder().virtualClock().warnings(m -> System.out.println("⚠ " + m))
                .beforeEachIteration(this::gate);
        Object value = null;
        Throwable f = null;
        try {
            value = Asyncio.runTraced(b, main).value();
        } catch (Throwable e) {
            f = e;
        }
        synchronized (lock) {
            if (loop != null) { // the loop ran (and is closed now): the state after its last iteration
                LoopSnapshot end = loop.snapshot();
                List<TraceEvent> all = loop.timeline().events();
                List<TraceEvent> mine = all.subList(Math.min(eventsSeen, all.size()), all.size());
                steps.add(new LoopStep(steps.size(), end, ran(steps.getLast().state(), end.nanos(), mine), mine, true));
            }
            result = value;
            failure = f;
            finished = true;
            lock.notifyAll();
        }
    }

    /** On the driver thread, before each iteration: records the state, then waits for a step. */
    private void gate(EventLoop loop) {
        LoopSnapshot now = loop.snapshot();
        List<TraceEvent> all = loop.timeline().events();
        synchronized (lock) {
            this.loop = loop;
            List<TraceEvent> mine = all.subList(eventsSeen, all.size());
            eventsSeen = all.size();
            List<String> ran = steps.isEmpty() ? List.of() : ran(steps.getLast().state(), now.nanos(), mine);
            steps.add(new LoopStep(steps.size(), now, ran, mine, false));
            lock.notifyAll();
            while (permits == 0 && !(freeRun && steps.size() <= RUN_LIMIT)) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    // nobody interrupts the driver on purpose; keep waiting for the next step
                }
            }
            if (permits > 0) {
                permits--;
            }
        }
    }

    /** Waits (holding the lock) until there are {@code n} steps or the program has ended. */
    private void awaitSteps(int n) {
        long deadline = System.nanoTime() + STEP_LIMIT.toNanos();
        while (steps.size() < n && !finished) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the loop's iteration did not end within " + STEP_LIMIT.toSeconds()
                        + " s of real time: a task blocks the loop (Thread.sleep, a blocking read?); "
                        + "a stepper runs short programs on the virtual clock");
            }
            try {
                lock.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the loop's step", e);
            }
        }
    }

    /** What an iteration ran: the ready queue before it, then the timers due at its time; each with its outcome. */
    static List<String> ran(LoopSnapshot before, long now, List<TraceEvent> events) {
        List<String> out = new ArrayList<>();
        for (LoopSnapshot.Item i : before.ready()) {
            out.add(i.task() == null ? i.what() : taskLine(i, events));
        }
        for (LoopSnapshot.Item t : before.timers()) {
            if (t.nanos() <= now) {
                out.add("timer " + Seconds.format(t.nanos()) + " s: " + t.what());
            }
        }
        for (TraceEvent e : events) {
            if (e.kind() == TraceEvent.Kind.CREATED) {
                out.add("new task " + e.task() + " (on the ready queue)");
            }
        }
        return out;
    }

    private static String taskLine(LoopSnapshot.Item item, List<TraceEvent> events) {
        String verb = item.what().startsWith("start ") ? "start " : "resume ";
        TraceEvent end = null;
        for (TraceEvent e : events) {
            if (e.task().equals(item.task()) && e.kind() != TraceEvent.Kind.CREATED && e.kind() != TraceEvent.Kind.RUNNING) {
                end = e;
            }
        }
        String outcome = end == null ? "nothing to do" : switch (end.kind()) {
            case WAITING -> "stopped at " + LoopStep.awaitName(end.detail());
            case DONE -> "finished";
            case FAILED -> "failed: " + end.detail();
            case CANCELLED -> "cancelled";
            default -> end.kind().name();
        };
        return verb + item.task() + " → " + outcome;
    }
}
