# The asyncio workload of `make bench` (issue 14): 100,000 tasks gathered,
# each sleeping and then putting into a Queue that main drains.
import asyncio

N = 100_000


async def worker(i, queue):
    await asyncio.sleep(i % 100 / 1000)
    await queue.put(i)


async def main():
    queue = asyncio.Queue()
    await asyncio.gather(*(worker(i, queue) for i in range(N)))
    total = 0
    while not queue.empty():
        total += queue.get_nowait()
    print(f"{N} tasks, total {total}")


asyncio.run(main())
