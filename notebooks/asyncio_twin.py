"""Runs an asyncio program on a virtual clock and traces its tasks in the course's format.

The Java notebooks call it (asynccourse.twin.LiveTwin) to put a demo's Python twin next to the Java
version: both traced on virtual clocks, line by line. Run it as

    python asyncio_twin.py < program.py

where the program defines `async def main()`; it prints one line per item, tagged: "V 3.11.7" (the
Python version), "T 0.000 main RUNNING" (a trace line; "T 0.000 main WAITING sleep 1.000s", ...),
"O hello" (a line the program printed), "E ValueError: ..." (why the program could not run; none if
main ran, even if it failed: the trace shows how it ended).

The loop is asyncio's own (SelectorEventLoop, so its iteration order is CPython's), with two
changes: its clock is virtual (when nothing is ready, the wait for the next timer takes no real
time: the clock jumps to it) and its tasks are asyncio's pure-Python Task with a hook on each step
that records what the task did, as the course's Java loop records it:
  CREATED, RUNNING (a step starts), WAITING <what it awaits> (the step ended at an await),
  DONE / FAILED / CANCELLED (the step ended the task).
Tasks created without a name are numbered Task-1, Task-2, ... in creation order, as the Java loop
numbers them (asyncio's own counter also counts tasks named after creation).
A task cancelled before it ever ran has no RUNNING step, as in the Java loop.
"""
from __future__ import annotations

import asyncio
import asyncio.tasks
import contextlib
import inspect
import io
import platform
import selectors
import sys
import traceback

__all__ = ["run", "trace_program", "VirtualLoop", "WaitsForever"]

_PyTask = asyncio.tasks._PyTask  # the pure-Python Task: its step can be hooked
_HOOKABLE = hasattr(_PyTask, "_Task__step")


_UNNAMED = "\0unnamed"


class _Tracer:
    def __init__(self, loop: "VirtualLoop"):
        self.loop = loop
        self.on = True
        self.events: list[tuple[float, object, str, str, object]] = []
        self.created: list = []

    def record(self, task, kind: str, detail: str = "", about=None) -> None:
        if self.on:
            self.events.append((self.loop.time(), task, kind, detail, about))

    def lines(self) -> list[str]:
        """The events as text; names are read now (asyncio.create_task names a task after making it)."""
        numbers, n = {}, 0
        for task in self.created:
            if task.get_name() == _UNNAMED:
                n += 1
                numbers[task] = f"Task-{n}"
        name = lambda task: numbers.get(task) or task.get_name()  # noqa: E731
        out = []
        for t, task, kind, detail, about in self.events:
            line = f"{t:.3f} {name(task)} {kind}"
            if about is not None:
                detail = detail.format(name(about))
            out.append(f"{line} {detail}" if detail else line)
        return out


def _awaiting(task) -> tuple[str, object]:
    """What a suspended task waits on, named as the Java loop names it: a text, and the task whose
    name fills its {} (names are read at the end), or None."""
    chain = []
    c = task.get_coro()
    while c is not None:
        code = getattr(c, "cr_code", None) or getattr(c, "gi_code", None)
        if code is None:
            break
        chain.append((code.co_name, getattr(c, "cr_frame", None) or getattr(c, "gi_frame", None)))
        c = getattr(c, "cr_await", None) or getattr(c, "gi_yieldfrom", None)
    for name, frame in reversed(chain):  # the innermost library coroutine says the most
        local = frame.f_locals if frame is not None else {}
        if name == "__sleep0":
            return "sleep 0.000s", None
        if name == "sleep" and isinstance(local.get("delay"), (int, float)):
            return f"sleep {local['delay']:.3f}s", None
        if name == "_cancel_and_wait" and isinstance(local.get("fut"), _PyTask):
            return "cancelling {}", local["fut"]
        if name == "wait_for" and isinstance(local.get("fut"), _PyTask):
            return "waitFor {}", local["fut"]
        if name == "__aexit__" and isinstance(local.get("self"), asyncio.TaskGroup):
            return f"taskgroup({len(local['self']._tasks)})", None
    waiter = task._fut_waiter
    if isinstance(waiter, _PyTask):
        return "task {}", waiter
    if type(waiter).__name__ == "_GatheringFuture":
        return f"gather({len(waiter._children)})", None
    return "future", None


class _TracedTask(_PyTask):
    """asyncio's pure-Python Task, recording each step."""

    def __init__(self, coro, *, loop, name=None, context=None):
        super().__init__(coro, loop=loop, name=_UNNAMED if name is None else name, context=context)
        if loop.tracer.on:
            loop.tracer.created.append(self)
        loop.tracer.record(self, "CREATED")

    def _Task__step(self, exc=None):
        tracer = self._loop.tracer
        if not self.done():
            coro = self.get_coro()
            never_ran = inspect.iscoroutine(coro) and inspect.getcoroutinestate(coro) == inspect.CORO_CREATED
            if not (never_ran and (self._must_cancel or exc is not None)):
                tracer.record(self, "RUNNING")
        super()._Task__step(exc)
        if self.done():
            if self.cancelled():
                tracer.record(self, "CANCELLED")
            elif self.exception() is not None:
                tracer.record(self, "FAILED")
            else:
                tracer.record(self, "DONE")
        else:
            tracer.record(self, "WAITING", *_awaiting(self))


class WaitsForever(RuntimeError):
    """Nothing is ready and no timer is set: on a virtual clock, nothing can ever happen again."""


class _VirtualSelector(selectors.DefaultSelector):
    """Answers at once: what is ready now, else (nothing ready) it moves the virtual clock by the timeout."""

    def __init__(self):
        super().__init__()
        self.loop: VirtualLoop | None = None

    def select(self, timeout=None):
        ready = super().select(0)
        if ready or timeout == 0:
            return ready
        if timeout is None:
            raise WaitsForever("the program waits forever: no task is ready and no timer is set")
        self.loop.now += timeout
        return []


class VirtualLoop(asyncio.SelectorEventLoop):
    """asyncio's selector loop on a virtual clock, making traced tasks."""

    def __init__(self):
        selector = _VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        self.now = 0.0
        self.tracer = _Tracer(self)

    def time(self) -> float:
        return self.now

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        task = _TracedTask(coro, loop=self, name=name, context=context)
        if task._source_traceback:
            del task._source_traceback[-1]
        return task


def run(main) -> tuple[object, list[str]]:
    """Runs main() like asyncio.run, on a VirtualLoop, as a task named 'main'; returns (result or
    exception, trace lines). Like asyncio.run, it then cancels the tasks still pending."""
    loop = VirtualLoop()
    try:
        asyncio.set_event_loop(loop)
        task = loop.create_task(main(), name="main")
        try:
            outcome = loop.run_until_complete(task)
        except WaitsForever:
            for t in asyncio.all_tasks(loop):
                t._log_destroy_pending = False  # they can never run: no warning about each
            raise
        except BaseException as e:  # noqa: BLE001 - the trace shows how main ended
            outcome = e
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for t in pending:
            t.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.tracer.on = False  # asyncio.run's own clean-up tasks are not the program's
        loop.run_until_complete(loop.shutdown_asyncgens())
        return outcome, loop.tracer.lines()
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def trace_program(source: str) -> dict:
    """Runs a program's text (it defines `async def main()`): the Python version, the trace, what
    it printed, and an error (None unless the program could not run)."""
    out = io.StringIO()
    report = {"python": platform.python_version(), "trace": [], "output": "", "error": None}
    namespace = {"__name__": "__twin__", "asyncio": asyncio}
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(source, "<python twin>", "exec"), namespace)
            if not callable(namespace.get("main")):
                raise ValueError("the Python side must define `async def main()`")
            if not _HOOKABLE:
                raise RuntimeError(f"this Python's asyncio ({platform.python_version()}) has no Task step the tracer"
                                   " can follow (the twin tracer was written for CPython 3.11)")
            _, report["trace"] = run(namespace["main"])
    except Exception as e:  # noqa: BLE001 - reported as text, without a stack trace
        report["error"] = "".join(traceback.format_exception_only(type(e), e)).strip()
    report["output"] = out.getvalue()
    return report


def main() -> None:
    report = trace_program(sys.stdin.read())
    lines = [f"V {report['python']}"] + [f"T {t}" for t in report["trace"]]
    lines += [f"O {o}" for o in report["output"].splitlines()]
    lines += [f"E {e}" for e in (report["error"] or "").splitlines()]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
