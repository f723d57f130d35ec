# Not a cell of the lecture: the mistake it warns against, time.sleep in a coroutine.
import asyncio
import time

async def ticker(name, at):
    await asyncio.sleep(at)
    print(f"{name} woke up")

async def blocker():
    print("time.sleep({{block}}): the loop stops")
    time.sleep({{block}})  # blocks the whole event loop
    print("blocker done")

async def chunked(chunks):
    for _ in range(chunks):
        time.sleep({{block}} / chunks)  # a piece of the work
        await asyncio.sleep(0)  # the loop runs the others here
    print("chunked blocker done")

async def main():
    await asyncio.gather(
        {{tickers}}
        blocker(),
    )
    await asyncio.gather(
        {{tickers}}
        chunked({{chunks}}),
    )

asyncio.run(main())
