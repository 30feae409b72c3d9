/**
 * A loop stepper: runs a program on a real {@link asynccourse.loop.EventLoop} (virtual clock,
 * traced) one iteration at a time, and draws the loop's state after each iteration.
 *
 * <ul>
 *   <li>{@link asynccourse.stepper.LoopStepper} — starts the program paused before its first
 *       iteration; {@code step()} lets the loop run one iteration, {@code run()} the rest.</li>
 *   <li>{@link asynccourse.stepper.LoopStep} — one iteration: what ran, where each task stopped
 *       (the trace events of that iteration) and the loop's state afterwards.</li>
 * </ul>
 * The stepper does not model the loop: it pauses the real one between iterations (through
 * {@code EventLoop.Builder.beforeEachIteration}) and reads its state with
 * {@code EventLoop.snapshot()}. Its steps' events, put end to end, are the trace of the same
 * program under {@code Asyncio.runTraced} ({@code LoopStepperTest} checks it).
 */
package asynccourse.stepper;
