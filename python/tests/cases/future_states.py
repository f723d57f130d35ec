# Future states and their errors: result() too early, set twice, exception(), cancel().
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print("done:", f.done(), "cancelled:", f.cancelled())
    for call in (f.result, f.exception):
        try:
            call()
        except asyncio.InvalidStateError as e:
            print("InvalidStateError:", e)
    f.set_exception(ValueError("bad"))
    print("exception:", repr(f.exception()))
    try:
        f.set_result(1)
    except asyncio.InvalidStateError as e:
        print("set_result:", e)
    try:
        await f
    except ValueError as e:
        print("await raised", e)
    g = loop.create_future()
    print("cancel:", g.cancel(), g.cancel(), g.cancelled(), g.done())
    try:
        g.result()
    except asyncio.CancelledError:
        print("result() of a cancelled future raises CancelledError")
    h = asyncio.Future()
    h.set_result(None)
    print("h:", h.result(), h.cancel())
    print(type(f), issubclass(asyncio.Task, asyncio.Future))


asyncio.run(main())
