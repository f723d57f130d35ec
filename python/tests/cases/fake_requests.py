# The playground's requests: importable, but any call raises RuntimeError; nest_asyncio does nothing.
import nest_asyncio
import requests

print("apply:", nest_asyncio.apply())
try:
    requests.get("https://example.com/1")
except RuntimeError as e:
    print("RuntimeError:", e)
requests.post("https://example.com/2", data={})
