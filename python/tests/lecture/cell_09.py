import asyncio

async def set_future_result(fut, delay, result):
    await asyncio.sleep(delay)
    fut.set_result(result)
    print(f"Future с результатом '{result}' завершен")
    await asyncio.sleep(delay)
    print(f"Function с результатом '{result}' завершен")

async def process_futures(futures):
    for future in asyncio.as_completed(futures):
        result = await future
        print(f"Обработан результат: {result}")

async def main():
    fut1 = asyncio.Future()
    fut2 = asyncio.Future()
    fut3 = asyncio.Future()
    print(type(fut1))

    task1 = asyncio.create_task(set_future_result(fut1, 2, "Результат 1"))
    task2 = asyncio.create_task(set_future_result(fut2, 1, "Результат 2"))
    task3 = asyncio.create_task(set_future_result(fut3, 3, "Результат 3"))
    print(type(task1))

    await process_futures([fut1, fut2, fut3])
    await asyncio.gather(task1, task2, task3)

# Запуск программы
asyncio.run(main())
