# gather returns results in argument order; the tasks finish in completion order.
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished at {asyncio.get_running_loop().time()}")
    return name.upper()


async def main():
    results = await asyncio.gather(job("slow", 1.5), job("fast", 0.1), job("mid", 0.5), job("zero", 0))
    print("results:", results)
    same = asyncio.create_task(job("twice", 0.25))
    print("same task twice:", await asyncio.gather(same, same))
    print("empty gather:", await asyncio.gather())


asyncio.run(main())
