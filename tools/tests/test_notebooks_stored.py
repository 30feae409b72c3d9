"""Every notebook is stored as the course's house style asks, before anything runs."""
import json
import re
from pathlib import Path

import nbformat
import pytest

import run_notebooks

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_thereAreNotebooks():
    assert NOTEBOOKS, "notebooks/ has no .ipynb files"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_storedWithoutOutputsAndWithTheHouseSections(path):
    assert run_notebooks.stored_problems(nbformat.read(path, as_version=4), path.name) == []
    nb = json.loads(path.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    setup = "".join(code[0]["source"])
    assert "%classpath ../target/async-course.jar" in setup and "%load course.jsh" in setup, \
        "the first code cell must be the shared setup cell"
    headings = [line for c in nb["cells"] if c["cell_type"] == "markdown"
                for line in "".join(c["source"]).splitlines() if line.startswith("#")]
    assert any(h.startswith("# ") for h in headings), "a title"
    assert any("Summary" in h for h in headings), "a Summary section"
    assert any("Exercises" in h for h in headings), "an Exercises section"
    assert path.name[:2].isdigit() and path.name[2] == "-", "name notebooks NN-topic.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_storedAsNbformat45WithCellIds(path):
    """JupyterLab upgrades older notebooks on opening, so they would open already modified."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert run_notebooks.format_problems(raw, path.name) == []


def test_formatProblems_olderFormatMissingAndDuplicateIds_areReported():
    old = {"nbformat": 4, "nbformat_minor": 4, "cells": [{"cell_type": "code", "source": ""}]}
    problems = run_notebooks.format_problems(old, "x.ipynb")
    assert any("nbformat 4.4" in p for p in problems) and any("cell(s) [0] have no valid id" in p for p in problems)
    twins = {"nbformat": 4, "nbformat_minor": 5, "cells": [{"id": "a"}, {"id": "a"}, {"id": "not valid!"}]}
    problems = run_notebooks.format_problems(twins, "x.ipynb")
    assert any("duplicate cell id(s) ['a']" in p for p in problems) and any("[2]" in p for p in problems)
    fresh = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1"), nbformat.v4.new_markdown_cell("a")])
    assert run_notebooks.format_problems(json.loads(nbformat.writes(fresh)), "x.ipynb") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_timingChecksUseFloorsAndCeilingsNotWindows(path):
    """The timing rule: a floor physics guarantees (Check.atLeast) and a ceiling with margin
    (Check.atMost); a window around the expected figure (Check.near) fails on a busy machine."""
    nb = nbformat.read(path, as_version=4)
    windows = [i for i, c in enumerate(nb.cells)
               if c.cell_type == "code" and re.search(r"Check\.(quietly\(\)\.)?near\(", c.source)]
    assert windows == [], f"cells {windows} check a time window with Check.near"


SHOWS_SOMETHING = re.compile(r"System\.out\.print|\bshow\(|\bdisplay\(|^Check\.(that|equal|near|atMost|atLeast)\(", re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_quietChecksLeaveTheCellSomethingToShow(path):
    """Check.quietly() prints nothing when its claim holds, so the output must speak instead:
    a cell that checks quietly also prints a result, shows a picture, or keeps a check printed."""
    nb = nbformat.read(path, as_version=4)
    silent = [c.id for c in nb.cells
              if c.cell_type == "code" and "Check.quietly()." in c.source and not SHOWS_SOMETHING.search(c.source)]
    assert silent == [], f"cells {silent} check quietly and show nothing when the checks hold"
