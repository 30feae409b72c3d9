"""notebooks/asyncio_twin.py: asyncio's own loop on a virtual clock, traced as the course's Java loop traces."""
import subprocess
import sys
import time
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
sys.path.insert(0, str(NOTEBOOKS))

import asyncio_twin  # noqa: E402


def trace(source: str) -> list[str]:
    report = asyncio_twin.trace_program(source)
    assert report["error"] is None, report["error"]
    return report["trace"]


def test_trace_sleep_isTheJavaFormat_onAVirtualClock():
    t0 = time.monotonic()
    lines = trace("async def main():\n    await asyncio.sleep(100)\n    return 1\n")
    assert time.monotonic() - t0 < 5, "a 100 s sleep takes no real time"
    assert lines == ["0.000 main CREATED", "0.000 main RUNNING", "0.000 main WAITING sleep 100.000s",
                     "100.000 main RUNNING", "100.000 main DONE"]


def test_trace_tasks_unnamedNumberedInCreationOrder_namedAfterCreationKeepTheirName():
    lines = trace("async def main():\n"
                  "    a = asyncio.create_task(asyncio.sleep(1), name='a')\n"
                  "    b = asyncio.create_task(asyncio.sleep(2))\n"
                  "    await a\n    await b\n")
    assert lines[:5] == ["0.000 main CREATED", "0.000 main RUNNING", "0.000 a CREATED", "0.000 Task-1 CREATED",
                         "0.000 main WAITING task a"]
    assert "1.000 main WAITING task Task-1" in lines


def test_trace_sleepZero_gatherAndWaitFor_namedAsInJava():
    lines = trace("async def main():\n"
                  "    await asyncio.sleep(0)\n"
                  "    await asyncio.gather(asyncio.create_task(asyncio.sleep(1)))\n"
                  "    try:\n        await asyncio.wait_for(asyncio.sleep(3), 1)\n"
                  "    except TimeoutError:\n        pass\n")
    waits = [line.split(" WAITING ")[1] for line in lines if line.startswith(("0.000 main WAITING", "1.000 main WAITING", "2.000 main WAITING"))]
    assert waits == ["sleep 0.000s", "gather(1)", "waitFor Task-2", "cancelling Task-2"]


def test_trace_cancelledBeforeItRan_hasNoRunningStep_failureHasNoDetail():
    lines = trace("async def boom():\n    raise ValueError('x')\n\n"
                  "async def main():\n"
                  "    t = asyncio.create_task(asyncio.sleep(1), name='t')\n"
                  "    t.cancel()\n"
                  "    f = asyncio.create_task(boom(), name='f')\n"
                  "    await asyncio.sleep(0)\n")
    assert [line for line in lines if line.split()[1] == "t"] == ["0.000 t CREATED", "0.000 t CANCELLED"]
    assert "0.000 f FAILED" in lines


def test_trace_leftoverTasks_areCancelledAsAsyncioRunDoes_withoutItsOwnCleanUpTasks():
    lines = trace("async def main():\n    asyncio.create_task(asyncio.sleep(5), name='left')\n    await asyncio.sleep(0)\n")
    assert lines[-2:] == ["0.000 left RUNNING", "0.000 left CANCELLED"]


def test_traceProgram_badPrograms_sayWhyWithoutAStackTrace():
    assert "async def main()" in asyncio_twin.trace_program("x = 1\n")["error"]
    assert asyncio_twin.trace_program("def main(:\n")["error"].startswith("File \"<python twin>\"")
    forever = asyncio_twin.trace_program("async def main():\n    await asyncio.Event().wait()\n")
    assert "waits forever" in forever["error"]


def test_main_printsTaggedLines_andWhatTheProgramPrinted():
    out = subprocess.run([sys.executable, str(NOTEBOOKS / "asyncio_twin.py")], input="async def main():\n    print('hi')\n",
                         capture_output=True, text=True, timeout=60, check=True).stdout.splitlines()
    assert out[0].startswith("V 3.")
    assert out[1:] == ["T 0.000 main CREATED", "T 0.000 main RUNNING", "T 0.000 main DONE", "O hi"]
