"""Execute every notebook in notebooks/ through the course's real Java kernel.

A notebook passes when every code cell runs without an error output, writes nothing to
stderr (unless the cell is tagged `allow-stderr`), finishes within its time limit, and the
whole notebook then runs a second time, top to bottom, in the same kernel.

Exercises: a code cell tagged `exercise` with metadata `"exercise": "<id>"` holds the
learner's starting point between its marker lines `exerciseStart(n);` and `exerciseEnd(n);`.
Here what lies between them is replaced by the reference answer from
src/test/notebooks/<notebook-stem>/<id>.jsh, so the check cell after it must pass;
the answer is never shown in the notebook itself.

Wrong attempts: src/test/notebooks/<notebook-stem>/<id>.attempts.jsh holds typical wrong attempts,
each after a line `//// <kind>: <what it is>`, kind being a verdict phrase such as `not yet`,
`did not compile` or `did not finish`. In the first pass, before the reference answer, each
attempt takes the exercise cell's place and the check cell runs after it, with strict checks off:
it must print exactly that kind of verdict, without an error, a Java stack trace or a compile
error of its own (a broken attempt's cell shows its own error, as for a learner).

Slow mode (--slow, used by `./course test --slow`, which runs this runner and so its kernel on a
share of one core): a pass may take SLOW_BUDGET_SCALE times NOTEBOOK_BUDGET, and no cell may take
more than SLOW_CELL_LIMIT, the longest a learner on a slow laptop should wait for one cell.

--as-stored keeps the exercises as stored (their checks print "waiting for your answer") and
--save-executed DIR writes each notebook with its first pass's outputs into DIR: `./course book`.

Prints what it executed, each notebook's slowest cells, and ends with a line
`notebooks: N passed, M failed`.
Exit status 0 only if every notebook passed and at least one ran.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = ROOT / "src" / "test" / "notebooks"
CELL_TIMEOUT = 60  # seconds; no cell may hang (nor take longer than a whole notebook may)
NOTEBOOK_BUDGET = 60  # seconds for one top-to-bottom pass: the course promises "under a minute"
STARTUP_TIMEOUT = 90  # seconds for the kernel to start (scaled with the budget)
SLOW_BUDGET_SCALE = 4  # slow mode imitates a machine about 4x slower: a pass may take 4x as long ...
SLOW_CELL_LIMIT = 30  # ... but no single cell may keep a learner waiting more than 30 s
SLOWEST_SHOWN = 3  # cells listed per notebook as its slowest


@dataclass(frozen=True)
class Limits:
    """How long a pass, a cell and the kernel's start may take."""
    budget: float  # one top-to-bottom pass, seconds
    cell: float  # one cell: over it, the cell fails
    startup: float
    slow: bool = False

    @classmethod
    def make(cls, budget_scale: float = 1.0, slow: bool = False) -> "Limits":
        cell = min(CELL_TIMEOUT * budget_scale, NOTEBOOK_BUDGET * budget_scale)
        if slow:
            cell = min(cell, SLOW_CELL_LIMIT)
        return cls(NOTEBOOK_BUDGET * budget_scale, cell, STARTUP_TIMEOUT * budget_scale, slow)

    def describe(self) -> str:
        mode = "slow mode: " if self.slow else ""
        return f"{mode}a pass may take {self.budget:g} s, a cell {self.cell:g} s"


class NotebookFailure(Exception):
    pass


def stored_problems(nb, name: str) -> list[str]:
    """What is wrong with the notebook as stored, before running anything."""
    problems = []
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    if kernel != "java":
        problems.append(f"{name}: kernelspec is {kernel!r}, expected 'java'")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
            problems.append(f"{name}: cell {i} is stored with outputs (clear them before committing)")
    return problems


CELL_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")  # nbformat 4.5's cell id


def format_problems(raw: dict, name: str) -> list[str]:
    """What JupyterLab would change on opening the file as stored (it then asks "Save changes?" on
    close): it upgrades anything older than nbformat 4.5 and gives every cell an id."""
    problems = []
    version = (raw.get("nbformat", 0), raw.get("nbformat_minor", 0))
    if version < (4, 5):
        problems.append(f"{name}: stored as nbformat {version[0]}.{version[1]}; write 4.5 with cell ids "
                        "(nbformat.v4.new_notebook() and new_*_cell(), then nbformat.write)")
    ids = [cell.get("id") for cell in raw.get("cells", [])]
    missing = [i for i, cell_id in enumerate(ids) if not isinstance(cell_id, str) or not CELL_ID.match(cell_id)]
    if missing:
        problems.append(f"{name}: cell(s) {missing} have no valid id")
    duplicates = sorted({i for i in ids if isinstance(i, str) and ids.count(i) > 1})
    if duplicates:
        problems.append(f"{name}: duplicate cell id(s) {duplicates}")
    return problems


def between_markers(stored: str, code: str) -> str:
    """`code` in place of the learner's part of an exercise cell: between its first line
    `exerciseStart(n);` and last line `exerciseEnd(n);` (kept, so the check cell can tell
    whether the cell ran to its end), or the whole cell if it has no markers."""
    lines = stored.rstrip("\n").split("\n")
    head = lines[:1] if lines and lines[0].startswith("exerciseStart(") else []
    tail = lines[-1:] if len(lines) > 1 and lines[-1].startswith("exerciseEnd(") else []
    return "\n".join(head + [code.rstrip("\n")] + tail)


ATTEMPT_HEADER = re.compile(r"^//// (?P<kind>[a-z ]+): (?P<what>.+)$", re.M)
ATTEMPT_KINDS = ("did not compile", "did not finish", "not yet", "waiting")  # run in this order


@dataclass(frozen=True)
class Attempt:
    kind: str  # one of ATTEMPT_KINDS
    what: str
    code: str


def read_attempts(stem: str, ex_id: str) -> list[Attempt]:
    """The wrong attempts stored for an exercise (none when it has no .attempts.jsh file)."""
    path = SOLUTIONS / stem / f"{ex_id}.attempts.jsh"
    if not path.is_file():
        return []
    text = path.read_text()
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    heads = list(ATTEMPT_HEADER.finditer(text))
    if not heads or text[:heads[0].start()].strip():
        raise NotebookFailure(f"{name}: each attempt starts with a line '//// <kind>: <what it is>'")
    attempts = []
    for h, nxt in zip(heads, heads[1:] + [None]):
        kind = h["kind"]
        if kind not in ATTEMPT_KINDS:
            raise NotebookFailure(f"{name}: unknown kind {kind!r} (use one of {', '.join(ATTEMPT_KINDS)})")
        attempts.append(Attempt(kind, h["what"].strip(), text[h.end():nxt.start() if nxt else len(text)].strip("\n")))
    return sorted(attempts, key=lambda a: ATTEMPT_KINDS.index(a.kind))


def inject_solutions(nb, stem: str) -> int:
    count = 0
    for i, cell in enumerate(nb.cells):
        if "exercise" not in cell.metadata.get("tags", []):
            continue
        ex_id = cell.metadata.get("exercise")
        if not ex_id:
            raise NotebookFailure(f"{stem}: cell {i} is tagged 'exercise' but has no metadata 'exercise' id")
        path = SOLUTIONS / stem / f"{ex_id}.jsh"
        if not path.is_file():
            raise NotebookFailure(f"{stem}: no reference answer for exercise {ex_id!r} (expected {path.relative_to(ROOT)})")
        cell.source = between_markers(cell.source, path.read_text())
        count += 1
    return count


# Asks the kernel for the verdict lines' shapes, so they are defined once, in asynccourse.notebook.Verdict.
VERDICT_PROBE = ('for (var v : asynccourse.notebook.Verdict.values()) '
                 'System.out.println(v.name() + "\\t" + v.line("Exercise 0", ""));')
KIND_NAMES = {"did not compile": "DID_NOT_COMPILE", "did not finish": "DID_NOT_FINISH", "not yet": "NOT_YET",
              "waiting": "WAITING", "correct": "CORRECT"}
VERDICT_LINE = re.compile(r"^[✔✘…] Exercise (\d+): ", re.M)
STACK_FRAME = re.compile(r"^\s+at [\w$.<>/]+\(", re.M)
LIMIT_PROPERTY = "course.attemptLimitSeconds"  # asynccourse.notebook.Exercises.LIMIT_PROPERTY
ATTEMPT_LIMIT = 3  # seconds an attempt may run in the attempts pass (a learner gets 10 s): "did not finish" costs this


class Attempts:
    """Runs the wrong attempts of a notebook's exercises in its kernel (first pass only)."""

    def __init__(self, client, nb, stem: str, limits: Limits, show: bool = False):
        self.client, self.nb, self.stem, self.limits, self.show = client, nb, stem, limits, show
        self.prefixes: dict[str, str] | None = None
        self.count: dict[str, int] = {}
        self.seconds = 0.0

    def _scratch(self, source: str, index: int, tags=()) -> "nbformat.NotebookNode":
        """Executes `source` as if it were cell `index`, then puts the notebook's cell back."""
        original = self.nb.cells[index]
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = list(tags)
        try:
            self.client.execute_cell(cell, index)
        finally:
            self.nb.cells[index] = original
        return cell

    def _verdict_prefixes(self, index: int) -> dict[str, str]:
        if self.prefixes is None:
            out = text_of(self._scratch(VERDICT_PROBE, index))
            pairs = [line.split("\t", 1) for line in out.splitlines() if "\t" in line]
            self.prefixes = {name: line.replace("Exercise 0", "Exercise {n}").rstrip() for name, line in pairs}
            missing = set(KIND_NAMES.values()) - set(self.prefixes)
            if missing:
                raise NotebookFailure(f"{self.stem}: the kernel's Verdict has no {sorted(missing)}: {out!r}")
        return self.prefixes

    def run(self, index: int) -> None:
        """Runs every stored attempt of the exercise in cell `index`, each followed by its check cell."""
        exercise = self.nb.cells[index]
        attempts = read_attempts(self.stem, exercise.metadata["exercise"])
        if not attempts:
            return
        check_index = next(i for i in range(index + 1, len(self.nb.cells)) if self.nb.cells[i].cell_type == "code")
        check = self.nb.cells[check_index]
        number = re.search(r'Check\.(?:cell|exercise)\("Exercise (\d+)"', check.source)
        if not number:
            raise NotebookFailure(f"{self.stem}, cell {check_index}: the cell after an exercise is no check cell")
        n = number[1]
        prefixes = self._verdict_prefixes(index)
        started = time.monotonic()
        scale = 2 if self.limits.slow else 1
        self._scratch(f'System.setProperty("course.strictChecks", "false"); '
                      f'System.setProperty("{LIMIT_PROPERTY}", "{ATTEMPT_LIMIT * scale}");', index)
        try:
            for a in attempts:
                where = f"{self.stem}, exercise {exercise.metadata['exercise']!r} (Exercise {n}), attempt '{a.kind}: {a.what}'"
                try:
                    self._scratch(between_markers(exercise.source, a.code), index,
                                  ("raises-exception",) if a.kind == "did not compile" else ())
                except CellExecutionError as e:
                    raise NotebookFailure(f"{where}: the exercise cell failed: {str(e).strip()[-600:]}")
                result = self._scratch(check.source, check_index, ("raises-exception",))
                out = text_of(result)
                problems = []
                if errors_of(result):
                    problems.append(f"the check cell failed: {describe_error(result, None)}")
                if any(o.get("name") == "stderr" for o in result.get("outputs", []) if o.get("output_type") == "stream"):
                    problems.append("the check cell wrote to stderr")
                if STACK_FRAME.search(out):
                    problems.append("the check cell printed a Java stack trace")
                verdicts = [line for line in out.splitlines() if VERDICT_LINE.match(line)]
                expected = prefixes[KIND_NAMES[a.kind]].format(n=n)
                if len(verdicts) != 1 or not verdicts[0].startswith(expected):
                    problems.append(f"expected one verdict starting {expected!r}, got {verdicts}")
                if problems:
                    raise NotebookFailure(f"{where}: " + "; ".join(problems) + f"\n      output: {out.strip()[:800]!r}")
                self.count[a.kind] = self.count.get(a.kind, 0) + 1
                if self.show:
                    print(f"      {a.kind}: {a.what}\n        " + out.strip().replace("\n", "\n        "), flush=True)
        finally:
            self._scratch(f'System.clearProperty("course.strictChecks"); System.clearProperty("{LIMIT_PROPERTY}");', index)
            self.seconds += time.monotonic() - started

    def summary(self) -> str:
        kinds = ", ".join(f"{self.count[k]} {k}" for k in ATTEMPT_KINDS if k in self.count)
        return f"{sum(self.count.values())} wrong attempt(s) checked ({kinds or 'none'}) in {self.seconds:.1f} s"


def text_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def errors_of(cell) -> list:
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def first_line(cell) -> str:
    for line in cell.source.splitlines():
        if line.strip():
            return line.strip()[:70]
    return "(empty)"


def describe_error(cell, e: Exception) -> str:
    """The error's name, message and traceback as the kernel sent them (a Java compile error's
    text, e.g. "cannot find symbol", is in its traceback), without colour codes or the kernel's
    own stack frames."""
    plain = lambda text: re.sub(r"\x1b\[[0-9;]*m", "", str(text or ""))
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if not errors:
        return plain(str(e)).strip()[-1500:]
    out = errors[-1]
    lines = [plain(ln) for ln in out.get("traceback", [])]
    lines = [ln for ln in lines if ln.strip() and not ln.strip().startswith(("org.dflib.jjava.", "at org.dflib.jjava."))]
    return "\n      ".join([f"{plain(out.get('ename'))}: {plain(out.get('evalue'))}"] + lines[:25])


def check_outputs(cell, where: str) -> None:
    allow_stderr = "allow-stderr" in cell.metadata.get("tags", [])
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            raise NotebookFailure(f"{where}: {describe_error(cell, None)}")
        if out.get("output_type") == "stream" and out.get("name") == "stderr" and not allow_stderr:
            raise NotebookFailure(f"{where}: wrote to stderr: {out.get('text', '').strip()[:500]}")


def slowest_cells(timings: list[tuple[float, str]], count: int = SLOWEST_SHOWN) -> str:
    """'12.3 s cell 4 (pass 1) `...`; 8.0 s ...' for the `count` slowest of (seconds, where)."""
    top = sorted(timings, key=lambda t: -t[0])[:count]
    return "; ".join(f"{took:.1f} s {where}" for took, where in top)


def run_notebook(path: Path, passes: int, limits: Limits | None = None, as_stored: bool = False,
                 save_to: Path | None = None, attempts: bool = True, show_attempts: bool = False) -> int:
    """Run one notebook `passes` times in one kernel, the wrong attempts of its exercises in the
    first (unless `attempts` is false or `as_stored`); return the number of cells executed.
    as_stored: exercises keep their starting points (no reference answers); save_to: a folder where
    the notebook with the outputs of its first pass is written (the source file is never written)."""
    attempts = attempts and not as_stored
    limits = limits or Limits.make()
    nb = nbformat.read(path, as_version=4)
    problems = format_problems(json.loads(path.read_text(encoding="utf-8")), path.name) + stored_problems(nb, path.name)
    if problems:
        raise NotebookFailure("\n  ".join(problems))
    exercises = 0 if as_stored else inject_solutions(nb, path.stem)
    client = NotebookClient(
        # a cell over its limit fails when it ends (below); one still running a few seconds later is stopped
        nb, kernel_name="java", timeout=math.ceil(limits.cell) + 5, startup_timeout=math.ceil(limits.startup),
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    executed = 0
    timings: list[tuple[float, str]] = []
    wrong = Attempts(client, nb, path.stem, limits, show_attempts)
    try:
        with client.setup_kernel():
            for run in range(1, passes + 1):
                t0 = time.monotonic()
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    where = f"{path.name}, cell {index} (pass {run}) `{first_line(cell)}`"
                    if run == 1 and attempts and "exercise" in cell.metadata.get("tags", []):
                        wrong.run(index)
                    cell.outputs = []
                    started = time.monotonic()
                    try:
                        client.execute_cell(cell, index)
                    except CellTimeoutError:
                        raise NotebookFailure(f"{where}: still running after its time limit ({limits.cell:g} s"
                                              f"{', slow mode' if limits.slow else ''})")
                    except DeadKernelError as e:
                        raise NotebookFailure(f"{where}: the kernel died: {e}")
                    except CellExecutionError as e:
                        raise NotebookFailure(f"{where}: {describe_error(cell, e)}")
                    cell_took = time.monotonic() - started
                    check_outputs(cell, where)
                    timings.append((cell_took, f"cell {index} (pass {run}) `{first_line(cell)[:40]}`"))
                    if cell_took > limits.cell:
                        raise NotebookFailure(f"{where}: took {cell_took:.1f} s, over the {limits.cell:g} s a cell may "
                                              f"take{' in slow mode' if limits.slow else ''}")
                    executed += 1
                took = time.monotonic() - t0 - (wrong.seconds if run == 1 else 0)
                print(f"    pass {run}: {took:5.1f} s" + (f" (and {wrong.summary()})" if run == 1 and attempts else ""),
                      flush=True)
                if save_to and run == 1:
                    save_to.mkdir(parents=True, exist_ok=True)
                    nbformat.write(nb, save_to / path.name)
                if took > limits.budget:
                    raise NotebookFailure(f"{path.name}: pass {run} took {took:.0f} s (budget {limits.budget:g} s"
                                          f"{', slow mode' if limits.slow else ''})")
    finally:
        if timings:
            print(f"    slowest cells: {slowest_cells(timings)}", flush=True)
    if not as_stored:
        print(f"    {exercises} exercise(s) checked with reference answers", flush=True)
    return executed


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="*", help="notebook files (default: notebooks/*.ipynb)")
    p.add_argument("--passes", type=int, default=2, help="top-to-bottom runs in one kernel (default 2)")
    p.add_argument("--no-attempts", action="store_true",
                   help="skip the exercises' stored wrong attempts (run in the first pass by default)")
    p.add_argument("--show-attempts", action="store_true", help="print what each wrong attempt's check cell printed")
    p.add_argument("--slow", action="store_true",
                   help=f"slow mode: budgets scaled by {SLOW_BUDGET_SCALE}, no cell over {SLOW_CELL_LIMIT} s")
    p.add_argument("--budget-scale", type=float, metavar="X",
                   help=f"multiply the pass budget ({NOTEBOOK_BUDGET} s), cell timeout and kernel start-up time by X "
                        f"(default 1, with --slow {SLOW_BUDGET_SCALE})")
    p.add_argument("--as-stored", action="store_true",
                   help="exercises as stored, unanswered (their checks print 'waiting for your answer'), no "
                        "reference answers; used to build the book")
    p.add_argument("--save-executed", type=Path, metavar="DIR",
                   help="write each notebook with the outputs of its first pass into DIR (never over the source)")
    args = p.parse_args(argv)
    # The kernel inherits this: exercise verdicts (Check.exercise) fail the cell instead of printing
    # feedback, so a reference answer that does not pass fails the run. As stored, they print "waiting".
    if args.as_stored:
        os.environ.pop("COURSE_STRICT_CHECKS", None)
    else:
        os.environ["COURSE_STRICT_CHECKS"] = "1"
    if args.save_executed and args.save_executed.resolve() == NOTEBOOKS.resolve():
        p.error("--save-executed must not be notebooks/ itself (the notebooks are stored without outputs)")
    if args.passes < 1:
        p.error(f"--passes {args.passes}: give 1 or more")
    scale = args.budget_scale if args.budget_scale is not None else (SLOW_BUDGET_SCALE if args.slow else 1.0)
    if not (scale > 0 and math.isfinite(scale)):
        p.error(f"--budget-scale {args.budget_scale}: give a number above 0, e.g. 4 for a machine 4x slower")
    limits = Limits.make(scale, args.slow)
    paths = [Path(n).resolve() for n in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        print("no notebooks found in notebooks/", file=sys.stderr)
        return 1
    passed, failed, cells = [], [], 0
    print(f"  limits: {limits.describe()}", flush=True)
    for path in paths:
        print(f"  {path.name}", flush=True)
        try:
            cells += run_notebook(path, args.passes, limits, args.as_stored, args.save_executed,
                                  attempts=not args.no_attempts, show_attempts=args.show_attempts)
            passed.append(path.name)
        except NotebookFailure as e:
            failed.append(path.name)
            print(f"  FAILED {e}", flush=True)
    print(f"executed {len(paths)} notebook(s), {cells} code cell(s) in all ({args.passes} pass(es) each)")
    for name in failed:
        print(f"  failed: {name}")
    print(f"notebooks: {len(passed)} passed, {len(failed)} failed")
    return 0 if passed and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
