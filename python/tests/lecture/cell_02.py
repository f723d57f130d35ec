import time
import types
import asyncio

# @types.coroutine
# def sleep_generator(seconds):
#     start_time = time.time()
#     while time.time() - start_time < seconds:
#         yield

async def fetch_data(task_name, delay):
    print(f"{task_name}: Начало загрузки данных")
    # await sleep_generator(delay)
    print(f"{task_name}: Данные загружены после {delay} секунд")

async def run_generators():
    await asyncio.gather(
        fetch_data("Задача 1", 4),
        fetch_data("Задача 2", 3)
    )

asyncio.run(run_generators())
