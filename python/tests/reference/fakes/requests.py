"""The playground's `requests` (io.md): importable, but every call raises.

`requests` blocks the thread, hence the event loop, and the playground has no
network; the lecture only imports it to contrast it with `aiohttp`.
"""

MESSAGE = "requests blocks the event loop; the playground has no network"


def _blocked(*args, **kwargs):
    raise RuntimeError(MESSAGE)


def __getattr__(name):
    # Any public name is a callable that raises; dunders stay unknown so that
    # the import machinery and introspection behave.
    if name.startswith("__"):
        raise AttributeError(f"module 'requests' has no attribute '{name}'")
    return _blocked
