"""CPython asyncio side of the course benchmark (standard library only).

Runs the same workloads as asynccourse.bench.Benchmark and prints one JSON object to stdout
(per-run statistics: the median, and min and max over the timed runs):
  fib20_us_per_task         fib(20), two tasks per call + gather: microseconds per task, median
  fib20_us_min, _max        the fastest and slowest timed run
  fib20_tasks               tasks created by one fib(20) run
  fib20_warm_runs           warm-up runs done (at least FIB_WARM_MIN runs and FIB_WARM_MS milliseconds)
  sleep100k_wall_ms         100,000 tasks each sleeping 100 ms: wall time of asyncio.run, median
  sleep100k_wall_ms_min, _max
  sleep100k_bytes_per_task  traced Python memory per sleeping task (tracemalloc, separate run)
  say_after_overhead_ms     say_after 1 s + 2 s as tasks: wall time minus 2 s, median after one warm-up
  say_after_overhead_ms_min, _max
  pages1000_wall_ms         with --pages: every page from the Java side's local page server at once,
                            one asyncio stream (HTTP/1.0 GET) per page; best run after the warm-up
  pages1000_bytes           the body bytes one such run received (the Java side checks them)
With --scaling, only the scaling workloads run, and each key holds the list of timed runs:
  sleep{N}_wall_ms_runs, sleep{N}_bytes_per_task   N = 10000, 100000, 1000000 sleepers (1,000,000 is
                            skipped, with sleep1000000_skipped saying why, when 100,000 took over 6 s:
                            it would take over a minute; and with --quick)
  fib{N}_scaling_us_per_task_runs                  fib(N) with tasks, N = 15, 20, 25
With --eager-only (CPython 3.12 or newer; older ones exit with status 3 and say why), only fib(20)
runs, with asyncio.eager_task_factory as the loop's task factory, and the keys are
fib20_eager_us_per_task, fib20_eager_us_min, _max, fib20_eager_tasks, fib20_eager_warm_runs.
Usage: python3 asyncio_bench.py [--reps FIB_WARM_MIN,FIB_WARM_MS,FIB_RUNS,SLEEP_WARM,SLEEP_RUNS,SAY_RUNS]
                                [--pages BASE_URL,PAGES,WARM,RUNS] [--eager-only | --scaling [--quick]]
tools/bench.py passes the Java side's warm-up rule and repetition counts, so both sides warm up and repeat
alike and report the same statistics.
"""
import asyncio
import gc
import json
import platform
import statistics
import sys
import time
import tracemalloc

def parse_reps(argv):
    reps = [20, 3000, 15, 1, 5, 5]
    if "--reps" in argv:
        reps = [int(x) for x in argv[argv.index("--reps") + 1].split(",")]
        if len(reps) != 6 or min(reps) < 0 or reps[2] < 1 or reps[4] < 1 or reps[5] < 1:
            sys.exit("--reps wants six counts: FIB_WARM_MIN,FIB_WARM_MS,FIB_RUNS,SLEEP_WARM,SLEEP_RUNS,SAY_RUNS")
    return reps


FIB_WARM_MIN, FIB_WARM_MS, FIB_RUNS, SLEEP_WARM, SLEEP_RUNS, SAY_RUNS = parse_reps(sys.argv)


def spread(runs):
    """(median, min, max) of the timed runs."""
    return statistics.median(runs), min(runs), max(runs)


def fib_tasks(n, counter=None):
    async def fib(k):
        if k < 2:
            return k
        a = asyncio.create_task(fib(k - 1))
        b = asyncio.create_task(fib(k - 2))
        if counter is not None:
            counter[0] += 2
        x, y = await asyncio.gather(a, b)
        return x + y
    return fib(n)


async def eager(coro):
    """Runs coro with asyncio.eager_task_factory as the running loop's task factory (3.12+):
    create_task then runs a new task's first step at once, up to its first await."""
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    return await coro


def bench_fib(eager_tasks=False):
    """fib(20) in one asyncio.run: warm-up of at least FIB_WARM_MIN runs and FIB_WARM_MS ms,
    then FIB_RUNS timed runs. Returns ((median, min, max) us per task, tasks per run, warm-up runs)."""
    def one(counter=None):
        coro = fib_tasks(20, counter)
        return asyncio.run(eager(coro) if eager_tasks else coro)
    counter = [0]
    assert one(counter) == 6765  # counts the tasks, outside the timing
    warm, t_warm = 0, time.perf_counter()
    while warm < FIB_WARM_MIN or (time.perf_counter() - t_warm) * 1000 < FIB_WARM_MS:
        one()
        warm += 1
    runs = []
    for _ in range(FIB_RUNS):
        t0 = time.perf_counter()
        v = one()
        dt = time.perf_counter() - t0
        assert v == 6765, v
        runs.append(dt / counter[0] * 1e6)
    return spread(runs), counter[0], warm


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
    for _ in range(SLEEP_WARM):
        asyncio.run(sleepers(n, 0.1))
    walls = []
    for _ in range(SLEEP_RUNS):
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
    return spread(walls), (peak["used"] - base) / n


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
    for _ in range(SAY_RUNS):
        t0 = time.perf_counter()
        asyncio.run(say_main())
        over.append((time.perf_counter() - t0 - 2.0) * 1000)
    return spread(over)


async def fetch_page(host, port, path):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
    response = await reader.read()  # HTTP/1.0: the server closes the connection after the body
    writer.close()
    await writer.wait_closed()
    head, _, body = response.partition(b"\r\n\r\n")
    if not head.split()[1].startswith(b"2"):
        raise OSError(f"GET {path}: {head.splitlines()[0]!r}")
    return len(body)


async def fetch_pages(host, port, paths):
    return sum(await asyncio.gather(*(fetch_page(host, port, p) for p in paths)))


def bench_pages(arg):
    from urllib.parse import urlsplit
    base, pages, warm, runs = arg.rsplit(",", 3)
    u = urlsplit(base)
    paths = [f"{u.path}{i}" for i in range(int(pages))]
    best, received = float("inf"), 0
    for i in range(int(warm) + int(runs)):
        t0 = time.perf_counter()
        received = asyncio.run(fetch_pages(u.hostname, u.port, paths))
        if i >= int(warm):
            best = min(best, (time.perf_counter() - t0) * 1000)
    return best, received


def python_version():
    return platform.python_implementation() + " " + platform.python_version()


def with_spread(result, key, stats):
    result[key], result[key + "_min"], result[key + "_max"] = stats


def main_eager_only():
    if sys.version_info < (3, 12):
        print(f"--eager-only needs CPython 3.12 or newer (asyncio.eager_task_factory); this is {python_version()}",
              file=sys.stderr)
        sys.exit(3)
    stats, tasks, warm = bench_fib(eager_tasks=True)
    result = {"python": python_version(), "fib20_eager_tasks": tasks, "fib20_eager_warm_runs": warm}
    with_spread(result, "fib20_eager_us_per_task", stats)
    print(json.dumps(result))


def fib_runs(n, runs, warm):
    """Microseconds per task of `runs` timed runs of fib(n) with tasks, after `warm` warm-up runs."""
    counter = [0]
    asyncio.run(fib_tasks(n, counter))
    for _ in range(warm):
        asyncio.run(fib_tasks(n))
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        asyncio.run(fib_tasks(n))
        out.append((time.perf_counter() - t0) / counter[0] * 1e6)
    return out


def sleeper_runs(n, runs):
    """Wall ms of `runs` runs of n sleepers after one warm-up, and traced bytes per sleeping task."""
    asyncio.run(sleepers(n, 0.1))
    walls = []
    for _ in range(runs):
        t0 = time.perf_counter()
        asyncio.run(sleepers(n, 0.1))
        walls.append((time.perf_counter() - t0) * 1000)
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    used = {}

    def measure():
        gc.collect()
        used["bytes"] = tracemalloc.get_traced_memory()[0]
    asyncio.run(sleepers(n, 0.1, measure))
    tracemalloc.stop()
    return walls, (used["bytes"] - base) / n


def main_scaling():
    quick = "--quick" in sys.argv
    runs = 1 if quick else 3
    result = {"python": python_version()}
    for n in (10_000, 100_000, 1_000_000):
        if n == 1_000_000 and quick:
            result["sleep1000000_skipped"] = "skipped with --quick"
            continue
        if n == 1_000_000 and max(result["sleep100000_wall_ms_runs"]) > 6000:
            result["sleep1000000_skipped"] = "100,000 sleepers took over 6 s: 1,000,000 would take over a minute"
            continue
        result[f"sleep{n}_wall_ms_runs"], result[f"sleep{n}_bytes_per_task"] = sleeper_runs(n, runs)
    for n in (15, 20, 25):
        result[f"fib{n}_scaling_us_per_task_runs"] = fib_runs(n, runs, 0 if quick else 2)
    print(json.dumps(result))


def main():
    if "--eager-only" in sys.argv:
        main_eager_only()
        return
    if "--scaling" in sys.argv:
        main_scaling()
        return
    fib, fib_tasks_n, fib_warm = bench_fib()
    wall, per_task = bench_sleep100k()
    say = bench_say_after()
    result = {"python": python_version(), "fib20_tasks": fib_tasks_n, "fib20_warm_runs": fib_warm,
              "sleep100k_bytes_per_task": per_task}
    with_spread(result, "fib20_us_per_task", fib)
    with_spread(result, "sleep100k_wall_ms", wall)
    with_spread(result, "say_after_overhead_ms", say)
    if "--pages" in sys.argv:
        result["pages1000_wall_ms"], result["pages1000_bytes"] = bench_pages(sys.argv[sys.argv.index("--pages") + 1])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
