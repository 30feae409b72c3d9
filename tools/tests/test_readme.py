"""The README must not lie: its chapter list names every notebook, and its library example runs."""
import re
import subprocess

import course
import jdk

README = (course.ROOT / "README.md").read_text()


def section(title: str) -> str:
    m = re.search(rf"(?ms)^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README)
    assert m, f"README has no section '## {title}'"
    return m.group(1)


def test_chapterList_namesEveryNotebook():
    listed = set(re.findall(r"\(notebooks/([\w-]+\.ipynb)\)", section("Chapters")))
    present = {p.name for p in (course.ROOT / "notebooks").glob("*.ipynb")}
    assert listed == present, f"only in README: {listed - present}; not in README: {present - listed}"


def test_testCommand_isWhatCiRuns():
    assert "./course test" in section("Run the tests")
    ci = (course.ROOT / ".ci" / "run").read_text()
    assert re.search(r"(?m)^\s*\./course test\s*$", ci), ".ci/run must call ./course test"


def test_libraryExample_runsAndPrintsWhatItSays(tmp_path, course_jar):
    blocks = re.findall(r"(?s)```java\n(.*?)```", section("The helper library in brief"))
    assert blocks, "no java example in the library section"
    imports = [ln for ln in (course.ROOT / "notebooks" / "course-helpers.jsh").read_text().splitlines()
               if ln.startswith("import ")]
    script = tmp_path / "example.jsh"
    script.write_text("\n".join(imports + blocks + ["/exit", ""]))
    found = jdk.find_jdk()
    res = subprocess.run([str(found.home / "bin" / "jshell"), "--class-path", str(course_jar), str(script)],
                         capture_output=True, text=True, timeout=120)
    out = res.stdout + res.stderr
    assert res.returncode == 0 and "Error" not in out, out
    # the comments in the README's example say what it prints
    assert "hello\nworld\nPT2S" in out, out
    assert re.search(r"(?m)^Task-2 .*done at 2\.000s$", out), out


def test_underLoadMode_isDocumentedAndRunByCi():
    assert "./course test --under-load" in section("Run the tests")
    ci = (course.ROOT / ".ci" / "run").read_text()
    assert re.search(r"(?m)^\s*\./course test --under-load --passes 1\s*$", ci), ".ci/run must run the notebooks under load once"


def test_browserTest_isDocumentedAndRunByCi():
    assert "./course test --browser" in section("Run the tests")
    ci = (course.ROOT / ".ci" / "run").read_text()
    assert re.search(r"(?m)^\s*\./course test --browser\s*$", ci), ".ci/run must run the browser test"


def test_slowMode_isDocumentedWithWhatItNeedsAndItsBudget_andRunByCi():
    text = " ".join(section("Run the tests").split())
    assert "./course test --slow" in text
    for words in ("root", "writable cgroup", "NORMAL speed", "240 s", "30 s", "--budget-scale"):
        assert words in text, words
    ci = (course.ROOT / ".ci" / "run").read_text()
    assert re.search(r"(?m)^\s*\./course test --slow --passes 1\s*$", ci), ".ci/run must run the notebooks slowed down once"


def test_repeatMode_isDocumented():
    text = " ".join(section("Run the tests").split())
    assert "./course test --repeat" in text and "--under-load" in text and "-Dtest=" in text
    assert "of N runs passed" in text or "runs passed" in text
