# enum: a small Enum. Members are instances made when the class is defined
# (by the decorator-free `_EnumMeta` step below, run from __init_subclass__).


class Enum:
    def __init_subclass__(cls, **kwargs):
        members = {}
        for name, value in list(cls.__dict__.items()):
            if name.startswith('_') or callable(value) or isinstance(value, (staticmethod, classmethod, property)):
                continue
            m = object.__new__(cls)
            m._name_ = name
            m._value_ = value
            members[name] = m
            setattr(cls, name, m)
        cls._member_map_ = members

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return f'<{type(self).__name__}.{self._name_}: {self._value_!r}>'

    def __str__(self):
        return f'{type(self).__name__}.{self._name_}'

    def __hash__(self):
        return hash(self._name_)

    def __eq__(self, other):
        return self is other

    def __class_getitem__(cls, name):
        return cls._member_map_[name]


class IntEnum(Enum):
    def __eq__(self, other):
        if isinstance(other, Enum):
            return self is other
        return self._value_ == other

    def __hash__(self):
        return hash(self._value_)


def auto():
    return object()
