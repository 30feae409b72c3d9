//// did not compile: the answer written as a string
String workerPython = """
    async def worker():
        return 'ok'

    async def main():
        w = asyncio.create_task(worker(), name='worker')
        return await w
    """;
char queueWithoutIt = "A";
//// not yet: half-done, the answer given but the Python left as it was
String workerPython = """
    async def worker():
        return 'ok'

    async def main():
        w = asyncio.create_task(worker(), name='worker')
        await asyncio.sleep(0)
        return await w
    """;
char queueWithoutIt = 'A';
//// not yet: the traces differ, but the queue read as if the line were still there
String workerPython = """
    async def worker():
        return 'ok'

    async def main():
        w = asyncio.create_task(worker(), name='worker')
        return await w
    """;
char queueWithoutIt = 'B';
