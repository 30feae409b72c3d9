"""What the chapters must teach where they first need it (issue: teaching polish for 00, 02, 03, 04, 06)."""
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]


def cells(stem: str):
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4).cells


def index(cs, needle: str) -> int:
    hits = [i for i, c in enumerate(cs) if needle in c.source]
    assert hits, f"no cell contains {needle!r}"
    return hits[0]


def test_start_definesAsynchronousBeforeAnyCode():
    cs = cells("00-start-here")
    first_code = next(i for i, c in enumerate(cs) if c.cell_type == "code")
    assert index(cs, 'What "asynchronous" means') < first_code


@pytest.mark.parametrize("stem, topic", [
    ("00-start-here", "lambdas and `var`"),
    ("02-coroutines", "the one-element array"),
    ("03-tasks", "checked exceptions"),
    ("06-when-things-go-wrong", "try-with-resources is `async with`"),
])
def test_javaForPythonistasBox_whereTheIdeaFirstAppears(stem, topic):
    cs = cells(stem)
    assert any(c.cell_type == "markdown" and f"Java for Pythonistas: {topic}" in c.source for c in cs)


@pytest.mark.parametrize("stem, code", [
    ("00-start-here", "Duration acrossStatements"),      # JShell compiles each statement: a timing pitfall
    ("02-coroutines", "Ljdk/internal/javac/PreviewFeature"),  # reading class files for preview APIs
])
def test_detailsLiveInAnAppendixAfterTheExercises(stem, code):
    cs = cells(stem)
    appendix = index(cs, "## Appendix")
    assert index(cs, "## Exercises") < appendix < index(cs, code)


@pytest.mark.parametrize("stem, never_fails", [
    ("02-coroutines", "Future.class.isAssignableFrom(CompletableFuture.class)"),
    ("02-coroutines", "virtualThreadRan"),
    ("04-gather-and-fib", "11 * 12 / 2 == 66"),
])
def test_checksThatCannotFailAreGone(stem, never_fails):
    assert not any(never_fails in c.source for c in cells(stem))


def test_whenThingsGoWrong_showsThatCancellationIsCooperative():
    cs = cells("06-when-things-go-wrong")
    demo = cs[index(cs, "var cooperative = runTraced(")]
    assert "callLater(Duration.ofMillis(100)" in demo.source
    assert "Check.atLeast(" in demo.source or "Check.quietly().atLeast(" in demo.source
    assert index(cs, "Cancellation is cooperative") < index(cs, "var cooperative")
