import asyncio
issubclass(asyncio.tasks.Task, asyncio.futures.Future)
