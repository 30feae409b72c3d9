/**
 * The benchmark of the course's event loop against CPython's asyncio:
 * {@link asynccourse.bench.Benchmark}.
 */
package asynccourse.bench;
