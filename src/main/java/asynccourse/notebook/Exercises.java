package asynccourse.notebook;

import asynccourse.loop.EventLoop;
import asynccourse.trace.Seconds;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a check cell knows about the exercise cell above it, and how it runs a learner's code.
 *
 * <p>An exercise cell starts with {@code exerciseStart(n)} and ends with {@code exerciseEnd(n)}
 * (course-helpers.jsh's short names for {@link #start} and {@link #end}). The kernel runs a cell's
 * statements one by one and stops at the first that does not compile or throws, so a cell that
 * broke has run its start and not its end: {@link #ranToEnd} tells, and the check says "fix that
 * first" instead of judging stale code. (The exercise's names exist even then: each notebook's
 * set-up cell loads its exercises' starting code, so the check cell always compiles.)
 *
 * <p>{@link #attempt} runs the learner's code under a time limit ({@link #limit()}, 10 s unless
 * the system property {@value #LIMIT_PROPERTY} says otherwise): an endless loop or an hour-long
 * wait is interrupted, and the next verdict says it did not finish.
 *
 * <p>Threading: thread-safe (concurrent map, atomic reference). A check cell runs on one thread
 * at a time; the attempt runs on a daemon platform thread of its own. Null policy: arguments must
 * not be null; {@link #attempt} returns null when the code did not give a result.
 */
public final class Exercises {
    private Exercises() {}

    /** The system property that sets the attempt time limit in seconds (the notebook runner shortens it). */
    public static final String LIMIT_PROPERTY = "course.attemptLimitSeconds";

    private static final Map<String, Boolean> RAN_TO_END = new ConcurrentHashMap<>();
    private static final AtomicReference<String> CURRENT = new AtomicReference<>();
    private static final AtomicReference<String> UNFINISHED = new AtomicReference<>();
    private static final AtomicReference<String> THREW = new AtomicReference<>();
    private static final java.util.concurrent.atomic.AtomicBoolean UNRESOLVED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * The first statement of an exercise cell.
     *
     * @param exercise e.g. "Exercise 1"
     */
    public static void start(String exercise) {
        RAN_TO_END.put(Objects.requireNonNull(exercise, "exercise"), false);
        CURRENT.set(exercise);
        UNFINISHED.set(null);
        UNRESOLVED.set(false);
        THREW.set(null);
    }

    /**
     * The last statement of an exercise cell.
     *
     * @param exercise e.g. "Exercise 1"
     */
    public static void end(String exercise) {
        RAN_TO_END.put(Objects.requireNonNull(exercise, "exercise"), true);
    }

    /**
     * Whether the exercise cell's last run reached its end (true when it has no markers or never ran).
     *
     * @param exercise e.g. "Exercise 1"
     * @return false only when its start ran and its end did not
     */
    public static boolean ranToEnd(String exercise) {
        return RAN_TO_END.getOrDefault(exercise, true);
    }

    /**
     * A loop on the virtual clock whose warnings print with ⚠ in the cell's output: the course
     * helpers' {@code virtualLoop()}. Check cells call this one (and {@link #secs}, {@link #attempt}): a
     * check cell is a method, and JShell recompiles every method that uses a snippet each time the
     * snippet is declared again, as a learner may do with a helper's name.
     *
     * @return a builder for such a loop
     */
    public static EventLoop.Builder virtualLoop() {
        return EventLoop.builder().virtualClock().warnings(msg -> System.out.println("⚠ " + msg));
    }

    /**
     * Seconds with millisecond precision and a unit, for printing durations: the course helpers' {@code secs}.
     *
     * @param d the duration
     * @return e.g. "1.500 s"
     */
    public static String secs(Duration d) {
        return Seconds.format(d) + " s";
    }

    /**
     * How long a learner's code may run in a check: 10 s, or {@value #LIMIT_PROPERTY} seconds.
     *
     * @return the limit
     */
    public static Duration limit() {
        String s = System.getProperty(LIMIT_PROPERTY);
        try {
            double seconds = s == null ? 10 : Double.parseDouble(s);
            return Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(10);
        }
    }

    /**
     * Runs an exercise's code for its check cell, at most {@link #limit()} long. Returns its
     * result; or null when it threw (the next verdict names the exception, without a stack trace); or
     * null when it did not finish in time (the next verdict says so); or null at once, without
     * running it, when the current exercise cell did not run to its end.
     *
     * @param code the learner's code, as the check calls it
     * @param <T> its result type
     * @return the result, or null
     * @throws CancellationException when the cell itself is interrupted (the attempt is interrupted too)
     */
    public static <T> T attempt(Callable<T> code) {
        String current = CURRENT.get();
        if (current != null && !ranToEnd(current)) {
            return null;
        }
        Outcome<T> outcome = withinLimit(code);
        if (unresolved(outcome.thrown)) {
            UNRESOLVED.set(true);
        } else if (outcome.thrown != null) {
            THREW.compareAndSet(null, threw(outcome.thrown));
        }
        return outcome.value;
    }

    /**
     * Tells, once, that an attempt since the last verdict did not finish.
     *
     * @return the detail for a {@link Verdict#DID_NOT_FINISH} line, or null
     */
    static String takeUnfinished() {
        return UNFINISHED.getAndSet(null);
    }

    /**
     * Tells, once, what the first attempt since the last verdict threw.
     *
     * @return e.g. " Your code threw IllegalStateException: b: not found.", or null
     */
    static String takeThrown() {
        return THREW.getAndSet(null);
    }

    /** " Your code threw Name: message." */
    static String threw(Throwable e) {
        return " Your code threw " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ".";
    }

    /**
     * Tells, once, that an attempt since the last verdict called code that uses a name defined
     * nowhere (JShell keeps such a method, and it throws when called).
     *
     * @return whether it did
     */
    static boolean takeUnresolved() {
        return UNRESOLVED.getAndSet(false);
    }

    /**
     * Whether {@code e} (or a cause) is JShell's "this snippet has unresolved references"
     * ({@code jdk.jshell.spi.SPIResolutionException}, or JJava's UnresolvedReferenceException).
     */
    static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().endsWith("ResolutionException")
                    || t.getClass().getName().endsWith("UnresolvedReferenceException")) {
                return true;
            }
        }
        return false;
    }

    /** What running the learner's code gave: a value, a throwable, or neither (it did not finish). */
    record Outcome<T>(T value, Throwable thrown, boolean finished) {}

    /**
     * Runs {@code code} on a thread of its own and waits at most {@link #limit()}; past it,
     * interrupts the thread and records why, for the next verdict.
     */
    static <T> Outcome<T> withinLimit(Callable<T> code) {
        Objects.requireNonNull(code, "code");
        Duration limit = limit();
        AtomicReference<Outcome<T>> result = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().daemon().name("exercise attempt").unstarted(() -> {
            try {
                result.set(new Outcome<>(code.call(), null, true));
            } catch (Exception | AssertionError | StackOverflowError e) {
                result.set(new Outcome<>(null, e, true));
            }
        });
        runner.start();
        try {
            runner.join(limit);
            if (!runner.isAlive()) {
                return result.get();
            }
            runner.interrupt();
            runner.join(Duration.ofSeconds(2));
            KernelRuns.forgetEnded();   // the verdict says it was stopped: no "(note: the run() interrupted …)" later
        } catch (InterruptedException ie) {
            runner.interrupt();
            Thread.currentThread().interrupt();
            throw new CancellationException("the check cell was interrupted");
        }
        String seconds = limit.toMillis() % 1000 == 0 ? String.valueOf(limit.toSeconds()) : Seconds.format(limit);
        UNFINISHED.set(" within the " + seconds + " s limit, so the check stopped it"
                + " (an endless loop, or a wait far longer than the exercise needs?)."
                + (runner.isAlive() ? " It is still running in the background, because Java cannot stop code"
                        + " that never awaits or sleeps: Kernel > Restart Kernel stops it." : ""));
        return new Outcome<>(null, null, false);
    }
}
