"""Exercises give feedback, not stack traces, to a learner; ./course test still fails a wrong reference answer.

These run the real notebooks through the course kernel as a learner would: without the runner's strict
mode (COURSE_STRICT_CHECKS) and without swapping in the reference answers.
"""
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import course

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WITH_EXERCISES = [p for p in NOTEBOOKS
                  if any("exercise" in c.metadata.get("tags", []) for c in nbformat.read(p, as_version=4).cells)]


def text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def errors(cell) -> list[str]:
    return [f"{o.get('ename')}: {o.get('evalue')}" for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def run_as_learner(path: Path, answers: dict[str, str] | None = None, upto: int | None = None):
    """Runs the notebook's code cells in order (up to cell index `upto`) in a fresh course kernel, with
    the learner's exercise cells as stored, except those given in `answers` (exercise id -> source)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        ex_id = cell.metadata.get("exercise")
        if answers and ex_id in answers:
            cell.source = answers[ex_id]
    client = NotebookClient(nb, kernel_name="java", timeout=60, startup_timeout=90, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if upto is not None and index > upto:
                break
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
    return nb


def check_cell_after(nb, ex_id: str) -> int:
    index = next(i for i, c in enumerate(nb.cells) if c.metadata.get("exercise") == ex_id)
    return next(i for i in range(index + 1, len(nb.cells)) if nb.cells[i].cell_type == "code")


_learner_runs: dict[Path, object] = {}


def untouched_run(path: Path):
    """A learner's Run All of the notebook as stored (run once per test session)."""
    if path not in _learner_runs:
        _learner_runs[path] = run_as_learner(path)
    return _learner_runs[path]


@pytest.fixture
def learner(monkeypatch, course_kernel, course_jar):
    monkeypatch.delenv("COURSE_STRICT_CHECKS", raising=False)  # the kernel inherits this environment
    for key, value in course.jupyter_env().items():
        monkeypatch.setenv(key, value)


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=lambda p: p.name)
def test_runAll_untouchedExercises_sayWaitingOrWhatTheStartingCodeDid_withoutAnyError(path, learner):
    """A prediction's placeholder says "waiting"; starting code that runs gets "not yet" and what it did
    (the check cannot tell it from a learner's attempt that behaves the same)."""
    nb = untouched_run(path)
    failing = [f"cell {i}: {errors(c)}" for i, c in enumerate(nb.cells) if errors(c)]
    assert failing == [], "a fresh Run All must not end in errors"
    for cell in nb.cells:
        if "exercise" in cell.metadata.get("tags", []):
            check = nb.cells[check_cell_after(nb, cell.metadata["exercise"])]
            out = text(check)
            assert "waiting for your answer" in out or ": not yet." in out, f"exercise {cell.metadata['exercise']}: {out!r}"
            shown = [o["data"].get("text/plain") for o in check.outputs if o.get("output_type") == "execute_result"]
            assert shown == [], f"exercise {cell.metadata['exercise']}: the check cell also shows a value {shown}"


def test_wrongPrediction_saysNotYetWithAHintAndKeepsTheResultHidden(learner):
    path = ROOT / "notebooks" / "03-tasks.ipynb"
    nb = nbformat.read(path, as_version=4)
    check = check_cell_after(nb, "order")
    nb = run_as_learner(path, {"order": 'List<String> predictedOrder = List.of("T1", "M1", "T2", "M2", "M3");'}, upto=check)
    out = text(nb.cells[check])
    assert errors(nb.cells[check]) == [] and "✘ Exercise 2: not yet." in out and "Hint:" in out, out
    assert "M1" not in out, "the verdict must not print the order the exercise asks to predict"


def test_brokenExerciseCell_firstRun_checkSaysFixItFirst_withoutASecondCompileError(learner):
    """The issue's case: a typo in 03's Exercise 1 before its names were ever defined."""
    path = ROOT / "notebooks" / "03-tasks.ipynb"
    nb = nbformat.read(path, as_version=4)
    check = check_cell_after(nb, "side-by-side")
    broken = nb.cells[check - 1].source.replace('"hello");', '"hello")', 1)
    assert broken != nb.cells[check - 1].source
    nb = run_as_learner(path, {"side-by-side": broken}, upto=check)
    assert errors(nb.cells[check - 1]), "the exercise cell shows its own compile error"
    out = text(nb.cells[check])
    assert errors(nb.cells[check]) == [] and "✘ Exercise 1: fix the exercise cell above first:" in out, out


def test_untouchedPrediction_doesNotPrintTheMeasurement(learner):
    nb = untouched_run(ROOT / "notebooks" / "00-start-here.ipynb")
    out = text(nb.cells[check_cell_after(nb, "predict")])
    assert "waiting for your answer" in out and "measured" not in out and "0.5" not in out, out


def runner_on(notebook: Path, *options: str):
    return subprocess.run([sys.executable, str(ROOT / "tools" / "run_notebooks.py"), "--passes", "1", *options, str(notebook)],
                          capture_output=True, text=True, env=course.jupyter_env(), timeout=300)


@pytest.mark.parametrize("claim, passes", [("predictedMillis == 500", True), ("predictedMillis == 300", False)])
def test_courseTest_failsWhenTheReferenceAnswerDoesNotPass(tmp_path, course_kernel, claim, passes):
    """The runner swaps in src/test/notebooks/00-start-here/predict.jsh (500 ms); a check that wants
    another answer must fail the run, a check the answer meets must pass (the control)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    exercise = nbformat.v4.new_code_cell("long predictedMillis = 0;")
    exercise.metadata.update({"tags": ["exercise"], "exercise": "predict"})
    nb.cells = [exercise, nbformat.v4.new_code_cell(
        f'Check.exercise("Exercise 2", predictedMillis != 0, () -> {claim}, "think again");')]
    path = tmp_path / "00-start-here.ipynb"  # its stem picks the reference answers
    nbformat.write(nb, path)
    res = runner_on(path, "--no-attempts")  # 00's stored wrong attempts are for the real notebook's cells
    assert (res.returncode == 0) == passes, res.stdout + res.stderr
    if not passes:
        assert "00-start-here.ipynb, cell 1 (pass 1)" in res.stdout and "not yet" in res.stdout, res.stdout
