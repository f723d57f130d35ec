import asyncpg
import asyncio

async def fetch_users():
    conn = await asyncpg.connect('postgresql://user:password@localhost/mydatabase')
    rows = await conn.fetch("SELECT * FROM users")
    await conn.close()
    for row in rows:
        print(row)

asyncio.run(fetch_users())
