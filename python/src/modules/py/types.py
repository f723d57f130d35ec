# The types module: the types of builtin objects, and SimpleNamespace.
# `coroutine` is native (it marks a generator function as awaitable).


def _f():
    pass


async def _c():
    pass


def _g():
    yield


async def _ag():
    yield


FunctionType = type(_f)
LambdaType = FunctionType
GeneratorType = type(_g())
_co = _c()
CoroutineType = type(_co)
_co.close()
del _co
AsyncGeneratorType = type(_ag())
BuiltinFunctionType = type(len)
BuiltinMethodType = BuiltinFunctionType
MethodType = type(object().__init__.__call__) if False else None
ModuleType = type(__import__('sys'))
NoneType = type(None)
NotImplementedType = type(NotImplemented)
EllipsisType = type(...)


class _C:
    def m(self):
        pass


MethodType = type(_C().m)
del _C


class SimpleNamespace:
    def __init__(self, /, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __repr__(self):
        items = (f"{k}={v!r}" for k, v in self.__dict__.items())
        return "{}({})".format(type(self).__name__, ", ".join(items))

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


SimpleNamespace.__module__ = 'types'


def new_class(name, bases=(), kwds=None, exec_body=None):
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    return type(name, tuple(bases), ns)
