"""tools/book.py: the course's website from executed notebooks (no kernel needed here)."""
import re

import nbformat

import book
import course


def executed_notebook(tmp_path, stem: str, cells) -> None:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    (tmp_path / "executed").mkdir(exist_ok=True)
    nbformat.write(nb, tmp_path / "executed" / f"{stem}.ipynb")


def optional(cell):
    cell.metadata["tags"] = ["optional"]
    return cell


def test_render_links_chapters_folds_the_optional_part_and_loads_nothing_from_the_network(tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    drawn = nbformat.v4.new_code_cell("show(trace);", outputs=[nbformat.v4.new_output(
        "display_data", data={"image/svg+xml": svg, "text/plain": "timeline"})])
    executed_notebook(tmp_path, "00-first", [
        nbformat.v4.new_markdown_cell("# 00 · First\n\nNext: [the second](01-second.ipynb), "
                                      "[its part](./01-second.ipynb#part), [elsewhere](https://example.org/x.ipynb)."),
        drawn,
        optional(nbformat.v4.new_markdown_cell("## Going further")),
        optional(nbformat.v4.new_code_cell("1 + 1")),
        nbformat.v4.new_markdown_cell("## The end")])
    executed_notebook(tmp_path, "01-second", [nbformat.v4.new_markdown_cell("# 01 · Second")])
    pages = book.render(tmp_path / "executed", tmp_path / "site")
    assert sorted(p.name for p in pages) == ["00-first.html", "01-second.html", "index.html"]
    first = (tmp_path / "site" / "00-first.html").read_text()
    assert 'href="01-second.html"' in first and 'href="./01-second.html#part"' in first
    assert 'href="https://example.org/x.ipynb"' in first
    assert first.count('<details class="book-optional">') == 1
    folded = first[first.index('<details class="book-optional">'):first.index("</details>")]
    assert "Going further" in folded and "The end" not in folded
    assert 'class="book-next" href="01-second.html"' in first and "book-prev" not in first.split("</nav>")[0]
    assert "data:image/svg+xml" in first
    for page in pages:
        html = page.read_text()
        assert not re.search(r"<script[^>]+src=", html), f"{page.name} loads a script"
        assert not re.search(r"<link[^>]+href=\"https?:", html), f"{page.name} loads a style sheet from the network"
    index = (tmp_path / "site" / "index.html").read_text()
    assert 'href="00-first.html">00 · First</a>' in index and 'href="01-second.html">01 · Second</a>' in index


def test_readme_summaries_cover_every_chapter():
    summaries = book.readme_summaries()
    assert set(summaries) == {p.stem for p in course.NOTEBOOKS.glob("*.ipynb")}
    assert all(summaries.values())


def test_ci_builds_the_book_before_the_browser_test_reads_it():
    ci = (course.ROOT / ".ci" / "run").read_text().splitlines()
    assert "./course book" in ci and "./course test --browser" in ci
    assert ci.index("./course book") < ci.index("./course test --browser")


def test_runner_as_stored_keeps_the_exercise_and_saves_the_first_pass(tmp_path, course_kernel):
    import subprocess
    import sys
    stub = nbformat.v4.new_code_cell("String answer = \"\";   // change me")
    stub.metadata.update(tags=["exercise"], exercise="no-reference-answer-needed")
    check = nbformat.v4.new_code_cell(
        'Check.exercise("Exercise 1", !answer.isEmpty(), () -> answer.equals("B"), "look again");')
    nb = nbformat.v4.new_notebook(cells=[stub, check])
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    path = tmp_path / "97-stored.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()
    res = subprocess.run([sys.executable, str(course.ROOT / "tools" / "run_notebooks.py"), "--passes", "2",
                          "--as-stored", "--save-executed", str(tmp_path / "out"), str(path)],
                         cwd=course.ROOT, env=course.jupyter_env(), capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    assert path.read_bytes() == before
    saved = nbformat.read(tmp_path / "out" / path.name, as_version=4)
    assert saved.cells[0].source == stub.source
    assert "Exercise 1: waiting for your answer" in saved.cells[1].outputs[0]["text"]
