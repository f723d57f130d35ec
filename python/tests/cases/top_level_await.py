# A notebook cell's top-level await: the module body runs as the task Task-1.
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    return f"{name} after {d}"

print("module runs in", asyncio.current_task().get_name())
t = asyncio.create_task(job("b", 0.5))
print(await job("a", 1))
print(await t)
results = [await job(n, 0.25) for n in "xy"]
print(results, asyncio.get_running_loop().time())
