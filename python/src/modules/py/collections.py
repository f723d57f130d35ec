# collections: deque and defaultdict are native; OrderedDict, Counter and
# namedtuple are Python. A namedtuple here is a class with tuple behaviour
# (indexing, unpacking, equality with tuples, its repr) but not a subclass
# of tuple.

OrderedDict = dict


class Counter:
    def __init__(self, iterable=None, /, **kwds):
        self._d = {}
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def __getitem__(self, key):
        return self._d.get(key, 0)

    def __setitem__(self, key, value):
        self._d[key] = value

    def __delitem__(self, key):
        if key in self._d:
            del self._d[key]

    def __contains__(self, key):
        return key in self._d

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)

    def __eq__(self, other):
        if isinstance(other, Counter):
            return self._d == other._d
        return self._d == other

    def keys(self):
        return self._d.keys()

    def values(self):
        return self._d.values()

    def items(self):
        return self._d.items()

    def get(self, key, default=None):
        return self._d.get(key, default)

    def pop(self, key, *default):
        return self._d.pop(key, *default)

    def total(self):
        return sum(self._d.values())

    def most_common(self, n=None):
        items = sorted(self._d.items(), key=lambda kv: kv[1], reverse=True)
        if n is None:
            return items
        return items[:n]

    def elements(self):
        for k, v in self._d.items():
            for _ in range(v):
                yield k

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if hasattr(iterable, 'items'):
                for k, v in iterable.items():
                    self._d[k] = self._d.get(k, 0) + v
            else:
                for elem in iterable:
                    self._d[elem] = self._d.get(elem, 0) + 1
        for k, v in kwds.items():
            self._d[k] = self._d.get(k, 0) + v

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if hasattr(iterable, 'items'):
                for k, v in iterable.items():
                    self._d[k] = self._d.get(k, 0) - v
            else:
                for elem in iterable:
                    self._d[elem] = self._d.get(elem, 0) - 1
        for k, v in kwds.items():
            self._d[k] = self._d.get(k, 0) - v

    def copy(self):
        return Counter(self._d)

    def __add__(self, other):
        result = Counter()
        for k in list(self._d) + [k for k in other._d if k not in self._d]:
            v = self[k] + other[k]
            if v > 0:
                result[k] = v
        return result

    def __sub__(self, other):
        result = Counter()
        for k in self._d:
            v = self[k] - other[k]
            if v > 0:
                result[k] = v
        return result

    def __repr__(self):
        if not self._d:
            return 'Counter()'
        items = ', '.join(f'{k!r}: {v!r}' for k, v in self.most_common())
        return f'Counter({{{items}}})'


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = tuple(map(str, field_names))
    nfields = len(field_names)
    defaults = tuple(defaults) if defaults is not None else ()
    if len(defaults) > nfields:
        raise TypeError('Got more default values than field names')

    def __init__(self, *args, **kwargs):
        values = list(args)
        if len(values) > nfields:
            raise TypeError(f'{typename}.__new__() takes {nfields + 1} positional arguments but {len(values) + 1} were given')
        for name in field_names[len(values):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            else:
                i = field_names.index(name) - (nfields - len(defaults))
                if i >= 0:
                    values.append(defaults[i])
                else:
                    missing = [n for n in field_names[len(values):] if n not in kwargs]
                    raise TypeError(f"{typename}.__new__() missing {len(missing)} required positional argument{'s' if len(missing) > 1 else ''}: " + ', '.join(repr(m) for m in missing))
        if kwargs:
            raise TypeError(f"{typename}.__new__() got an unexpected keyword argument {next(iter(kwargs))!r}")
        object.__setattr__(self, '_values', tuple(values))

    def __getattr__(self, name):
        try:
            return self._values[field_names.index(name)]
        except ValueError:
            raise AttributeError(f"'{typename}' object has no attribute '{name}'") from None

    def __setattr__(self, name, value):
        raise AttributeError("can't set attribute")

    def __getitem__(self, i):
        return self._values[i]

    def __len__(self):
        return nfields

    def __iter__(self):
        return iter(self._values)

    def __eq__(self, other):
        if hasattr(other, '_values'):
            return self._values == other._values
        return self._values == other

    def __lt__(self, other):
        o = other._values if hasattr(other, '_values') else other
        return self._values < o

    def __hash__(self):
        return hash(self._values)

    def __repr__(self):
        inner = ', '.join(f'{n}={v!r}' for n, v in zip(field_names, self._values))
        return f'{typename}({inner})'

    def _asdict(self):
        return dict(zip(field_names, self._values))

    def _replace(self, **kwargs):
        values = [kwargs.pop(n, v) for n, v in zip(field_names, self._values)]
        if kwargs:
            raise ValueError(f'Got unexpected field names: {list(kwargs)!r}')
        return cls(*values)

    ns = {
        '__init__': __init__, '__getattr__': __getattr__, '__setattr__': __setattr__,
        '__getitem__': __getitem__, '__len__': __len__, '__iter__': __iter__,
        '__eq__': __eq__, '__lt__': __lt__, '__hash__': __hash__, '__repr__': __repr__,
        '_asdict': _asdict, '_replace': _replace, '_fields': field_names,
        '_field_defaults': dict(zip(field_names[nfields - len(defaults):], defaults)),
        '__module__': module or '__main__',
    }
    cls = type(typename, (object,), ns)

    def _make(iterable):
        return cls(*iterable)
    cls._make = staticmethod(_make)
    return cls


class ChainMap:
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __getitem__(self, key):
        for m in self.maps:
            if key in m:
                return m[key]
        raise KeyError(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __setitem__(self, key, value):
        self.maps[0][key] = value
