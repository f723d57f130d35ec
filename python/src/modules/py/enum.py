# enum: Enum, IntEnum, StrEnum, auto and unique, as CPython 3.11 shows them.
# asyncpy has no metaclasses: members are made by __init_subclass__ once the
# class body has run, and the class-level protocols (iteration, len, `in`,
# `Color['RED']`, `repr(Color)`) go through the class hooks the VM knows
# (__class_iter__, __class_len__, __class_contains__, __class_getitem__,
# __class_repr__).


class auto:
    def __repr__(self):
        return 'auto(...)'


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1] != '_' and name[-2] != '_'


def _noop_init(self, *args, **kwargs):
    pass


class Enum:
    _enum_base_ = True

    def __init_subclass__(cls, **kwargs):
        if '_member_map_' in cls.__dict__:
            return
        for base in cls.__mro__[1:]:
            if base.__dict__.get('_member_names_'):
                raise TypeError(f'{cls.__name__}: cannot extend {base!r}')
        names = []
        members = {}
        by_value = []
        last_values = []
        own_init = None
        for base in cls.__mro__:
            if base is object or base.__dict__.get('_enum_base_'):
                break
            if '__init__' in base.__dict__:
                own_init = base.__dict__['__init__']
                break
        for name, value in list(cls.__dict__.items()):
            if _is_dunder(name) or _is_sunder(name) or name.startswith('_' + cls.__name__ + '__'):
                continue
            if callable(value) and not isinstance(value, auto):
                continue
            if isinstance(value, (staticmethod, classmethod, property)):
                continue
            if isinstance(value, auto):
                value = cls._generate_next_value_(name, 1, len(names), last_values[:])
            cls._check_value_(value)
            last_values.append(value)
            alias = None
            for m in by_value:
                if m._value_ == value:
                    alias = m
                    break
            if alias is not None:
                members[name] = alias
                setattr(cls, name, alias)
                continue
            m = object.__new__(cls)
            m._name_ = name
            m._value_ = cls._convert_value_(value)
            if own_init is not None:
                if isinstance(value, tuple):
                    own_init(m, *value)
                else:
                    own_init(m, value)
            names.append(name)
            members[name] = m
            by_value.append(m)
            setattr(cls, name, m)
        cls._member_names_ = names
        cls._member_map_ = members
        if own_init is not None:
            cls.__init__ = _noop_init

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _check_value_(cls, value):
        pass

    @classmethod
    def _convert_value_(cls, value):
        return value

    def __new__(cls, value):
        for name in cls.__dict__.get('_member_names_', ()):
            m = cls._member_map_[name]
            if m._value_ == value:
                return m
        raise ValueError(f'{value!r} is not a valid {cls.__qualname__}')

    @classmethod
    def __class_getitem__(cls, name):
        return cls._member_map_[name]

    @classmethod
    def __class_iter__(cls):
        return iter([cls._member_map_[n] for n in cls.__dict__.get('_member_names_', ())])

    @classmethod
    def __class_len__(cls):
        return len(cls.__dict__.get('_member_names_', ()))

    @classmethod
    def __class_contains__(cls, member):
        return isinstance(member, cls) and member._name_ in cls._member_map_

    @classmethod
    def __class_repr__(cls):
        return f"<enum {cls.__name__!r}>"

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

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)


class _ValueOps:
    # The arithmetic and ordering of the value type (IntEnum is an int in
    # CPython; here its members answer with their value).
    _enum_base_ = True

    def __eq__(self, other):
        if isinstance(other, Enum):
            return self is other
        return self._value_ == other

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self._value_)

    def __lt__(self, other):
        return self._value_ < _plain(other)

    def __le__(self, other):
        return self._value_ <= _plain(other)

    def __gt__(self, other):
        return self._value_ > _plain(other)

    def __ge__(self, other):
        return self._value_ >= _plain(other)

    def __add__(self, other):
        return self._value_ + _plain(other)

    def __radd__(self, other):
        return _plain(other) + self._value_

    def __sub__(self, other):
        return self._value_ - _plain(other)

    def __rsub__(self, other):
        return _plain(other) - self._value_

    def __mul__(self, other):
        return self._value_ * _plain(other)

    def __rmul__(self, other):
        return _plain(other) * self._value_

    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)


def _plain(v):
    return v._value_ if isinstance(v, Enum) else v


class IntEnum(_ValueOps, Enum):
    _enum_base_ = True

    @classmethod
    def _check_value_(cls, value):
        if isinstance(value, tuple) or not isinstance(value, (int, float, str)):
            raise TypeError(f'{value!r} is not a valid int')

    @classmethod
    def _convert_value_(cls, value):
        return int(value)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __truediv__(self, other):
        return self._value_ / _plain(other)

    def __floordiv__(self, other):
        return self._value_ // _plain(other)

    def __mod__(self, other):
        return self._value_ % _plain(other)

    def __bool__(self):
        return bool(self._value_)


class StrEnum(_ValueOps, Enum):
    _enum_base_ = True

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    @classmethod
    def _check_value_(cls, value):
        if not isinstance(value, str):
            raise TypeError(f'{value!r} is not a string')

    def __len__(self):
        return len(self._value_)

    def upper(self):
        return self._value_.upper()

    def lower(self):
        return self._value_.lower()


def unique(enumeration):
    duplicates = []
    for name, member in enumeration._member_map_.items():
        if name != member._name_:
            duplicates.append((name, member._name_))
    if duplicates:
        alias_details = ', '.join(f'{alias} -> {name}' for alias, name in duplicates)
        raise ValueError(f'duplicate values found in {enumeration!r}: {alias_details}')
    return enumeration
