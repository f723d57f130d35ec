"""The playground's `aiohttp` (io.md): a client session on the virtual clock.

`ClientSession()` is an async context manager (also `await session.close()`);
`session.get(url)` returns an async context manager whose `__aenter__` waits
0.1 virtual seconds (`await asyncio.sleep(0.1)`, the network) and returns a
response with `.status` (200), `.url` and `async def text()`, which returns at
once.  `https://example.com/N` for N in 1..8 is the text of
`static/example/N.txt` of the repository (the page fetches the same file); any
other URL raises `ClientConnectionError` after the same 0.1 s.
"""

import asyncio
import os

# python/tests/reference/fakes/aiohttp.py -> the repository root.
_ROOT = os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))))
)
NETWORK_DELAY = 0.1
_PAGES = {f"https://example.com/{n}": n for n in range(1, 9)}


class ClientError(Exception):
    """Base of the client's errors, as in aiohttp."""


class ClientConnectionError(ClientError):
    """The URL is not one the playground serves."""


class ClientResponse:
    """A served page: status 200, its URL and its text."""

    def __init__(self, url, body):
        self.status = 200
        self.url = url
        self._body = body

    async def text(self):
        return self._body


def _page_text(url):
    n = _PAGES.get(url)
    if n is None:
        return None
    with open(os.path.join(_ROOT, "static", "example", f"{n}.txt"), encoding="utf-8") as f:
        return f.read()


class _RequestContextManager:
    def __init__(self, url):
        self._url = url

    async def __aenter__(self):
        await asyncio.sleep(NETWORK_DELAY)
        body = _page_text(self._url)
        if body is None:
            raise ClientConnectionError(
                f"only https://example.com/1 ... /8 are served in the playground: {self._url}"
            )
        return ClientResponse(self._url, body)

    async def __aexit__(self, exc_type, exc, tb):
        return None


class ClientSession:
    """A session: `get(url)`; an async context manager; `await close()`."""

    def __init__(self, *args, **kwargs):
        pass

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        return None

    def get(self, url, **kwargs):
        return _RequestContextManager(url)

    async def close(self):
        return None
