"""The notebook runner fails what it must fail, and names the notebook and the cell."""
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import course
import run_notebooks as rn

ROOT = Path(__file__).resolve().parents[2]


def notebook(*cells, kernel="java"):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": "Java", "language": "java"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    return nb


def test_storedProblems_outputsAndWrongKernel_areReported():
    nb = notebook("1 + 1", kernel="python3")
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="2")]
    problems = rn.stored_problems(nb, "x.ipynb")
    assert any("kernelspec is 'python3'" in p for p in problems)
    assert any("cell 0 is stored with outputs" in p for p in problems)


def test_injectSolutions_exerciseWithoutReferenceAnswer_fails():
    nb = notebook("int answer = 0;")
    nb.cells[0].metadata.update({"tags": ["exercise"], "exercise": "no-such-exercise"})
    with pytest.raises(rn.NotebookFailure, match="no reference answer for exercise 'no-such-exercise'"):
        rn.inject_solutions(nb, "00-start-here")


def test_injectSolutions_replacesTheStubWithTheReferenceAnswer():
    nb = notebook("Duration myDelay = Duration.ofMillis(0);")
    nb.cells[0].metadata.update({"tags": ["exercise"], "exercise": "greet"})
    assert rn.inject_solutions(nb, "00-start-here") == 1
    assert "ofMillis(300)" in nb.cells[0].source


def test_checkOutputs_stderrFailsUnlessTagged():
    cell = nbformat.v4.new_code_cell("System.err.println(1)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="1\n")]
    with pytest.raises(rn.NotebookFailure, match="wrote to stderr"):
        rn.check_outputs(cell, "here")
    cell.metadata["tags"] = ["allow-stderr"]
    rn.check_outputs(cell, "here")


def run_runner(path):
    """Runs the notebook runner on one notebook, once, through the course's real kernel."""
    return subprocess.run([sys.executable, str(ROOT / "tools" / "run_notebooks.py"), "--passes", "1", str(path)],
                          capture_output=True, text=True, env=course.jupyter_env(), timeout=300)


def test_runner_realKernel_failingCellIsNamedAndExitIsNonZero(tmp_path, course_kernel):
    path = tmp_path / "99-broken.ipynb"
    nbformat.write(notebook('System.out.println("fine");', 'throw new IllegalStateException("boom");'), path)
    res = run_runner(path)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "99-broken.ipynb, cell 1 (pass 1)" in res.stdout and "boom" in res.stdout
    assert "notebooks: 0 passed, 1 failed" in res.stdout


def test_runner_realKernel_compileErrorShowsTheCompilersMessage(tmp_path, course_kernel):
    path = tmp_path / "98-typo.ipynb"
    nbformat.write(notebook('int answer = 42;', 'System.out.println(answr);'), path)
    res = run_runner(path)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "98-typo.ipynb, cell 1 (pass 1)" in res.stdout
    assert "cannot find symbol" in res.stdout and "answr" in res.stdout, res.stdout


def test_betweenMarkers_keepsTheExerciseCellsFirstAndLastLines():
    stored = "exerciseStart(2);   // your prediction\nlong predictedMillis = 0;\nexerciseEnd(2);"
    assert rn.between_markers(stored, "long predictedMillis = 500;\n") == \
        "exerciseStart(2);   // your prediction\nlong predictedMillis = 500;\nexerciseEnd(2);"
    assert rn.between_markers("int x = 0;", "int x = 1;") == "int x = 1;"


def test_readAttempts_kindsParsed_brokenOnesFirst_unknownKindFails(tmp_path, monkeypatch):
    monkeypatch.setattr(rn, "SOLUTIONS", tmp_path)
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "x.attempts.jsh").write_text(
        "//// not yet: half done\nint x = 1;\n//// did not compile: a typo\nint x = 1\n")
    attempts = rn.read_attempts("nb", "x")
    assert [(a.kind, a.what, a.code) for a in attempts] == [
        ("did not compile", "a typo", "int x = 1"), ("not yet", "half done", "int x = 1;")]
    (tmp_path / "nb" / "y.attempts.jsh").write_text("//// wrong: no such kind\nint y;\n")
    with pytest.raises(rn.NotebookFailure, match="unknown kind 'wrong'"):
        rn.read_attempts("nb", "y")


def exercise_cells():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if "exercise" in cell.metadata.get("tags", []):
                yield path.stem, cell


@pytest.mark.parametrize("stem, cell", list(exercise_cells()), ids=lambda x: x if isinstance(x, str) else x.metadata["exercise"])
def test_everyExercise_hasItsMarkers_andStoredWrongAttempts_halfDoneAndBroken(stem, cell):
    lines = cell.source.strip().splitlines()
    assert lines[0].startswith("exerciseStart(") and lines[-1].startswith("exerciseEnd("), lines
    kinds = {a.kind for a in rn.read_attempts(stem, cell.metadata["exercise"])}
    assert {"not yet", "did not compile"} <= kinds, f"{stem}/{cell.metadata['exercise']}.attempts.jsh has {kinds}"
