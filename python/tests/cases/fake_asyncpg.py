# The playground's asyncpg: one users table; records print as <Record id=1 name='Alice'>.
import asyncio
import asyncpg


async def main():
    conn = await asyncpg.connect("postgresql://user:password@localhost/mydatabase")
    print("connected at", asyncio.get_running_loop().time())
    rows = await conn.fetch("  select * from USERS ")
    print(rows)
    print(rows[0]["name"], rows[1][0], str(rows[2]))
    try:
        await conn.fetch("SELECT name FROM users")
    except asyncpg.PostgresSyntaxError as e:
        print(type(e).__name__, e, asyncio.get_running_loop().time())
    await conn.close()


asyncio.run(main())
