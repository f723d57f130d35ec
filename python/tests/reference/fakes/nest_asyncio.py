"""The playground's `nest_asyncio` (io.md): `apply()` does nothing.

The lecture's notebook calls `nest_asyncio.apply()` so that `asyncio.run` works
inside Jupyter's running loop; a script has no such loop, so nothing is needed.
"""


def apply(loop=None):
    """Accepted and ignored."""
    return None
