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
    {{futures}}

    {{tasks}}

    await process_futures([{{names}}])
    await asyncio.gather({{task_names}})

asyncio.run(main())
