# The playground's aiohttp: example.com/1..8 are served after 0.1 s; other URLs fail.
import asyncio
import aiohttp


async def fetch(session, url):
    async with session.get(url) as response:
        text = await response.text()
        print(url, response.status, response.url == url, len(text) > 0, asyncio.get_running_loop().time())
        return text


async def main():
    async with aiohttp.ClientSession() as session:
        texts = await asyncio.gather(*(fetch(session, f"https://example.com/{n}") for n in (1, 8)))
        print(type(texts[0]).__name__)
        try:
            await fetch(session, "https://example.org/")
        except aiohttp.ClientConnectionError as e:
            print(type(e).__name__, e, isinstance(e, aiohttp.ClientError))
    session = aiohttp.ClientSession()
    await session.close()
    print("closed at", asyncio.get_running_loop().time())


asyncio.run(main())
