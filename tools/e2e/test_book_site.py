"""The course's website (`./course book`, target/book/) read in Chromium, from the folder (file://, offline).

The index lists every chapter and its links open them; three chapters are opened from it and
checked: every timeline outside the folded optional part is drawn with a nonzero size (and the
folded ones too once opened), no error output shows before the Exercises, every exercise's check
reads "waiting for your answer" (or, for starting code that runs, "not yet" and what it did), and the Contents / previous / next links lead to the right pages.

Needs the built site (CI runs ./course book before this) and Chromium, as test_browser.py.
"""
from __future__ import annotations

import os
import re

import pytest

import course
from test_browser import CHROMIUM_FLAGS, find_chromium, unavailable

SITE = course.ROOT / "target" / "book"
CHAPTERS = sorted(p.stem for p in course.NOTEBOOKS.glob("*.ipynb"))
OPENED = ["02-coroutines", "03-tasks", "04-gather-and-fib"]  # chapters with timelines in core and optional parts


@pytest.fixture(scope="module")
def page():
    if not (SITE / "index.html").exists():
        why = "the course's site is not built: run ./course book first"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed in .venv: run ./course setup")
    executable = find_chromium()
    if not executable:
        unavailable("no Chromium found")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            # offline: any request that leaves the folder fails the page
            page.route(re.compile(r"^https?://"), lambda route: route.abort())
            yield page
        finally:
            browser.close()


def test_book_index_lists_every_chapter_and_its_links_open_them(page):
    page.goto((SITE / "index.html").as_uri())
    links = page.locator("table a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == [f"{stem}.html" for stem in CHAPTERS]
    for i, stem in enumerate(CHAPTERS):
        page.goto((SITE / "index.html").as_uri())
        title = page.locator("table a").nth(i).inner_text()
        page.locator("table a").nth(i).click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/{stem}.html")
        assert page.locator("h1").first.inner_text().strip().startswith(title.strip()[:10]), stem


def drawn(img) -> bool:
    box = img.bounding_box()
    return bool(box and box["width"] > 0 and box["height"] > 0 and img.evaluate("i => i.naturalWidth > 0"))


@pytest.mark.parametrize("stem", OPENED)
def test_book_chapter_shows_timelines_no_errors_and_waiting_exercises(page, stem):
    page.goto((SITE / "index.html").as_uri())
    page.locator(f"table a[href='{stem}.html']").click()
    page.wait_for_load_state()
    timelines = page.locator("[data-mime-type='image/svg+xml'] img:visible")
    assert timelines.count() > 0, f"{stem}: no timeline shown"
    assert all(drawn(timelines.nth(i)) for i in range(timelines.count())), f"{stem}: a timeline is not drawn"
    folded = page.locator("details.book-optional")
    for i in range(folded.count()):
        folded.nth(i).locator(":scope > summary").click()
    every = page.locator("[data-mime-type='image/svg+xml'] img")
    assert all(drawn(every.nth(i)) for i in range(every.count())), f"{stem}: a folded timeline is not drawn"

    cells = page.locator(".jp-Cell")
    texts = [cells.nth(i).inner_text() for i in range(cells.count())]
    exercises = next(i for i, t in enumerate(texts) if re.search(r"(?m)^\s*Exercises\s*$", t))
    errors = [i for i in range(exercises)
              if cells.nth(i).locator("[data-mime-type='application/vnd.jupyter.stderr']").count()]
    assert not errors, f"{stem}: error output in cell(s) {errors} before the Exercises"
    checks = [t for t in texts[exercises:] if re.search(r"Exercise \d+: (waiting|not yet|correct)", t)]
    unanswered = [t for t in checks if "waiting for your answer" in t or ": not yet." in t]
    assert checks and unanswered == checks, f"{stem}: an exercise's check does not read as unanswered"


def test_book_previous_and_next_links_walk_the_chapters(page):
    page.goto((SITE / f"{CHAPTERS[0]}.html").as_uri())
    for stem in CHAPTERS[1:]:
        page.locator("nav.book-nav a.book-next").first.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/{stem}.html")
    assert page.locator("nav.book-nav a.book-next").count() == 0
    page.locator("nav.book-nav a.book-prev").first.click()
    assert page.url.endswith(f"/{CHAPTERS[-2]}.html")
    page.locator("nav.book-nav a.book-index").first.click()
    assert page.url.endswith("/index.html")
