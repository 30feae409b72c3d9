package asynccourse.loop;

import asynccourse.trace.Timeline;
import java.time.Duration;

/**
 * The outcome of {@link Asyncio#runTraced}: the main coroutine's value, the loop-clock time it
 * took, and the timeline of every task.
 *
 * <p>Threading: immutable. Cancellation: not applicable. Nulls: {@code value} may be null,
 * the other components never are.
 *
 * <pre>{@code
 * RunResult<String> r = runTraced(() -> sayAfter(Duration.ofSeconds(1), "hello"));
 * System.out.println(r.elapsed());
 * System.out.println(r.timeline().text());
 * }</pre>
 *
 * @param value the main coroutine's result
 * @param elapsed loop-clock time from the start to the end of the main coroutine
 * @param timeline what each task did, and when
 * @param <T> the result type
 */
public record RunResult<T>(T value, Duration elapsed, Timeline timeline) {}
