"""`./course check [notebook ...]`: a learner's own progress, from their saved notebooks.

Each notebook is read from disk and run headless, top to bottom, through the course kernel with the
learner's OWN answers (not the reference answers that `./course test` puts in). The file is never
written: the run works on a copy in memory. Each exercise (a code cell tagged `exercise`) then gets
the verdict its check cell printed: done (✔), not yet (✘, with the hint), or waiting for an answer.

A notebook that is not valid JSON or not a notebook is reported by name and skipped; the others are
still checked. A cell still running after CELL_LIMIT seconds (an endless loop, say) is interrupted,
reported, and the run goes on with the next cell.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import time
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CELL_LIMIT = 60  # seconds one cell may run before it is interrupted (the course's own cell limit)
STARTUP_LIMIT = 90  # seconds for the kernel to start

DONE, NOT_YET, WAITING, NO_VERDICT = "done", "not yet", "waiting", "no verdict"
MARKS = {DONE: "✔", NOT_YET: "✘", WAITING: "…", NO_VERDICT: "?"}


@dataclass
class Verdict:
    status: str  # DONE, NOT_YET, WAITING or NO_VERDICT
    message: str = ""


@dataclass
class ChapterResult:
    name: str
    exercises: list[tuple[str, Verdict]] = field(default_factory=list)  # ("Exercise 1", verdict), in order
    problem: str = ""  # why the notebook could not be checked at all
    notes: list[str] = field(default_factory=list)  # cells stopped at the limit, kernel deaths

    @property
    def done(self) -> int:
        return sum(v.status == DONE for _, v in self.exercises)


VERDICT_LINE = re.compile(r"^\W*?(?P<mark>[✔✘…])\s*(?P<name>Exercise\s+\d+)\b\s*:?\s*(?P<rest>.*)$")


def parse_verdicts(text: str) -> dict[str, Verdict]:
    """Exercise verdicts in a check cell's printed text, by exercise name ("Exercise 3").

    Tolerant of the exact wording: "✔ Exercise N..." is done; "… Exercise N..." or any line naming
    the exercise with "waiting for your answer" is waiting; "✘ Exercise N: <anything>" (not yet, did
    not compile, did not finish, ...) is not done, with its message. The last verdict of an exercise wins.
    """
    verdicts: dict[str, Verdict] = {}
    for line in text.splitlines():
        m = VERDICT_LINE.match(line.strip())
        if not m:
            continue
        name = re.sub(r"\s+", " ", m["name"])
        rest = m["rest"].strip()
        if "waiting for your answer" in rest or m["mark"] == "…":
            verdicts[name] = Verdict(WAITING, "waiting for your answer")
        elif m["mark"] == "✔":
            verdicts[name] = Verdict(DONE, rest)
        else:
            verdicts[name] = Verdict(NOT_YET, rest)
    return verdicts


def exercise_name(cell, position: int) -> str:
    """ "Exercise N" from the exercise cell's first comment ("// Exercise 2: ..."), else by position."""
    m = re.search(r"Exercise\s+(\d+)", cell.source)
    return f"Exercise {m[1]}" if m else f"Exercise {position}"


def cell_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") in ("execute_result", "display_data"):
            parts.append(out.get("data", {}).get("text/plain", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
    return "".join(parts)


def read_notebook(path: Path):
    """The notebook as saved, or a ValueError saying clearly what is wrong with the file."""
    import nbformat
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ValueError(f"cannot read it ({e.strerror or e})")
    except UnicodeDecodeError:
        raise ValueError("it is not a text file (not UTF-8)")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ValueError(f"it is not valid notebook JSON (line {e.lineno}, column {e.colno}: {e.msg}). Was it "
                         "saved completely? Open it in JupyterLab and save it again, or restore it with "
                         "`git checkout -- <file>` (that loses your answers in it)")
    if not isinstance(data, dict) or "cells" not in data:
        raise ValueError("it is JSON but not a notebook (no 'cells')")
    try:
        return nbformat.reads(raw, as_version=4)
    except Exception as e:  # nbformat's own validation errors
        raise ValueError(f"it is not a readable notebook ({e})")


def check_notebook(path: Path, cell_limit: float = CELL_LIMIT) -> ChapterResult:
    """Runs one saved notebook (a copy in memory) with the learner's answers; returns the verdicts."""
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    result = ChapterResult(path.stem)
    try:
        nb = read_notebook(path)
    except ValueError as e:
        result.problem = str(e)
        return result
    exercises = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "exercise" in c.metadata.get("tags", [])]
    if not exercises:
        result.problem = "it has no exercises (no code cell tagged 'exercise')"
        return result
    stopped = {"ename": "CellStoppedError", "evalue": f"stopped after {cell_limit:g} s", "traceback": []}
    client = NotebookClient(nb, kernel_name="java", timeout=cell_limit, startup_timeout=STARTUP_LIMIT,
                            allow_errors=True, interrupt_on_timeout=True, error_on_timeout=stopped,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    texts: list[str] = []
    try:
        with client.setup_kernel(stderr=subprocess.DEVNULL):  # the kernel's own log lines
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                cell.outputs = []
                started = time.monotonic()
                client.execute_cell(cell, index)  # over the limit: interrupted, an error output, and on
                if time.monotonic() - started >= cell_limit:
                    result.notes.append(f"cell {index} was still running after {cell_limit:g} s (an endless loop?) "
                                        "and was stopped; the run went on with the next cell")
                texts.append(cell_text(cell))
    except DeadKernelError as e:
        result.notes.append(f"the kernel died ({e}); exercises after that point have no verdict")
    except Exception as e:  # kernel would not start, and the like: say so, check the other notebooks
        result.problem = f"could not run it: {type(e).__name__}: {e}"
        return result
    verdicts = parse_verdicts("\n".join(texts))
    for position, index in enumerate(exercises, 1):
        name = exercise_name(nb.cells[index], position)
        result.exercises.append((name, verdicts.get(name, Verdict(NO_VERDICT, "its check cell printed no verdict "
                                                                             "(did a cell before it fail?)"))))
    return result


def describe(v: Verdict) -> str:
    """What a learner reads after "Exercise N: ", e.g. "not yet. Hint: ..." or "not yet: did not compile: ..."."""
    if v.status == DONE:
        return "done"
    if v.status == WAITING:
        return "waiting for your answer"
    if v.status == NOT_YET:
        return v.message if v.message.startswith("not yet") else f"not yet: {v.message}".rstrip(": ")
    return f"no verdict: {v.message}"


def report_chapter(r: ChapterResult, out=sys.stdout) -> None:
    """One notebook's verdicts, printed as soon as it has been checked."""
    print(f"{r.name}", file=out)
    if r.problem:
        print(f"  ! not checked: {r.name}.ipynb: {r.problem}", file=out)
        return
    for note in r.notes:
        print(f"  ! {note}", file=out)
    for name, v in r.exercises:
        print(f"  {MARKS[v.status]} {name}: {describe(v)}", file=out)
    out.flush()


def summary(results: list[ChapterResult], out=sys.stdout) -> None:
    """ "N of M exercises done" per chapter, then in all."""
    print("", file=out)
    for r in results:
        line = "not checked" if r.problem else f"{r.done} of {len(r.exercises)} exercises done"
        print(f"  {r.name:<34} {line}", file=out)
    done = sum(r.done for r in results)
    total = sum(len(r.exercises) for r in results)
    print(f"{done} of {total} exercises done", file=out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="./course check", description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="*", help="saved notebooks to check (default: every chapter in notebooks/)")
    p.add_argument("--cell-limit", type=float, default=CELL_LIMIT, metavar="S",
                   help=f"seconds a cell may run before it is stopped (default {CELL_LIMIT})")
    args = p.parse_args(argv)
    os.environ.pop("COURSE_STRICT_CHECKS", None)  # verdicts are printed, never raised, as for a learner
    paths = [Path(n) for n in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    print(f"checking {len(paths)} notebook(s) with your answers; the files are not changed; a cell running "
          f"over {args.cell_limit:g} s is stopped", flush=True)
    results = []
    for path in paths:
        print(f"running {path.name} ...", flush=True)
        results.append(check_notebook(path, args.cell_limit))
        report_chapter(results[-1])
    summary(results)
    return 1 if any(r.problem for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
