"""./course check (tools/check.py): a learner's saved notebooks, run with their own answers."""
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

import check
import course

ROOT = course.ROOT
CHAPTER = ROOT / "notebooks" / "00-start-here.ipynb"


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "check.py"), *args], cwd=ROOT,
                          env=course.jupyter_env(), capture_output=True, text=True, timeout=600)


def answer(nb, exercise_id: str, source: str) -> None:
    cell = next(c for c in nb.cells if c.metadata.get("exercise") == exercise_id)
    cell.source = source


def test_parse_verdicts_reads_every_kind_tolerantly():
    text = ("✔ Exercise 1: correct!\n"
            "✘ Exercise 2: not yet. Hint: look again\n"
            "… Exercise 3: waiting for your answer. Edit the exercise cell above\n"
            "✘ Exercise 4: did not compile: cannot find symbol\n"
            "  ✘  Exercise 5 did not finish within 10 s\n"
            "some other line ✔ that names nothing\n")
    v = check.parse_verdicts(text)
    assert {k: x.status for k, x in v.items()} == {
        "Exercise 1": check.DONE, "Exercise 2": check.NOT_YET, "Exercise 3": check.WAITING,
        "Exercise 4": check.NOT_YET, "Exercise 5": check.NOT_YET}
    assert v["Exercise 2"].message == "not yet. Hint: look again"
    assert "did not compile" in v["Exercise 4"].message
    assert check.describe(v["Exercise 2"]) == "not yet. Hint: look again"
    assert check.describe(v["Exercise 4"]) == "not yet: did not compile: cannot find symbol"


def test_one_right_one_wrong_one_untouched_gives_exactly_that(course_kernel, course_jar, tmp_path):
    nb = nbformat.read(CHAPTER, as_version=4)
    answer(nb, "greet", (ROOT / "src/test/notebooks/00-start-here/greet.jsh").read_text())
    answer(nb, "predict", "long predictedMillis = 123;")
    path = tmp_path / "00-start-here.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()
    res = run_check(str(path))
    assert res.returncode == 0, res.stdout + res.stderr
    out = res.stdout
    assert "✔ Exercise 1: done" in out
    assert "✘ Exercise 2: not yet. Hint: " in out
    assert "… Exercise 3: waiting for your answer" in out
    assert "1 of 3 exercises done" in out.splitlines()[-1]
    assert path.read_bytes() == before, "./course check changed the learner's notebook"


def test_corrupted_notebook_is_named_and_the_others_still_checked(course_kernel, course_jar, tmp_path):
    broken = tmp_path / "03-tasks.ipynb"
    broken.write_text(CHAPTER.read_text()[:5000])  # cut off, as by a save that did not finish
    good = tmp_path / "00-start-here.ipynb"
    shutil.copy(CHAPTER, good)
    res = run_check(str(broken), str(good))
    assert res.returncode == 1
    assert "not checked: 03-tasks.ipynb: it is not valid notebook JSON (line" in res.stdout
    assert "0 of 3 exercises done" in res.stdout
    assert res.stdout.splitlines()[-1] == "0 of 3 exercises done"


def test_endless_loop_is_stopped_at_the_limit_and_reported(course_kernel, course_jar, tmp_path):
    nb = nbformat.read(CHAPTER, as_version=4)
    setup_cell = next(i for i, c in enumerate(nb.cells) if "%load course.jsh" in c.source)
    exercise = next(c for c in nb.cells if c.metadata.get("exercise") == "why-that-long")
    check_cell = nb.cells[nb.cells.index(exercise) + 1]
    exercise.source = '// Exercise 3: "A", "B" or "C"\nString whyThatLong = "B";'
    loop = nbformat.v4.new_code_cell("while (true) { }")
    nb.cells = [nb.cells[setup_cell], exercise, loop, check_cell]
    path = tmp_path / "loop.ipynb"
    nbformat.write(nb, path)
    res = run_check("--cell-limit", "10", str(path))
    assert "cell 2 was still running after 10 s (an endless loop?) and was stopped" in res.stdout, res.stdout
    assert "✔ Exercise 3: done" in res.stdout, res.stdout
