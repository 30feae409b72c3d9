/**
 * The course's examples, shared by the notebooks and the tests.
 *
 * <ul>
 *   <li>{@link asynccourse.examples.SayAfter} — {@code say_after(delay, what)}: sleep, then
 *       print.</li>
 *   <li>{@link asynccourse.examples.Fib} — Fibonacci by counted plain recursion, with one task
 *       per call (tasks + gather, optionally sleeping), and with fork/join.</li>
 * </ul>
 */
package asynccourse.examples;
