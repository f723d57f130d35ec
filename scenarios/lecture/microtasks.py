# Not a cell of the lecture: where the browser's order meets asyncio's.
import asyncio

async def spawned():
    print("2. spawned task: runs once main yields")

async def main():
    loop = asyncio.get_running_loop()
    print("1. synchronous code starts")
    # JS: setTimeout(f, {{delay}})
    loop.call_later({{delay}}, print, "4. setTimeout / call_later: a timer, a later turn")
    # JS: calling an async function
    task = asyncio.create_task(spawned())
    # JS: Promise.resolve().then(f)
    loop.call_soon(print, "3. Promise.then / call_soon: after the running code")
    print("1b. synchronous code ends")
    await task
    await asyncio.sleep({{delay}})

asyncio.run(main())
