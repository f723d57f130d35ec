# as_completed with a timeout: the next await raises TimeoutError; the tasks keep running.
import asyncio


async def job(name, d, fail=False):
    await asyncio.sleep(d)
    if fail:
        raise ValueError(name)
    return name


async def main():
    tasks = [asyncio.create_task(job("x", 0.25)), asyncio.create_task(job("y", 0.5, True)), asyncio.create_task(job("z", 2))]
    try:
        for f in asyncio.as_completed(tasks, timeout=1):
            try:
                print("got", await f)
            except ValueError as e:
                print("failed", e)
    except asyncio.TimeoutError:
        print("timed out at", asyncio.get_running_loop().time(), "z done?", tasks[2].done())
    print("z still finishes:", await tasks[2], asyncio.get_running_loop().time())


asyncio.run(main())
