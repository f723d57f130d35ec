# TimerHandle: when(), cancel(), cancelled().
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    h1 = loop.call_later(0.5, print, "h1 runs")
    h2 = loop.call_later(0.25, print, "h2 never runs")
    h3 = loop.call_soon(print, "h3 never runs")
    print("h1 when:", h1.when(), "h2 when:", h2.when())
    h2.cancel()
    h3.cancel()
    print("cancelled:", h1.cancelled(), h2.cancelled(), h3.cancelled())
    await asyncio.sleep(1)
    h1.cancel()
    print("cancelling after it ran:", h1.cancelled())


asyncio.run(main())
