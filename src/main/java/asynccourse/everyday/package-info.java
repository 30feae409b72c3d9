/**
 * The course's examples redone in the Java a developer writes every day: virtual threads with
 * plain blocking calls, {@link java.util.concurrent.CompletableFuture} pipelines, and the helpers
 * chapter 08 uses to measure them against the course's event loop.
 *
 * <ul>
 *   <li>{@link asynccourse.everyday.Blocking} — {@code sayAfter} and {@code failAfter} as plain
 *       blocking calls (for virtual threads), a CPU-bound {@code spin}, and the name of the
 *       carrier thread a virtual thread runs on.</li>
 *   <li>{@link asynccourse.everyday.Futures} — the same as non-blocking
 *       {@code CompletableFuture}s, and {@code allOrFirstFailure}: {@code allOf} that fails
 *       fast.</li>
 *   <li>{@link asynccourse.everyday.FibThreeWays} — fib with a task per call on virtual threads
 *       and with {@code CompletableFuture}s (the structured-concurrency version is in the
 *       notebook: {@code StructuredTaskScope} is a preview API in Java 25).</li>
 *   <li>{@link asynccourse.everyday.Timed} — runs a piece of work and keeps its result or
 *       failure and how long it took.</li>
 *   <li>{@link asynccourse.everyday.PriceService} — a small service with a callback API and a
 *       blocking API, for the exercise that turns a callback chain into virtual-thread code.</li>
 * </ul>
 *
 * <p>Nothing here uses a preview API, so the library runs without {@code --enable-preview}.
 */
package asynccourse.everyday;
