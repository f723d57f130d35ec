# Not a cell of the lecture: asyncio.wait_for, where its waiting strategies end.
import asyncio

async def slow_operation():
    print("Task started")
    try:
        await asyncio.sleep({{delay}})
    except asyncio.CancelledError:
        print("Task cancelled")
        raise
    print("Task done after {{delay}} s")
    return "Task result"

async def main():
    try:
        result = await asyncio.wait_for(slow_operation(), timeout={{timeout}})
        print(result)
    except TimeoutError:
        print("TimeoutError after {{timeout}} s")

asyncio.run(main())
