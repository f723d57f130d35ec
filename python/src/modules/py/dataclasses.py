# dataclasses: @dataclass builds __init__, __repr__ and __eq__ from the
# class's annotations (in order), with defaults and field(default_factory=).

MISSING = object()


class Field:
    def __init__(self, default, default_factory, init, repr, compare):
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare
        self.name = None


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, compare=True, **kwargs):
    return Field(default, default_factory, init, repr, compare)


def _process(cls, init, repr_, eq, order, frozen):
    annotations = cls.__dict__.get('__annotations__', {})
    fields = []
    for name in annotations:
        value = cls.__dict__.get(name, MISSING)
        if isinstance(value, Field):
            f = value
        else:
            f = Field(value, MISSING, True, True, True)
        f.name = name
        fields.append(f)
        if isinstance(value, Field):
            if f.default is not MISSING:
                setattr(cls, name, f.default)
            else:
                delattr(cls, name)
    cls.__dataclass_fields__ = {f.name: f for f in fields}

    if init:
        def __init__(self, *args, **kwargs):
            init_fields = [f for f in fields if f.init]
            if len(args) > len(init_fields):
                raise TypeError(f"{cls.__name__}.__init__() takes {len(init_fields) + 1} positional arguments but {len(args) + 1} were given")
            for i, f in enumerate(init_fields):
                if i < len(args):
                    value = args[i]
                elif f.name in kwargs:
                    value = kwargs.pop(f.name)
                elif f.default is not MISSING:
                    value = f.default
                elif f.default_factory is not MISSING:
                    value = f.default_factory()
                else:
                    raise TypeError(f"{cls.__name__}.__init__() missing 1 required positional argument: '{f.name}'")
                object.__setattr__(self, f.name, value)
            for f in fields:
                if not f.init:
                    if f.default_factory is not MISSING:
                        object.__setattr__(self, f.name, f.default_factory())
                    elif f.default is not MISSING:
                        object.__setattr__(self, f.name, f.default)
            if kwargs:
                raise TypeError(f"{cls.__name__}.__init__() got an unexpected keyword argument '{next(iter(kwargs))}'")
            post = getattr(self, '__post_init__', None)
            if post is not None:
                post()
        cls.__init__ = __init__

    if repr_ and '__repr__' not in cls.__dict__:
        def __repr__(self):
            inner = ', '.join(f'{f.name}={getattr(self, f.name)!r}' for f in fields if f.repr)
            return f'{type(self).__qualname__}({inner})'
        cls.__repr__ = __repr__

    if eq and '__eq__' not in cls.__dict__:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return tuple(getattr(self, f.name) for f in fields if f.compare) == \
                    tuple(getattr(other, f.name) for f in fields if f.compare)
            return NotImplemented
        cls.__eq__ = __eq__
        if not frozen:
            cls.__hash__ = None

    if order:
        def _key(self):
            return tuple(getattr(self, f.name) for f in fields if f.compare)

        def __lt__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) < _key(other)
            return NotImplemented

        def __le__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) <= _key(other)
            return NotImplemented

        def __gt__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) > _key(other)
            return NotImplemented

        def __ge__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) >= _key(other)
            return NotImplemented
        cls.__lt__ = __lt__
        cls.__le__ = __le__
        cls.__gt__ = __gt__
        cls.__ge__ = __ge__

    if frozen:
        def __setattr__(self, name, value):
            raise FrozenInstanceError(f"cannot assign to field '{name}'")
        cls.__setattr__ = __setattr__
        if eq:
            def __hash__(self):
                return hash(tuple(getattr(self, f.name) for f in fields if f.compare))
            cls.__hash__ = __hash__
    return cls


class FrozenInstanceError(AttributeError):
    pass


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False, **kwargs):
    def wrap(cls):
        return _process(cls, init, repr, eq, order, frozen)
    if cls is None:
        return wrap
    return wrap(cls)


def asdict(obj):
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def astuple(obj):
    return tuple(getattr(obj, name) for name in obj.__dataclass_fields__)


def fields(obj):
    return tuple(obj.__dataclass_fields__.values())
