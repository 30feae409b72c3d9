"""`./course bench`: our event loop against CPython's asyncio, judged by ratio targets in one run.

The JVM side (src/bench/java, asynccourse.bench.Benchmark) and the CPython side
(bench/asyncio_bench.py) each print one flat JSON object of raw figures; this module runs both,
computes the statistics (median, min, max of the timed runs), judges the targets of issue 23 as
ratios to CPython in the same run (met / not met), prints the table, and writes target/bench.json.
With --scaling it adds the scaling table (sleepers, fib(n), loopback connections) and a log-log
picture, target/bench-scaling.svg. Every figure is labelled with the load average at the time.
Standard library only.
"""
from __future__ import annotations

import json
import math
import os
import resource
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "asyncio_bench.py"
BENCH_CLASSES = ROOT / "target" / "bench-classes"

# Issue 23's targets: each judges the median of one run, as a ratio to CPython in that run.
KOTLIN_BYTES_PER_SLEEPER = 319  # kotlinx.coroutines 1.10.2, measured the same way (issue 23)
FIB_MIN_RATIO = 25
FIB_EAGER_MIN_RATIO = 200
SLEEP_MIN_RATIO = 25
SLEEP_MS = 100  # each sleeper's sleep: no run of that workload can take less
SAY_MIN_RATIO = 5  # our time over 2 s at most a fifth of CPython's
PAGES_MIN_RATIO = 2
PAGES_LATENCY_MS = 200
LOG_MAX_NS = 1000
LOG_MIN_RATIO = 10


@dataclass(frozen=True)
class Stat:
    """The timed runs of one workload: median and range; a single figure has all three equal."""
    median: float
    min: float
    max: float

    @staticmethod
    def of(runs) -> "Stat":
        runs = [float(r) for r in runs]
        if not runs:
            raise ValueError("no runs")
        return Stat(statistics.median(runs), min(runs), max(runs))

    def cell(self) -> str:
        return num(self.median) if self.min == self.max else f"{num(self.median)} ({num(self.min)} to {num(self.max)})"


def num(v: float) -> str:
    return f"{v:.0f}" if abs(v) >= 100 else f"{v:.2f}"


def stat(data: dict, key: str) -> Stat | None:
    """A workload's figure from either side: `key_runs` (raw runs), or `key` with optional
    `key_min`/`key_max` (the CPython script's statistics), or None when absent."""
    if data.get(key + "_runs"):
        return Stat.of(data[key + "_runs"])
    if isinstance(data.get(key), (int, float)):
        v = float(data[key])
        return Stat(v, float(data.get(key + "_min", v)), float(data.get(key + "_max", v)))
    return None


@dataclass
class Row:
    key: str
    workload: str
    unit: str
    ours: Stat | None
    cpython: Stat | None
    target: str
    met: bool | None  # None: no target (a comparison row)
    unreachable: str | None = None  # why no run on this machine could meet the target (see floor_note)

    def ratio(self) -> float | None:
        """CPython / ours of the medians (above 1: we are better), or None without a sound quotient."""
        if self.ours is None or self.cpython is None or self.ours.median <= 0 or self.cpython.median <= 0:
            return None
        return self.cpython.median / self.ours.median


def ratio_met(ours: Stat | None, cpython: Stat | None, min_ratio: float) -> bool:
    """At least `min_ratio` times better than CPython (medians); no figure on either side: not met."""
    if ours is None or cpython is None or ours.median <= 0 or cpython.median <= 0:
        return False
    return cpython.median / ours.median >= min_ratio


def floor_note(cpython: Stat | None, min_ratio: float, floor_ms: float) -> str | None:
    """Why a wall-time ratio target cannot be met in this run, or None: `min_ratio` times faster than
    CPython's median would take less than `floor_ms`, the time the workload waits by design."""
    if cpython is None or cpython.median / min_ratio >= floor_ms:
        return None
    return f"unreachable here: CPython's {num(cpython.median)} ms / {min_ratio} < the {floor_ms:.0f} ms floor"


def continuation_note(cpython: Stat | None, min_ratio: float, bare: Stat | None) -> str | None:
    """Why a per-task ratio target cannot be met in this run, or None: `min_ratio` times faster than
    CPython's median is less than a bare JDK continuation per task costs, with no loop at all."""
    if cpython is None or bare is None or cpython.median / min_ratio >= bare.median:
        return None
    return (f"unreachable here: CPython's {num(cpython.median)} us / {min_ratio} < a bare continuation's "
            f"{bare.median:.3f} us")


def over_floor(s: Stat | None, floor_ms: float) -> Stat | None:
    """A wall-time figure less the time the workload waits by design: the loop's own cost."""
    return None if s is None else Stat(s.median - floor_ms, s.min - floor_ms, s.max - floor_ms)


def rows(java: dict, py: dict, py_eager: dict) -> list[Row]:
    """The table of one run, every target judged."""
    out = []
    fib, py_fib = stat(java, "fib20_us_per_task"), stat(py, "fib20_us_per_task")
    out.append(Row("fib20_us_per_task", "fib(20), 2 tasks/call + gather", "us/task", fib, py_fib,
                   f">= {FIB_MIN_RATIO}x CPython", ratio_met(fib, py_fib, FIB_MIN_RATIO)))
    eager = stat(java, "fib20_eager_us_per_task")
    same = java.get("fib20_eager_tasks") == java.get("fib20_tasks")
    bare = stat(java, "fib20_bare_continuation_us_per_task")
    if java.get("fib20_bare_continuation_tasks") != java.get("fib20_tasks"):
        bare = None  # another tree: not the floor of this workload
    out.append(Row("fib20_eager_us_per_task", "fib(20), eager tasks", "us/task", eager, py_fib if same else None,
                   f">= {FIB_EAGER_MIN_RATIO}x CPython (default)",
                   ratio_met(eager, py_fib if same else None, FIB_EAGER_MIN_RATIO),
                   continuation_note(py_fib if same else None, FIB_EAGER_MIN_RATIO, bare)))
    out.append(Row("fib20_bare_continuation_us_per_task", "  floor: bare JDK continuation/call", "us/task", bare,
                   py_fib if same else None, "(shown: no loop, no task, no gather)", None))
    out.append(Row("fib20_cpython_eager_us_per_task", "  CPython eager_task_factory", "us/task", eager,
                   stat(py_eager, "fib20_eager_us_per_task"), "comparison only (ours: eager)", None))
    sleep, py_sleep = stat(java, "sleep100k_wall_ms"), stat(py, "sleep100k_wall_ms")
    out.append(Row("sleep100k_wall_ms", "100,000 tasks sleeping 100 ms", "ms wall", sleep, py_sleep,
                   f">= {SLEEP_MIN_RATIO}x CPython", ratio_met(sleep, py_sleep, SLEEP_MIN_RATIO),
                   floor_note(py_sleep, SLEEP_MIN_RATIO, SLEEP_MS)))
    out.append(Row("sleep100k_over_sleep_ms", f"  over the {SLEEP_MS} ms floor", "ms", over_floor(sleep, SLEEP_MS),
                   over_floor(py_sleep, SLEEP_MS), "(shown: the loop's own cost)", None))
    mem = stat(java, "sleep100k_bytes_per_task")
    bare_mem = stat(java, "bare_continuation_suspended_bytes")
    out.append(Row("sleep100k_bytes_per_task", "  heap per sleeping task", "bytes", mem,
                   stat(py, "sleep100k_bytes_per_task"), f"< {KOTLIN_BYTES_PER_SLEEPER} B (Kotlin's)",
                   mem is not None and mem.median < KOTLIN_BYTES_PER_SLEEPER,
                   None if bare_mem is None or bare_mem.median < KOTLIN_BYTES_PER_SLEEPER else
                   f"unreachable on JDK continuations: a bare one, suspended, takes {num(bare_mem.median)} B"))
    out.append(Row("bare_continuation_suspended_bytes", "  floor: bare continuation, waiting", "bytes",
                   bare_mem, None, "(shown: frames, body, slot; no task)", None))
    say, py_say = stat(java, "say_after_overhead_ms"), stat(py, "say_after_overhead_ms")
    out.append(Row("say_after_overhead_ms", "say_after 1 s + 2 s as tasks", "ms over 2 s", say, py_say,
                   f"<= CPython's / {SAY_MIN_RATIO}", ratio_met(say, py_say, SAY_MIN_RATIO)))
    out.append(Row("say_after_plain_park_overhead_ms", "  same, timer wait = plain park", "ms over 2 s",
                   stat(java, "say_after_plain_park_overhead_ms"), py_say, "comparison only (before)", None))
    out.append(Row("say_after_cpu_ms", "  CPU of one say_after run", "ms CPU", stat(java, "say_after_cpu_ms"),
                   None, "(shown: the wait's idle cost)", None))
    out.append(Row("say_after_plain_park_cpu_ms", "  same, plain park", "ms CPU",
                   stat(java, "say_after_plain_park_cpu_ms"), None, "(shown)", None))
    pages = stat(java, "pages1000_wall_ms")
    py_pages = stat(py, "pages1000_wall_ms")
    if py_pages is not None and py.get("pages1000_bytes") != java.get("pages_bytes", 1_024_000):
        py_pages = None  # CPython fetched other bytes: its figure is not comparable
    out.append(Row("pages1000_wall_ms", "1,000 pages of 200 ms, own sockets", "ms wall", pages, py_pages,
                   f">= {PAGES_MIN_RATIO}x CPython", ratio_met(pages, py_pages, PAGES_MIN_RATIO),
                   floor_note(py_pages, PAGES_MIN_RATIO, PAGES_LATENCY_MS)))
    if pages is not None:
        out.append(Row("pages1000_over_latency_ms", f"  over the {PAGES_LATENCY_MS} ms floor", "ms",
                       over_floor(pages, PAGES_LATENCY_MS), over_floor(py_pages, PAGES_LATENCY_MS),
                       "(shown: sending 1,000 requests and the rest)", None))
    out.append(Row("pages1000_httpclient_wall_ms", "  same pages with HttpClient", "ms wall",
                   stat(java, "pages1000_httpclient_wall_ms"), py_pages, "comparison only", None))
    fire, sync = stat(java, "log_fire_ns_median"), stat(java, "log_sync_ns_median")
    out.append(Row("log_fire_ns_median", "log call, fire-and-forget: median", "ns/call", fire, None,
                   f"<= {LOG_MAX_NS} ns", fire is not None and fire.median <= LOG_MAX_NS))
    out.append(Row("log_sync_ns_median", "log call, synchronous: median", "ns/call", sync, None, "(shown)", None))
    r = None if fire is None or sync is None or fire.median <= 0 else Stat.of([sync.median / fire.median])
    out.append(Row("log_sync_over_fire_median", "  sync / fire-and-forget, median", "x", r, None,
                   f">= {LOG_MIN_RATIO}x", r is not None and r.median >= LOG_MIN_RATIO))
    return out


def table(rs: list[Row]) -> str:
    fmt = "{:<36} {:<11} {:<24} {:<24} {:>7}  {:<40} {}"
    lines = [fmt.format("workload", "unit", "ours", "CPython", "ratio", "target", "met?"), "-" * 154]
    for r in rs:
        ratio = r.ratio()
        lines.append(fmt.format(r.workload, r.unit, r.ours.cell() if r.ours else "n/a",
                                r.cpython.cell() if r.cpython else "n/a", "n/a" if ratio is None else f"{ratio:.1f}x",
                                r.target, "-" if r.met is None else "yes" if r.met else
                                f"NO ({r.unreachable})" if r.unreachable else "NO"))
    return "\n".join(lines)


def row_json(r: Row) -> dict:
    def side(s: Stat | None, name: str) -> dict:
        return {name: None, name + "_min": None, name + "_max": None} if s is None else \
            {name: s.median, name + "_min": s.min, name + "_max": s.max}
    ratio = r.ratio()
    return {"key": r.key, "workload": r.workload.strip(), "unit": r.unit, **side(r.ours, "ours"),
            **side(r.cpython, "cpython"), "ratio": None if ratio is None else round(ratio, 3),
            "target": r.target, "met": r.met, "unreachable": r.unreachable}


# ------------------------------------------------------------------ scaling

SLEEPERS = (10_000, 100_000, 1_000_000)
FIBS = (15, 20, 25)
CONNECTIONS = (1_000, 10_000)


def fib_tasks(n: int) -> int:
    """Tasks one fib(n) with two tasks per call creates: every call but the root, 2 fib(n+1) - 2."""
    a, b = 0, 1
    for _ in range(n + 1):
        a, b = b, a + b
    return 2 * a - 2


def scaling_rows(java: dict, py: dict) -> list[list[str]]:
    """The scaling table: one row per size, ours and CPython's, and how the cost grows from the
    size before (1.0: linear)."""
    out = [["workload", "size", "ours", "CPython", "ours per unit", "CPython per unit"]]
    for n in SLEEPERS:
        o, c = stat(java, f"sleep{n}_wall_ms"), stat(py, f"sleep{n}_wall_ms")
        ob, cb = stat(java, f"sleep{n}_bytes_per_task"), stat(py, f"sleep{n}_bytes_per_task")
        out.append([f"sleepers, wall ms / bytes per task", f"{n:,}",
                    "n/a" if o is None else f"{num(o.median)} ms", py.get(f"sleep{n}_skipped", "n/a") if c is None
                    else f"{num(c.median)} ms", "n/a" if ob is None else f"{ob.median:.0f} B",
                    "n/a" if cb is None else f"{cb.median:.0f} B"])
    for n in FIBS:
        o, c = stat(java, f"fib{n}_scaling_us_per_task"), stat(py, f"fib{n}_scaling_us_per_task")
        out.append([f"fib(n), {fib_tasks(n):,} tasks: us per task", f"n = {n}",
                    "n/a" if o is None else f"{num(o.median * fib_tasks(n) / 1000)} ms",
                    "n/a" if c is None else f"{num(c.median * fib_tasks(n) / 1000)} ms",
                    "n/a" if o is None else f"{o.median:.3f} us", "n/a" if c is None else f"{c.median:.2f} us"])
    for n in CONNECTIONS:
        b, e = java.get(f"conn{n}_bytes_per_conn"), java.get(f"conn{n}_echo_ms")
        err = java.get(f"conn{n}_error")
        out.append([f"open loopback connections: echo ms / bytes each", f"{n:,}",
                    err or ("n/a" if e is None else f"{num(e)} ms"), "not measured",
                    "n/a" if b is None else f"{b:.0f} B", "-"])
    return out


def markdown(rows_: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows_[0]) + " |", "|" + "---|" * len(rows_[0])]
    lines += ["| " + " | ".join(r) + " |" for r in rows_[1:]]
    return "\n".join(lines)


def scaling_series(java: dict, py: dict) -> dict[str, list[tuple[float, float]]]:
    """(size, wall ms) points of each line of the picture (sizes: tasks or connections)."""
    series: dict[str, list[tuple[float, float]]] = {}

    def add(name, x, s):
        if s is not None and s.median > 0:
            series.setdefault(name, []).append((float(x), s.median))
    for n in SLEEPERS:
        add("sleepers, ours", n, stat(java, f"sleep{n}_wall_ms"))
        add("sleepers, CPython", n, stat(py, f"sleep{n}_wall_ms"))
    for n in FIBS:
        for name, data in (("fib(n), ours", java), ("fib(n), CPython", py)):
            s = stat(data, f"fib{n}_scaling_us_per_task")
            if s is not None:
                add(name, fib_tasks(n), Stat.of([s.median * fib_tasks(n) / 1000]))
    for n in CONNECTIONS:
        e = java.get(f"conn{n}_echo_ms")
        if isinstance(e, (int, float)):
            add("echo on n connections, ours", n, Stat.of([e]))
    return series


COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]


def svg(series: dict[str, list[tuple[float, float]]], title: str) -> str:
    """A log-log line chart, work size against wall ms, with a dotted slope-1 guide (linear growth)."""
    w, h, left, right, top, bottom = 720, 440, 70, 230, 40, 50
    pts = [p for s in series.values() for p in s]
    if not pts:
        raise ValueError("nothing to draw")
    x0, x1 = math.floor(math.log10(min(p[0] for p in pts))), math.ceil(math.log10(max(p[0] for p in pts)))
    y0, y1 = math.floor(math.log10(min(p[1] for p in pts))), math.ceil(math.log10(max(p[1] for p in pts)))
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)

    def px(x):
        return left + (math.log10(x) - x0) / (x1 - x0) * (w - left - right)

    def py_(y):
        return h - bottom - (math.log10(y) - y0) / (y1 - y0) * (h - top - bottom)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" '
           f'font-size="12">', f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="20" font-size="14">{escape(title)}</text>']
    for e in range(x0, x1 + 1):
        x = px(10 ** e)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{h - bottom}" stroke="#dddddd"/>')
        out.append(f'<text x="{x:.1f}" y="{h - bottom + 16}" text-anchor="middle">1e{e}</text>')
    for e in range(y0, y1 + 1):
        y = py_(10 ** e)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">1e{e}</text>')
    out.append(f'<text x="{(left + w - right) / 2}" y="{h - 12}" text-anchor="middle">tasks or connections '
               f'(log)</text>')
    out.append(f'<text x="16" y="{(top + h - bottom) / 2}" transform="rotate(-90 16 {(top + h - bottom) / 2})" '
               f'text-anchor="middle">wall ms (log)</text>')
    for i, (name, s) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        s = sorted(s)
        path = " ".join(f"{px(x):.1f},{py_(y):.1f}" for x, y in s)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out += [f'<circle cx="{px(x):.1f}" cy="{py_(y):.1f}" r="3" fill="{colour}"/>' for x, y in s]
        # the slope-1 guide through the first point: linear growth
        (xa, ya), xb = s[0], s[-1][0]
        if xb > xa:
            out.append(f'<line x1="{px(xa):.1f}" y1="{py_(ya):.1f}" x2="{px(xb):.1f}" y2="{py_(ya * xb / xa):.1f}" '
                       f'stroke="{colour}" stroke-dasharray="2,4" stroke-width="1"/>')
        ly = top + 16 + 18 * i
        out.append(f'<line x1="{w - right + 12}" y1="{ly - 4}" x2="{w - right + 32}" y2="{ly - 4}" '
                   f'stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{w - right + 38}" y="{ly}">{escape(name)}</text>')
    ly = top + 16 + 18 * len(series)
    out.append(f'<text x="{w - right + 12}" y="{ly}" fill="#555555">dotted: linear growth</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------------ running

def load() -> str:
    a, b, c = os.getloadavg()
    return f"load average {a:.2f}, {b:.2f}, {c:.2f} ({os.cpu_count()} cores)"


def last_json(stdout: str, what: str) -> dict:
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{what} printed no JSON object: {stdout[-500:]!r}")


def raise_open_files(wanted: int) -> str:
    """Raises this process's (and so its children's) soft open-file limit towards `wanted`."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= wanted:
        return f"open-file limit {soft} (enough)"
    new = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if new <= soft:
        return f"open-file limit {soft}, the hard limit (not raised; {wanted} wanted)"
    resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
    return f"open-file limit raised from {soft} to {new} for this run"


def java_cmd(java: str, jvm_opts: list[str], jar: Path, *args: str) -> list[str]:
    return [java, *jvm_opts, "-cp", f"{jar}{os.pathsep}{BENCH_CLASSES}", "asynccourse.bench.Benchmark", *args]


def run_python(python: str, args: list[str], timeout: float = 900) -> dict:
    cmd = [python, str(SCRIPT), *args]
    print("running:", " ".join(cmd), flush=True)
    res = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, timeout=timeout)
    if res.returncode == 3:
        raise RuntimeError(f"{python} is older than CPython 3.12 (no asyncio.eager_task_factory)")
    if res.returncode != 0:
        raise RuntimeError(f"the Python benchmark exited with {res.returncode}")
    return last_json(res.stdout, "the Python benchmark")


def run(java: str, jvm_opts: list[str], jar: Path, python: str | None, python_eager: str | None,
        quick: bool, scaling: bool, out: Path) -> dict:
    """Runs both sides, prints the tables, writes `out` (and the scaling picture beside it)."""
    if not BENCH_CLASSES.is_dir():
        raise SystemExit(f"{BENCH_CLASSES} is missing: build with ./course setup (or ./mvnw package)")
    loads = {"start": load()}
    notes = [raise_open_files(25_000)] if scaling else []
    print(f"JVM side ({loads['start']})", flush=True)
    cmd = java_cmd(java, jvm_opts, jar, *(["--quick"] if quick else []), *(["--scaling"] if scaling else []))
    res = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    if res.returncode != 0:
        raise SystemExit(f"the JVM benchmark exited with {res.returncode}")
    java_data = last_json(res.stdout, "the JVM benchmark")
    loads["after JVM side"] = load()
    py, py_eager, py_scaling, py_version = {}, {}, {}, "not run"
    if python:
        server = subprocess.Popen(java_cmd(java, jvm_opts, jar, "--serve-pages"), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, cwd=ROOT)
        try:
            site = json.loads(server.stdout.readline())
            pages = f"{site['pages_url']},{site['pages']},1,{1 if quick else 5}"
            py = run_python(python, ["--reps", java_data["reps"], "--pages", pages])
            py_version = py.get("python", "unknown")
        except (RuntimeError, subprocess.TimeoutExpired, ValueError, KeyError) as e:
            print(f"CPython side not run: {e}", file=sys.stderr)
            py_version = f"failed: {e}"
        finally:
            server.stdin.close()
            server.wait(timeout=60)
        loads["after CPython side"] = load()
        if python_eager:
            try:
                py_eager = run_python(python_eager, ["--reps", java_data["reps"], "--eager-only"])
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                print(f"CPython eager_task_factory comparison not run: {e}", file=sys.stderr)
        if scaling:
            try:
                py_scaling = run_python(python, ["--scaling", *(["--quick"] if quick else [])])
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                print(f"CPython scaling side not run: {e}", file=sys.stderr)
            loads["after CPython scaling"] = load()
    rs = rows(java_data, py, py_eager)
    print()
    print(table(rs))
    print(f"CPython: {py_version}; eager_task_factory: {py_eager.get('python', 'not run')}. ratio = CPython / ours "
          f"of the medians (above 1: we are better); met? judges the median of this run.")
    print("Loads: " + "; ".join(f"{k}: {v}" for k, v in loads.items()))
    result = {"java": java_data.get("java"), "cores": java_data.get("cores"),
              "coroutineStacks": java_data.get("coroutine_stacks"), "cpython": py_version,
              "cpythonEager": py_eager.get("python", "not run"), "loads": loads, "notes": notes,
              "statistic": "median of the timed runs, min and max as the range; met judges the median",
              "workloads": [row_json(r) for r in rs], "raw": {"java": java_data, "cpython": py,
                                                               "cpythonEager": py_eager}}
    if scaling:
        st = scaling_rows(java_data, py_scaling)
        print()
        print(markdown(st))
        for note in notes:
            print(note)
        result["scaling"] = st
        result["raw"]["cpythonScaling"] = py_scaling
        picture = out.with_name(out.stem + "-scaling.svg")
        picture.write_text(svg(scaling_series(java_data, py_scaling),
                               f"How the cost grows ({loads.get('after CPython scaling', loads['start'])})"))
        print(f"written: {picture}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written: {out}")
    return result


def main(argv: list[str], java: str, jvm_opts: list[str], jar: Path, python: str,
         python_eager: str | None) -> None:
    """`./course bench [--quick]--quick] [--scaling] [--no-python] [--python EXE] [--python-eager EXE] [--out FILE]`."""
    import argparse
    p = argparse.ArgumentParser(prog="./course bench", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer runs (a smoke test, not a measurement)")
    p.add_argument("--scaling", action="store_true", help="also the scaling table and picture (minutes)")
    p.add_argument("--no-python", action="store_true", help="our side only")
    p.add_argument("--python", default=python, help="the CPython to compare with")
    p.add_argument("--python-eager", default=python_eager, help="a CPython 3.12+ for eager_task_factory")
    p.add_argument("--out", type=Path, default=ROOT / "target" / "bench.json")
    a = p.parse_args(argv)
    run(java, jvm_opts, jar, None if a.no_python else a.python, None if a.no_python else a.python_eager,
        a.quick, a.scaling, a.out)
