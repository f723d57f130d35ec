# Timeouts inside a TaskGroup's tasks are handled by the tasks themselves.
import asyncio


async def patient(name, d, limit):
    try:
        async with asyncio.timeout(limit):
            await asyncio.sleep(d)
        return f"{name} ok"
    except TimeoutError:
        return f"{name} timed out at {asyncio.get_running_loop().time()}"


async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(patient(f"p{i}", d, 0.5)) for i, d in enumerate([0.25, 0.5, 1])]
    print([t.result() for t in tasks])


asyncio.run(main())
