"""The playground's `asyncpg` (io.md): one table of users on the virtual clock.

`await connect(dsn)` waits 0.05 s and returns a connection; `await
conn.fetch(query)` waits 0.05 s and, for `SELECT * FROM users`
(case-insensitive, surrounding spaces ignored), returns the records of users
1..3 (Alice, Bob, Carol); any other query raises `PostgresSyntaxError` after
the wait.  A record prints (str and repr) as `<Record id=1 name='Alice'>` and
supports `row["name"]` and `row[0]`.  `await conn.close()` returns at once.
"""

import asyncio

QUERY_DELAY = 0.05
_USERS = [(1, "Alice"), (2, "Bob"), (3, "Carol")]
_COLUMNS = ("id", "name")


class PostgresError(Exception):
    """Base of the database's errors."""


class PostgresSyntaxError(PostgresError):
    """A query other than the one the playground knows."""


class Record:
    """A row: indexable by column name or position."""

    def __init__(self, values):
        self._values = tuple(values)

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._values[_COLUMNS.index(key)]
            except ValueError:
                raise KeyError(key) from None
        return self._values[key]

    def __len__(self):
        return len(self._values)

    def __repr__(self):
        fields = " ".join(f"{c}={v!r}" for c, v in zip(_COLUMNS, self._values))
        return f"<Record {fields}>"

    __str__ = __repr__


class Connection:
    async def fetch(self, query, *args):
        await asyncio.sleep(QUERY_DELAY)
        if query.strip().lower() != "select * from users":
            raise PostgresSyntaxError("the playground's database knows only SELECT * FROM users")
        return [Record(user) for user in _USERS]

    async def close(self):
        return None


async def connect(dsn=None, **kwargs):
    await asyncio.sleep(QUERY_DELAY)
    return Connection()
