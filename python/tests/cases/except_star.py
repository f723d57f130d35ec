# except* splits an ExceptionGroup; unmatched parts propagate; nested groups keep their shape.
def raise_group():
    raise ExceptionGroup("outer", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3), KeyError(4)])])


try:
    try:
        raise_group()
    except* ValueError as eg:
        print("ValueError part:", repr(eg))
    except* TypeError as eg:
        print("TypeError part:", repr(eg))
except ExceptionGroup as rest:
    print("left over:", repr(rest), rest.message)

try:
    raise ExceptionGroup("single", [OSError("disk")])
except* OSError as eg:
    print("matched", eg.exceptions, len(eg.exceptions))

eg = ExceptionGroup("m", [ValueError("a"), KeyError("b")])
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.subgroup(lambda e: isinstance(e, KeyError))))
try:
    raise ExceptionGroup("bad", [1])
except TypeError as e:
    print("TypeError:", e)
