"""`./course book`: the course as a static website in target/book/ (never committed).

Every chapter is first run top to bottom by the real course kernel, exercises as stored (their checks
read "waiting for your answer", or "not yet" with what starting code that runs did), by the notebook runner (run_notebooks.py --as-stored --save-executed);
a run with an error output or over its budget fails the build, as in `./course test`. The executed
copies go to target/book-executed/. Then nbconvert's HTML export (the `lab` template, extended in
tools/book_template/course/) writes one page per chapter, with the outputs as stored: SVG timelines
inline, progress bars in their final state, the Python twins' <details> folded as in JupyterLab, the
optional "Going further" cells folded in one <details>. Links between chapters point to the pages; an
index.html lists the chapters with the README's one-line summaries. No page loads anything from the
network, so the folder reads offline and from any static host.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "target" / "book"
EXECUTED = ROOT / "target" / "book-executed"
TEMPLATES = Path(__file__).resolve().parent / "book_template"
TITLE = "Asynchronous programming in Java, step by step"

CHAPTER_LINK = re.compile(r"(\]\(\s*(?:\./)?)(\d\d-[\w-]+)\.ipynb(#[^)\s]*)?(\s*\))")
README_ROW = re.compile(r"^\|\s*\[`?(\d\d-[\w-]+)`?\]\([^)]*\)\s*\|\s*(.+?)\s*\|\s*$")


def chapter_title(nb, stem: str) -> str:
    """The notebook's first Markdown heading ("03 · Tasks"), else its file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"(?m)^#\s+(.+)$", cell.source)
            if m:
                return m[1].strip()
    return stem


def readme_summaries(readme: Path = ROOT / "README.md") -> dict[str, str]:
    """Chapter -> its "what you learn" cell of the README's chapter table."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return {}
    return {m[1]: m[2] for m in map(README_ROW.match, text.splitlines()) if m}


def link_pages(nb) -> None:
    """In Markdown cells, a link to another chapter's .ipynb points to its page instead."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = CHAPTER_LINK.sub(lambda m: f"{m[1]}{m[2]}.html{m[3] or ''}{m[4]}", cell.source)


def exporter():
    from nbconvert import HTMLExporter
    return HTMLExporter(template_name="course", extra_template_basedirs=[str(TEMPLATES)])


def render(executed: Path = EXECUTED, site: Path = SITE) -> list[Path]:
    """Writes the site from the executed notebooks in `executed`; returns the pages written."""
    import nbformat
    paths = sorted(executed.glob("*.ipynb"))
    if not paths:
        raise SystemExit(f"[book] ERROR: no executed notebooks in {executed}; run ./course book (it executes them first)")
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    notebooks = [nbformat.read(p, as_version=4) for p in paths]
    chapters = [(p.stem, chapter_title(nb, p.stem)) for p, nb in zip(paths, notebooks)]
    pages, html = [], exporter()
    for i, (path, nb) in enumerate(zip(paths, notebooks)):
        link_pages(nb)
        nav = {"prev": {"href": f"{chapters[i - 1][0]}.html", "title": chapters[i - 1][1]} if i > 0 else None,
               "next": {"href": f"{chapters[i + 1][0]}.html", "title": chapters[i + 1][1]} if i + 1 < len(chapters) else None}
        body, _ = html.from_notebook_node(nb, resources={"metadata": {"name": chapters[i][1]}, "book_nav": nav})
        page = site / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        pages.append(page)
    pages.append(write_index(site, chapters, html))
    return pages


def write_index(site: Path, chapters: list[tuple[str, str]], html) -> Path:
    """index.html: the chapter table, as a one-cell notebook through the same template."""
    import nbformat
    summaries = readme_summaries()
    rows = [f"| [{title}]({stem}.html) | {summaries.get(stem, '')} |" for stem, title in chapters]
    text = "\n".join([
        f"# {TITLE}", "",
        "The course's notebooks as run by the course's Java kernel, with every output: the timelines, the "
        "measurements of this run (your machine's will differ a little) and the exercises still unanswered. "
        "To run the cells and do the exercises, set the course up (see the README) and open the notebooks "
        "in JupyterLab.", "",
        "| chapter | what you learn |", "|---|---|", *rows])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    body, _ = html.from_notebook_node(nb, resources={"metadata": {"name": TITLE}, "book_nav": None})
    page = site / "index.html"
    page.write_text(body, encoding="utf-8")
    return page


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="tools/book.py", description="Render executed notebooks as the course's site")
    p.add_argument("--executed", type=Path, default=EXECUTED, help="folder of executed notebooks")
    p.add_argument("--out", type=Path, default=SITE, help="site folder (default target/book)")
    args = p.parse_args(argv)
    pages = render(args.executed, args.out)
    print(f"[book] {len(pages)} pages in {args.out}: open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
