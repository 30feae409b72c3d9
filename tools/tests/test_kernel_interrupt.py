"""Interrupting a cell in the real course kernel (JJava over jupyter_client).

JJava ends an interrupted cell at once (it cancels the cell's future and replies), while run()
is still cancelling tasks on the cell's old thread. These tests check what the learner gets
afterwards: the next run() says how the interrupted one ended and what its clean-up printed, and
a coroutine that never awaits (which no one can stop) makes the next run() fail with a message
saying what to do, instead of hanging.
"""
from __future__ import annotations

import os
import queue
import time

import pytest

import course

SETUP = "%classpath ../target/async-course.jar\n%load course.jsh"
# The interrupt comes INTERRUPT_AFTER seconds into a cell that would sleep SLEEP seconds (or spin
# for ever): "ends at once" means long before the sleep would have ended, a ceiling set by that
# physical time, not by how fast this machine's CPU is.
INTERRUPT_AFTER = 1.5
SLEEP = 30
NEXT_RUN = 'System.out.println(run(() -> { sleep(Duration.ofMillis(10)); return "async ok"; }));'


class Kernel:
    def __init__(self):
        from jupyter_client.manager import KernelManager
        self.km = KernelManager(kernel_name=course.KERNEL_NAME)
        self.km.start_kernel(cwd=str(course.NOTEBOOKS), env=course.jupyter_env())
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=90)

    def execute(self, code: str, timeout: float = 60, interrupt_after: float | None = None) -> dict:
        """Runs a cell; the outcome: status ('ok', 'error' or 'hung'), stdout, stderr, errors, seconds."""
        msg_id = self.kc.execute(code)
        t0 = time.monotonic()
        out, err, errors = [], [], []
        interrupted = False
        while True:
            if interrupt_after is not None and not interrupted and time.monotonic() - t0 >= interrupt_after:
                self.km.interrupt_kernel()
                interrupted = True
            if time.monotonic() - t0 > timeout:
                return dict(status="hung", stdout="".join(out), stderr="".join(err), errors=errors, seconds=timeout)
            try:
                m = self.kc.get_iopub_msg(timeout=0.1)
            except queue.Empty:
                continue
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = m["msg_type"], m["content"]
            if kind == "stream":
                (out if content["name"] == "stdout" else err).append(content["text"])
            elif kind == "error":
                errors.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "status" and content["execution_state"] == "idle":
                break
        while True:
            reply = self.kc.get_shell_msg(timeout=10)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        return dict(status=reply["content"]["status"], stdout="".join(out), stderr="".join(err),
                    errors=errors, seconds=time.monotonic() - t0)

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


@pytest.fixture
def kernel(course_kernel, course_jar):
    pytest.importorskip("jupyter_client")
    k = Kernel()
    try:
        r = k.execute(SETUP, timeout=90)
        assert r["status"] == "ok", r
        yield k
    finally:
        k.stop()


def test_interrupt_cleanupOutputAndOutcome_reachTheNextRun(kernel):
    r = kernel.execute('run(() -> { try { sleep(Duration.ofSeconds(%d)); } finally { System.out.println("cleaned up"); } return null; });' % SLEEP,
                       timeout=SLEEP * 2 / 3, interrupt_after=INTERRUPT_AFTER)
    assert r["status"] == "error" and INTERRUPT_AFTER <= r["seconds"] < SLEEP / 3, r
    time.sleep(1)  # the learner reads the error before running the next cell
    r = kernel.execute(NEXT_RUN, timeout=30)
    assert r["status"] == "ok", r
    assert "(note: the run() interrupted earlier ended" in r["stdout"], r
    assert "CancellationException" in r["stdout"], r
    assert "its clean-up printed:)\ncleaned up\n" in r["stdout"], r
    assert r["stdout"].endswith("async ok\n"), r
    r = kernel.execute(NEXT_RUN, timeout=30)
    assert r["stdout"] == "async ok\n", "reported once only: " + repr(r)


def test_interrupt_ofACoroutineThatNeverAwaits_nextRunGoesAheadAndSaysHowToStopIt(kernel):
    r = kernel.execute("run(() -> { while (true) { Math.sqrt(2); } });", timeout=SLEEP * 2 / 3,
                       interrupt_after=INTERRUPT_AFTER)
    assert r["status"] == "error" and INTERRUPT_AFTER <= r["seconds"] < SLEEP / 3, r
    r = kernel.execute(NEXT_RUN, timeout=SLEEP)
    # the course kernel runs coroutines on continuations: the stuck run holds only its own driver
    # thread, so the next run goes ahead (a run that waited for the stuck one would never end: it
    # would be "hung" after the timeout), and says what still runs and how to stop it
    assert r["status"] == "ok", r
    message = " ".join(r["errors"]) + r["stdout"]
    assert "task 'main' has not reached an await" in message, r
    assert "Restart the kernel" in message, r
    assert r["stdout"].endswith("async ok\n"), r
