"""Every notebook is stored as the course's house style asks, before anything runs."""
import json
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
