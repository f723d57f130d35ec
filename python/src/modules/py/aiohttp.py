# The playground's aiohttp (see /work/briefs/io.md): a client session on the
# interpreter's clock. `session.get(url)` waits 0.1 s (the network), then
# serves https://example.com/N (N in 1..8) with the text of
# static/example/N.txt; any other URL is a ClientConnectionError.

import asyncio

NETWORK_DELAY = 0.1
_PAGES = {f"https://example.com/{n}": n for n in range(1, 9)}


class ClientError(Exception):
    pass


class ClientConnectionError(ClientError):
    pass


class ClientResponse:
    def __init__(self, url, body):
        self.status = 200
        self.url = url
        self._body = body

    async def text(self):
        return self._body

    async def json(self):
        raise ValueError("the example pages are not JSON")

    def raise_for_status(self):
        return None


class _RequestContextManager:
    def __init__(self, url):
        self._url = url

    async def __aenter__(self):
        if _host_mode():
            # The page fetches the URL itself (its own static/example/N.txt).
            try:
                body = await _io('fetch', self._url)
            except RuntimeError as e:
                raise ClientConnectionError(str(e)) from None
            return ClientResponse(self._url, body)
        await asyncio.sleep(NETWORK_DELAY)
        n = _PAGES.get(self._url)
        if n is None:
            raise ClientConnectionError(
                f"only https://example.com/1 ... /8 are served in the playground: {self._url}"
            )
        return ClientResponse(self._url, _page_text(n))

    async def __aexit__(self, exc_type, exc, tb):
        return None

    def __await__(self):
        return self.__aenter__().__await__()


class ClientSession:
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


ClientError.__module__ = 'aiohttp.client_exceptions'
ClientConnectionError.__module__ = 'aiohttp.client_exceptions'
