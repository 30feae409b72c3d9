"""The asyncio programs behind AsyncioVersionTest: each scenario is a small program whose order of
events differs between CPython 3.11 and 3.12 (3.13 prints what 3.12 prints). It prints one line per
scenario, "name: event | event | ...". asyncio-version-orders.txt holds what CPython 3.11.7 and 3.12.1
printed; tools/tests/test_asyncio_versions.py runs this file on the CPythons installed and compares.
Standard library only."""
import asyncio

async def ticker(log, n):
    for i in range(n):
        log.append(f"tick {i}")
        await asyncio.sleep(0)

async def a_wait_for_result(log):
    async def work():
        log.append("work starts, same task as caller: " + str(asyncio.current_task() is caller))
        await asyncio.sleep(0)
        log.append("work ends")
        return 42
    caller = asyncio.current_task()
    t = asyncio.create_task(ticker(log, 5))
    await asyncio.sleep(0)
    log.append("wait_for returned %d" % await asyncio.wait_for(work(), 1))
    await t

async def b_wait_for_timeout(log):
    async def work():
        try:
            await asyncio.sleep(2)
        except asyncio.CancelledError:
            log.append("work cancelled at %.1f" % (loop.time() - t0))
            await asyncio.sleep(0)
            log.append("work cleaned up")
            raise
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async def tick_at_1():
        await asyncio.sleep(1)
        await ticker(log, 4)
    t = asyncio.create_task(tick_at_1())
    try:
        await asyncio.wait_for(work(), 1)
    except TimeoutError:
        log.append("timeout caught")
    await t

async def c_outer_cancel(log):
    loop = asyncio.get_running_loop()
    async def work():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            log.append("work cancelled")
            raise
    async def waiter():
        try:
            await asyncio.wait_for(work(), 10)
        except asyncio.CancelledError:
            log.append("waiter cancelled")
            raise
    w = asyncio.create_task(waiter())
    await asyncio.sleep(1)
    tk = asyncio.create_task(ticker(log, 4))
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        log.append("main saw the cancellation")
    await tk

async def d_gather_done(log):
    async def quick():
        return "q"
    q = asyncio.create_task(quick())
    await q
    t = asyncio.create_task(ticker(log, 3))
    await asyncio.sleep(0)
    log.append("gather " + ", ".join(await asyncio.gather(q)))
    await t

async def e_wait_for_task_timeout(log):
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async def work():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            log.append("task cancelled at %.1f" % (loop.time() - t0))
            raise
    async def tick_at(delay):
        await asyncio.sleep(delay)
        await ticker(log, 4)
    w = asyncio.create_task(work())
    tk = asyncio.create_task(tick_at(0.5))
    try:
        await asyncio.wait_for(w, 0.5)
    except TimeoutError:
        log.append("timeout caught, task cancelled: " + str(w.cancelled()))
    await tk

for f in [a_wait_for_result, b_wait_for_timeout, c_outer_cancel, d_gather_done, e_wait_for_task_timeout]:
    log = []
    asyncio.run(f(log))
    print(f.__name__[2:] + ": " + " | ".join(log))
