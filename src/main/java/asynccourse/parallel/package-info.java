/**
 * Many cores (chapter 07): CPU-bound work run side by side, measured and drawn.
 *
 * <ul>
 *   <li>{@link asynccourse.parallel.CpuWork} — a job of independent fib pieces, run on one
 *       thread, on platform threads, on an executor or as a parallel stream.</li>
 *   <li>{@link asynccourse.parallel.SpeedUp} — speed-up against the number of workers,
 *       measured interleaved, checked in a way that holds on a busy machine; Amdahl's law.</li>
 *   <li>{@link asynccourse.parallel.SpeedUpChart} — the curves as SVG.</li>
 *   <li>{@link asynccourse.parallel.PythonRun} — the same job on CPython threads and processes
 *       ({@code bench/cpu_parallel.py}).</li>
 *   <li>{@link asynccourse.parallel.ChildJvm}, {@link asynccourse.parallel.ChildMain} — child
 *       JVMs started with {@link java.lang.ProcessBuilder}.</li>
 * </ul>
 */
package asynccourse.parallel;
