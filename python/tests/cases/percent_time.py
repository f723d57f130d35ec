%%time
# IPython's %%time: after the program, CPU times and the wall time on the virtual clock.
import asyncio


async def main():
    await asyncio.gather(asyncio.sleep(1), asyncio.sleep(0.1))
    print("slept")

asyncio.run(main())
