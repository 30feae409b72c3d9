String workerPython = """
    async def worker():
        return 'ok'

    async def main():
        w = asyncio.create_task(worker(), name='worker')
        return await w
    """;
char queueWithoutIt = 'A';
