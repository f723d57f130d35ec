# wait_for(shield(task)) times out but the shielded task runs on.
import asyncio


async def important():
    await asyncio.sleep(1)
    print("important work finished at", asyncio.get_running_loop().time())
    return "saved"


async def main():
    task = asyncio.create_task(important())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.5)
    except asyncio.TimeoutError:
        print("timed out at", asyncio.get_running_loop().time(), "task cancelled?", task.cancelled())
    print("result:", await task)


asyncio.run(main())
