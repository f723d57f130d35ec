# Not a cell of the lecture: gather when a task raises, both ways.
import asyncio

async def work(name, delay, fails):
    await asyncio.sleep(delay)
    if fails:
        print(f"Task {name} raised ValueError")
        raise ValueError(f"{name} failed")
    print(f"Task {name} finished")
    return f"{name} ok"

def tasks():
    return [
        {{tasks}}
    ]

async def main():
    try:
        await asyncio.gather(*tasks())
    except ValueError as e:
        print(f"gather raised {e!r}")
    await asyncio.sleep({{longest}})  # the other tasks go on meanwhile

    results = await asyncio.gather(*tasks(), return_exceptions=True)
    print(results)

asyncio.run(main())
