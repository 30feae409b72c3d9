"""CPython asyncio side of the course benchmark (standard library only).

Runs the same workloads as asynccourse.bench.Benchmark and prints one JSON object to stdout:
  fib20_us_per_task         fib(20), two tasks per call + gather: microseconds per task
  fib20_tasks               tasks created by one fib(20) run
  sleep100k_wall_ms         100,000 tasks each sleeping 100 ms: wall time of asyncio.run
  sleep100k_bytes_per_task  traced Python memory per sleeping task (tracemalloc, separate run)
  say_after_overhead_ms     say_after 1 s + 2 s as tasks: wall time minus 2 s (after warm-up)
Usage: python3 asyncio_bench.py [--quick]
"""
import asyncio
import gc
import json
import platform
import statistics
import sys
import time
import tracemalloc

QUICK = "--quick" in sys.argv


def fib_tasks(n, counter):
    async def fib(k):
        if k < 2:
            return k
        a = asyncio.create_task(fib(k - 1))
        b = asyncio.create_task(fib(k - 2))
        counter[0] += 2
        x, y = await asyncio.gather(a, b)
        return x + y
    return fib(n)


def bench_fib():
    runs = []
    tasks = 0
    for i in range(2 if QUICK else 6):
        counter = [0]
        t0 = time.perf_counter()
        v = asyncio.run(fib_tasks(20, counter))
        dt = time.perf_counter() - t0
        assert v == 6765, v
        tasks = counter[0]
        if i > 0:  # the first run is the warm-up
            runs.append(dt / tasks * 1e6)
    return statistics.median(runs), tasks


async def sleepers(n, delay, measure=None):
    async def sleeper():
        await asyncio.sleep(delay)
    tasks = [asyncio.create_task(sleeper()) for _ in range(n)]
    await asyncio.sleep(0)  # every task has started and is sleeping
    if measure is not None:
        measure()
    await asyncio.gather(*tasks)


def bench_sleep100k():
    n = 100_000
    walls = []
    for _ in range(1 if QUICK else 3):
        gc.collect()
        t0 = time.perf_counter()
        asyncio.run(sleepers(n, 0.1))
        walls.append((time.perf_counter() - t0) * 1000)
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    peak = {}

    def measure():
        gc.collect()
        peak["used"] = tracemalloc.get_traced_memory()[0]
    asyncio.run(sleepers(n, 0.1, measure))
    tracemalloc.stop()
    return min(walls), (peak["used"] - base) / n


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what, file=sys.stderr)


async def say_main():
    t1 = asyncio.create_task(say_after(1, "hello"))
    t2 = asyncio.create_task(say_after(2, "world"))
    await t1
    await t2


def bench_say_after():
    asyncio.run(say_main())  # warm-up
    over = []
    for _ in range(1 if QUICK else 3):
        t0 = time.perf_counter()
        asyncio.run(say_main())
        over.append((time.perf_counter() - t0 - 2.0) * 1000)
    return statistics.median(over)


def main():
    fib_us, fib_tasks_n = bench_fib()
    wall, per_task = bench_sleep100k()
    say = bench_say_after()
    print(json.dumps({
        "python": platform.python_implementation() + " " + platform.python_version(),
        "fib20_us_per_task": fib_us,
        "fib20_tasks": fib_tasks_n,
        "sleep100k_wall_ms": wall,
        "sleep100k_bytes_per_task": per_task,
        "say_after_overhead_ms": say,
    }))


if __name__ == "__main__":
    main()
