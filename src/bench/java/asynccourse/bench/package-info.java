/**
 * The JVM side of the course benchmark, built from {@code src/bench/java} into
 * {@code target/bench-classes}, apart from the kernel's jar: {@link asynccourse.bench.Benchmark}
 * runs the workloads and prints their raw figures as one flat JSON object; {@code tools/bench.py}
 * compares them with CPython's, judges the targets and writes the tables. Measurement notes:
 * {@code NOTES.md} beside these sources.
 */
package asynccourse.bench;
