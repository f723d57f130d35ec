# The playground's asyncpg (see /work/briefs/io.md): one table of users on
# the interpreter's clock.

import asyncio

QUERY_DELAY = 0.05
_USERS = [(1, "Alice"), (2, "Bob"), (3, "Carol")]
_COLUMNS = ("id", "name")


class Record:
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

    def __iter__(self):
        return iter(self._values)

    def __repr__(self):
        fields = " ".join(f"{c}={v!r}" for c, v in zip(_COLUMNS, self._values))
        return f"<Record {fields}>"

    __str__ = __repr__

    def get(self, key, default=None):
        try:
            return self[key]
        except (KeyError, IndexError):
            return default

    def keys(self):
        return iter(_COLUMNS)

    def values(self):
        return iter(self._values)

    def items(self):
        return iter(zip(_COLUMNS, self._values))


class Connection:
    async def fetch(self, query, *args):
        if _host_mode():
            # The page runs the query: one row per line, columns by tabs.
            try:
                text = await _io('query', query)
            except RuntimeError as e:
                raise PostgresSyntaxError(str(e)) from None
            rows = []
            for line in text.splitlines():
                if line:
                    cells = line.split('\t')
                    rows.append(Record([int(cells[0])] + cells[1:]))
            return rows
        await asyncio.sleep(QUERY_DELAY)
        if query.strip().lower() != "select * from users":
            raise PostgresSyntaxError("the playground's database knows only SELECT * FROM users")
        return [Record(user) for user in _USERS]

    async def close(self):
        return None


async def connect(dsn=None, **kwargs):
    if _host_mode():
        await _io('connect', dsn or '')
        return Connection()
    await asyncio.sleep(QUERY_DELAY)
    return Connection()
