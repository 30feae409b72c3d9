"""End to end, as a learner: JupyterLab from `./course lab` in Chromium, every notebook Run All.

For every notebook: the kernel shown is the course's and reads Idle before anything runs; after
Run > Run All Cells and the kernel's going idle, no cell before the Exercises shows an error, every
exercise check says it is waiting for an answer (or, for starting code that runs, "not yet" and what it
did), and every timeline is drawn with a nonzero size.
For 00-start-here also: Kernel > Interrupt Kernel stops a long cell and the next cell runs; Kernel >
Restart Kernel and Run All Cells runs it all again. For 02-coroutines also: a loop stepper, stepped three
times with Ctrl+Enter, redraws its drawing in place each time, and a live Python twin, run again, says "identical". Screenshots go to target/browser/.

Needs Chromium (the system's: Playwright's own browser download is not used). Without one it
skips and says how to get one; under CI=true a missing browser fails.
Run it with `./course test --browser`.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

import course

SHOTS = course.ROOT / "target" / "browser"
NOTEBOOKS = sorted(p.name for p in course.NOTEBOOKS.glob("*.ipynb"))
TOKEN = "course-browser-test"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOW_TO_GET_ONE = ("install Chromium (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) "
                  "or set COURSE_CHROMIUM to a Chrome/Chromium executable")


def find_chromium() -> str | None:
    wanted = os.environ.get("COURSE_CHROMIUM")
    if wanted:
        return wanted if os.access(wanted, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    mac = "/Applications/Chromium.app/Contents/MacOS/Chromium"
    return mac if os.access(mac, os.X_OK) else None


def unavailable(why: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser test cannot run under CI: {why}")
    pytest.skip(why)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """`./course lab` on a free port, with its own runtime and user config folders; yields its base URL."""
    if not (course.kernel_dir() / "kernel.json").exists():
        unavailable("the course kernel is missing: run ./course setup first")
    tmp = tmp_path_factory.mktemp("lab")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # The test edits and runs notebooks but must never write them: autosave off in its own settings folder
    settings = tmp / "config" / "lab" / "user-settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTER_CONFIG_DIR=str(tmp / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp / "config" / "lab" / "user-settings"))
    log = open(tmp / "lab.log", "w")
    server = subprocess.Popen([str(course.ROOT / "course"), "lab", "--no-browser", f"--port={port}",
                               f"--IdentityProvider.token={TOKEN}"],
                              cwd=course.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                api(base, "/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not come up: {(tmp / 'lab.log').read_text()[-2000:]}")
                time.sleep(0.5)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def api(base: str, path: str, method: str = "GET"):
    req = urllib.request.Request(f"{base}{path}", method=method, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
    return json.loads(body) if body else None


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed in .venv: run ./course setup")
    executable = find_chromium()
    if not executable:
        unavailable(f"no Chromium found: {HOW_TO_GET_ONE}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable, headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 1000})
        try:
            yield context
        finally:
            context.close()


class Notebook:
    """One notebook open in JupyterLab, driven through menus and the keyboard as a learner would."""

    def __init__(self, context, base: str, name: str):
        self.base, self.name = base, name
        self.page = context.new_page()
        self.page.goto(f"{base}/lab/tree/{name}?reset&token={TOKEN}")
        self.page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=60_000)
        # JupyterLab asks once whether to fetch its news; the toast would cover cells at the bottom
        no_news = self.page.locator(".jp-toast-button", has_text=re.compile("^No$"))
        try:
            no_news.first.click(timeout=5_000)
        except Exception:  # noqa: BLE001 - no toast this time
            pass

    def status_bar(self) -> str:
        return " ".join(self.page.locator(".jp-StatusBar-Widget").all_inner_texts())

    def wait_for_status(self, text: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.status_bar():
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: status bar never showed {text!r}: {self.status_bar()!r}")
            time.sleep(0.5)

    def menu(self, top: str, item: str) -> None:
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).click()
        self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).first.click()

    def kernel(self) -> dict:
        sessions = [s for s in api(self.base, "/api/sessions") if s["path"].endswith(self.name)]
        assert sessions, f"{self.name}: no kernel session"
        return sessions[0]["kernel"]

    def wait_until_idle(self, timeout: float = 240) -> None:
        """Until the kernel has been idle for 3 s and no visible cell prompt shows [*]."""
        deadline, idle_since = time.monotonic() + timeout, None
        while True:
            busy = self.kernel()["execution_state"] != "idle" or self.page.locator(".jp-InputPrompt", has_text="[*]").count() > 0
            now = time.monotonic()
            idle_since = None if busy else (idle_since or now)
            if idle_since and now - idle_since >= 3:
                return
            if now > deadline:
                self.shot("timeout")
                raise AssertionError(f"{self.name}: cells still running after {timeout:.0f} s")
            time.sleep(0.5)

    def cells(self) -> list[dict]:
        """Visits every cell from the top (the notebook draws only cells on screen) and reports each."""
        page = self.page
        page.locator(".jp-NotebookPanel .jp-Cell").first.locator(".jp-InputPrompt, .jp-Cell-inputCollapser").first.click()
        page.keyboard.press("Escape")
        for _ in range(400):  # to the very top
            if page.locator(".jp-Cell.jp-mod-active").first.get_attribute("data-windowed-list-index") in ("0", None):
                break
            page.keyboard.press("k")
        count = int(page.evaluate("() => document.querySelector('.jp-NotebookPanel').querySelectorAll('.jp-Cell').length"))
        seen, report = set(), []
        for _ in range(1000):
            cell = page.locator(".jp-Cell.jp-mod-active").first
            cell.scroll_into_view_if_needed()
            key = cell.get_attribute("data-windowed-list-index") or str(len(report))
            if key in seen:
                break
            seen.add(key)
            classes = cell.get_attribute("class") or ""
            source = cell.locator(".jp-InputArea").first.inner_text() if "jp-CodeCell" in classes else ""
            svgs = cell.locator(".jp-OutputArea-output[data-mime-type='image/svg+xml'] img, .jp-OutputArea-output[data-mime-type='image/svg+xml'] svg")
            boxes = []
            for i in range(svgs.count()):
                svgs.nth(i).scroll_into_view_if_needed()
                boxes.append(svgs.nth(i).bounding_box())
            report.append({
                "code": "jp-CodeCell" in classes,
                "prompt": cell.locator(".jp-InputPrompt").first.inner_text() if "jp-CodeCell" in classes else "",
                "text": cell.inner_text(),
                "errors": cell.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count(),
                "svg_boxes": boxes,
                # a cell that calls show( draws a timeline; an exercise's check may keep its picture for a right answer
                "source_shows": ("show(" in source and "Check.exercise(" not in source) if "jp-CodeCell" in classes else False,
            })
            page.keyboard.press("j")
        assert len(report) >= count, f"{self.name}: visited {len(report)} cells, {count} drawn"
        return report

    def shot(self, what: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{Path(self.name).stem}-{what}.png"))

    def close(self) -> None:
        try:
            kernel = self.kernel()
            api(self.base, f"/api/kernels/{kernel['id']}", method="DELETE")
        except (AssertionError, OSError):
            pass
        self.page.close()


def check_run(nb: Notebook) -> list[dict]:
    cells = nb.cells()
    exercises = next((i for i, c in enumerate(cells) if not c["code"] and re.search(r"(?m)^Exercises\s*$", c["text"])), len(cells))
    for i, c in enumerate(cells):
        if c["code"]:
            assert re.search(r"\[\d+\]", c["prompt"]), f"{nb.name}: cell {i} did not run: prompt {c['prompt']!r}"
        if i < exercises:
            assert c["errors"] == 0, f"{nb.name}: cell {i} shows an error: {c['text'][-600:]}"
            if c["source_shows"]:
                assert c["svg_boxes"], f"{nb.name}: cell {i} draws no timeline"
        for box in c["svg_boxes"]:
            assert box and box["width"] > 0 and box["height"] > 0, f"{nb.name}: cell {i}: timeline of size {box}"
        if i > exercises and "Check.exercise(" in c["text"]:
            assert "waiting for your answer" in c["text"] or ": not yet." in c["text"], f"{nb.name}: cell {i}: {c['text'][-400:]}"
    return cells


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runAllInTheBrowser(name, browser, lab):
    stored = (course.NOTEBOOKS / name).read_bytes()
    nb = Notebook(browser, lab, name)
    try:
        nb.wait_for_status("Idle")  # before any cell ran: the status is known, not "Unknown"
        assert "(async course)" in nb.status_bar(), f"{name}: the kernel shown is not the course's: {nb.status_bar()!r}"
        nb.shot("opened")
        nb.menu("Run", "Run All Cells")
        time.sleep(2)
        nb.wait_until_idle()
        cells = check_run(nb)
        assert sum(len(c["svg_boxes"]) for c in cells) >= sum(c["source_shows"] for c in cells)
        nb.shot("ran")
        if name == "00-start-here.ipynb":
            interrupt_then_restart_and_run_all(nb)
        if name == "02-coroutines.ipynb":
            step_a_stepper(nb)
            run_a_live_twin(nb)
    except BaseException:
        nb.shot("failed")
        raise
    finally:
        nb.close()
        assert (course.NOTEBOOKS / name).read_bytes() == stored, f"{name} was written to disk by the browser test"


def type_into_active_cell(nb: Notebook, code: str) -> None:
    """Types code into the active cell's editor and runs it with Shift+Enter."""
    editor = nb.page.locator(".jp-Cell.jp-mod-active .cm-content").first
    editor.scroll_into_view_if_needed()
    editor.click()
    nb.page.locator(".jp-Cell.jp-mod-active .cm-editor.cm-focused").first.wait_for(timeout=10_000)
    nb.page.keyboard.insert_text(code)
    nb.page.keyboard.press("Shift+Enter")


def type_cell_below(nb: Notebook, code: str) -> None:
    nb.page.keyboard.press("Escape")
    nb.page.keyboard.press("b")  # a new cell below the active one, in command mode
    type_into_active_cell(nb, code)


def step_a_stepper(nb: Notebook) -> None:
    """A loop stepper as a learner uses it: the cell that makes it draws the loop; Ctrl+Enter on a step cell,
    three times, redraws that same drawing each time."""
    page = nb.page
    type_cell_below(nb, 'var probe = stepper(() -> { sleep(Duration.ofSeconds(1)); sleep(Duration.ofSeconds(1)); return "probed"; });')
    maker = page.locator(".jp-CodeCell", has_text="var probe = stepper(").last
    maker.locator(".jp-OutputArea-output", has_text="before the first step").wait_for(timeout=60_000)
    drawings = [maker.locator(".jp-OutputArea-output").first.inner_text()]
    type_into_active_cell(nb, "probe.step()")  # the empty cell Shift+Enter left below; runs step 1
    step_cell = page.locator(".jp-CodeCell", has_text="probe.step()").last
    for n in (1, 2, 3):
        if n > 1:
            step_cell.locator(".jp-InputPrompt").first.click()
            page.keyboard.press("Control+Enter")  # runs the cell and stays on it
        maker.locator(".jp-OutputArea-output", has_text=f"step {n} ·").wait_for(timeout=30_000)
        drawings.append(maker.locator(".jp-OutputArea-output").first.inner_text())
        step_cell.locator(".jp-OutputArea-output", has_text=f"step {n} ·").wait_for(timeout=30_000)
    assert len(set(drawings)) == 4, f"the stepper's drawing did not change at each step: {drawings}"
    assert maker.locator(".jp-OutputArea-output").count() == 1, "each step must redraw the drawing in place, not add one"
    nb.shot("stepped")


def run_a_live_twin(nb: Notebook) -> None:
    """The live Python twin cell, run again with Ctrl+Enter, draws its verdict: identical."""
    page = nb.page
    cell = page.locator(".jp-CodeCell", has_text="var inTurnTwin = twin(").first
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputPrompt").first.click()
    before = cell.locator(".jp-InputPrompt").first.inner_text()
    page.keyboard.press("Control+Enter")
    cell.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).filter(has_not_text=before).wait_for(timeout=60_000)
    verdict = cell.locator(".jp-OutputArea-output", has_text="Python twin, live").first
    verdict.wait_for(timeout=10_000)
    assert "identical" in verdict.inner_text(), verdict.inner_text()
    nb.shot("twin")


def interrupt_then_restart_and_run_all(nb: Notebook) -> None:
    page = nb.page
    type_cell_below(nb, 'run(() -> { sleep(Duration.ofSeconds(120)); return "not interrupted"; });')
    long_cell = page.locator(".jp-CodeCell", has_text="Duration.ofSeconds(120)").last
    long_cell.locator(".jp-InputPrompt", has_text="[*]").wait_for(timeout=30_000)
    time.sleep(2)
    t0 = time.monotonic()
    nb.menu("Kernel", "Interrupt Kernel")
    long_cell.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for(timeout=30_000)
    assert time.monotonic() - t0 < 30
    assert "Evaluation interrupted" in long_cell.inner_text(), long_cell.inner_text()
    # Shift+Enter left a new empty cell below the long one: the next cell
    type_into_active_cell(nb, 'System.out.println(run(() -> { sleep(Duration.ofMillis(10)); return "after the interrupt"; }));')
    next_cell = page.locator(".jp-CodeCell", has_text="after the interrupt").last
    next_cell.locator(".jp-OutputArea-output", has_text="after the interrupt").wait_for(timeout=60_000)
    nb.shot("interrupted")

    nb.menu("Kernel", "Restart Kernel and Run All Cells…")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    time.sleep(3)
    nb.wait_until_idle()
    cells = nb.cells()
    exercises = next(i for i, c in enumerate(cells) if not c["code"] and re.search(r"(?m)^Exercises\s*$", c["text"]))
    assert all(c["errors"] == 0 for c in cells[:exercises]), "Restart Kernel and Run All: errors"
    assert all(re.search(r"\[\d+\]", c["prompt"]) for c in cells[:exercises] if c["code"])
    nb.shot("restarted")
