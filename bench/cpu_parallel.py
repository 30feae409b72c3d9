"""CPython side of chapter 07 (many cores): one CPU-bound job on threads and on processes.

The job is UNITS pieces, each computing fib(N) by plain recursion, split as evenly as possible
over W workers: W threads (threading.Thread) or a pool of W processes (multiprocessing.Pool,
started before the timing, like a Java executor). The runs are interleaved, round after round,
and each (mode, W) keeps its best wall time, as asynccourse.parallel.SpeedUp does on the Java side.

On Linux each share also reports its CPU time (time.thread_time_ns) and the time it spent ready
to run but waiting for a free core (/proc/thread-self/schedstat). They tell "took turns" (the GIL
lets one thread run Python code at a time) apart from "the machine had no free core".

Usage: python3 cpu_parallel.py [--units 12] [--n 23] [--workers 1,2] [--rounds 3]
Prints plain lines (standard library only), read by asynccourse.parallel.PythonRun:
  python <version> gil <1|0>
  start processes <W> <seconds to start the pool>
  run <threads|processes> <W> <wall s> <cpu s or -1> <waited s or -1> <stretches s> <threads> <checksum>
(cpu, waited and stretches add up the shares: each share's CPU time, time waiting for a core,
and wall time from its start to its end; threads counts the threads or processes that ran shares)
"""
import argparse
import multiprocessing
import os
import sys
import threading
import time

SCHEDSTAT = "/proc/thread-self/schedstat"


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def schedstat():
    """(CPU ns of this thread, exact; ns it waited for a free core, from the kernel) or None."""
    try:
        with open(SCHEDSTAT) as f:
            waited = f.read().split()[1]
        return time.thread_time_ns(), int(waited)
    except (OSError, ValueError, IndexError):
        return None


def share(count, n):
    """Computes `count` pieces; returns (sum, cpu ns, waited ns, stretch ns, who), -1 when unknown."""
    t0 = time.perf_counter_ns()
    before = schedstat()
    total = 0
    for _ in range(count):
        total += fib(n)
    after = schedstat()
    stretch = time.perf_counter_ns() - t0
    who = (os.getpid(), threading.get_ident())
    if before is None or after is None:
        return total, -1, -1, stretch, who
    return total, after[0] - before[0], after[1] - before[1], stretch, who


def shares(units, workers):
    return [units // workers + (1 if i < units % workers else 0) for i in range(workers)]


def combine(parts):
    total = sum(p[0] for p in parts)
    stretches = sum(p[3] for p in parts)
    who = len({p[4] for p in parts})
    if any(p[1] < 0 for p in parts):
        return total, -1, -1, stretches, who
    return total, sum(p[1] for p in parts), sum(p[2] for p in parts), stretches, who


def with_threads(units, n, workers):
    parts = [None] * workers

    def work(i, count):
        parts[i] = share(count, n)

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(shares(units, workers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return combine(parts)


def with_processes(pool, units, n, workers):
    return combine(pool.starmap(share, [(c, n) for c in shares(units, workers)]))


def main(argv):
    p = argparse.ArgumentParser(description="CPU-bound work on CPython threads and processes")
    p.add_argument("--units", type=int, default=12)
    p.add_argument("--n", type=int, default=23)
    p.add_argument("--workers", default="1,2")
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args(argv)
    workers = sorted({int(w) for w in a.workers.split(",")})
    if a.units < 1 or not 0 <= a.n <= 35 or a.rounds < 1 or not workers or workers[0] < 1 or 1 not in workers:
        sys.exit("need --units >= 1, 0 <= --n <= 35, --rounds >= 1 and --workers including 1 (all >= 1)")
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"python {sys.version.split()[0]} gil {1 if gil else 0}", flush=True)
    pools = {}
    for w in workers:
        t0 = time.perf_counter()
        pools[w] = multiprocessing.Pool(w)
        pools[w].starmap(share, [(0, 0)] * w)  # every process is up and answering
        print(f"start processes {w} {time.perf_counter() - t0:.6f}", flush=True)
    best = {}
    try:
        for r in range(a.rounds + 1):  # round 0 warms up and does not count
            order = workers if r % 2 == 0 else list(reversed(workers))
            for w in order:
                for mode in ("threads", "processes"):
                    t0 = time.perf_counter()
                    if mode == "threads":
                        result = with_threads(a.units, a.n, w)
                    else:
                        result = with_processes(pools[w], a.units, a.n, w)
                    wall = time.perf_counter() - t0
                    if r > 0 and ((mode, w) not in best or wall < best[(mode, w)][0]):
                        best[(mode, w)] = (wall, *result)
    finally:
        for pool in pools.values():
            pool.close()
            pool.join()
    for (mode, w), (wall, total, cpu, waited, stretches, who) in sorted(best.items()):
        cpu_s = cpu / 1e9 if cpu >= 0 else -1
        waited_s = waited / 1e9 if waited >= 0 else -1
        print(f"run {mode} {w} {wall:.6f} {cpu_s:.6f} {waited_s:.6f} {stretches / 1e9:.6f} {who} {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
