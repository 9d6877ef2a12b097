"""Which data a computation read, so that a preview rebuild redoes only what a change can affect.

While `mkdocs serve` runs, the adapter turns recording on (`enable`). From then on, every read
of a record's field made inside `recording()` is noted as a key `(file, key path, field)`: the
data file and the place in it the record was read from (`Record.origin`) and the field's name.
A rebuild compares, key by key, what the previous data and the new data hold there
(`fingerprint`); a page whose keys all hold the same values renders the same Markdown.

What keeps this sound:
- a field's value is compared *shallowly*: a record inside it counts by where it was read from,
  and its own fields are keys of their own when they are read; a list counts by its items;
- whatever is computed once and shared (the model's indexes, `Site.once`) remembers the keys
  its computation read and adds them to every later reader (`derived_property`, `remember`);
- a record used whole (compared, hashed, dumped, printed) is a key for all of its content;
- a record that was not read from a file (no origin) never counts as unchanged.
When recording is off (a normal build, `make check`), nothing is noted and the cost is one
check of a flag in the shared indexes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar, overload

from macros.model.base import Record

Key = tuple[str, tuple[object, ...], str]
"""A read: (data file, key path of the record in it, field name; "*" for the whole record)."""

WHOLE = "*"
"""The field name of a key that stands for all of a record's content."""

T = TypeVar("T")

_stack: list[set[Key]] = []
"""The open recordings, innermost last; keys go to the innermost and, when it closes, to the next."""

_enabled = False


def enabled() -> bool:
    """Whether reads are being recorded in this process."""
    return _enabled


def enable() -> None:
    """Record reads from now on in this process (the preview server does this once, at start)."""
    global _enabled
    if _enabled:
        return
    _enabled = True
    Record.__getattribute__ = _tracked_getattribute  # type: ignore[method-assign,assignment]
    Record.__eq__ = _tracked_eq  # type: ignore[method-assign,assignment]
    Record.__iter__ = _tracked_iter  # type: ignore[method-assign,assignment]
    Record.__repr__ = _tracked_repr  # type: ignore[method-assign,assignment]
    for cls in _record_classes():
        own = cls.__dict__.get("__hash__")
        if own is not None:  # pydantic gives every frozen model class a hash of its own
            _hashes[cls] = own
            cls.__hash__ = _tracked_hash(own)  # type: ignore[method-assign,assignment]


def disable() -> None:
    """Stop recording (tests); records behave exactly as before `enable`."""
    global _enabled
    if not _enabled:
        return
    _enabled = False
    for name in ("__getattribute__", "__eq__", "__iter__", "__repr__"):
        delattr(Record, name)
    for cls, own in _hashes.items():
        cls.__hash__ = own  # type: ignore[method-assign,assignment]
    _hashes.clear()


_hashes: dict[type, Callable[[Any], int]] = {}
"""The record classes' own hash functions while recording replaces them."""


def _record_classes() -> list[type[Record]]:
    """Record and every class below it."""
    found, todo = [], [Record]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


@contextlib.contextmanager
def recording() -> Iterator[set[Key]]:
    """Collect the keys read inside the block; when it ends they count for the enclosing recording too."""
    keys: set[Key] = set()
    _stack.append(keys)
    try:
        yield keys
    finally:
        _stack.pop()
        if _stack:
            _stack[-1].update(keys)


@contextlib.contextmanager
def unrecorded() -> Iterator[None]:
    """Reads inside the block count for no recording: for records the block makes itself, whose
    validators read the fields they were just given (not data; what the values came from is recorded
    where they were computed)."""
    _stack.append(set())
    try:
        yield
    finally:
        _stack.pop()


def note(keys: set[Key] | frozenset[Key]) -> None:
    """Count `keys` as read by the current recording (if any)."""
    if _stack:
        _stack[-1].update(keys)


UNKNOWN: Key = ("", ("ingen källa",), WHOLE)
"""The key of a read whose source is not known; it never counts as unchanged."""


# --------------------------------------------------------------------------- records


def _origin(record: Record) -> tuple[str, tuple[object, ...]]:
    private = object.__getattribute__(record, "__pydantic_private__") or {}
    return private.get("_file", ""), tuple(private.get("_path", ()))


_WHOLE_RECORD_NAMES = frozenset({"__dict__", "model_dump", "model_dump_json", "model_copy", "__getstate__"})


def _tracked_getattribute(self: Record, name: str) -> Any:
    value = object.__getattribute__(self, name)
    if _stack:
        if name in type(self).__pydantic_fields__:
            _stack[-1].add((*_origin(self), name))
        elif name in _WHOLE_RECORD_NAMES:
            _stack[-1].add((*_origin(self), WHOLE))
    return value


def _note_whole(*values: object) -> None:
    if _stack:
        for value in values:
            if isinstance(value, Record):
                _stack[-1].add((*_origin(value), WHOLE))


def _tracked_eq(self: Record, other: object) -> Any:
    _note_whole(self, other)
    return super(Record, self).__eq__(other)  # NotImplemented stays NotImplemented


def _tracked_hash(own: Callable[[Any], int]) -> Callable[[Any], int]:
    def hashed(self: Record) -> int:
        _note_whole(self)
        return own(self)

    return hashed


def _tracked_iter(self: Record) -> Any:
    _note_whole(self)
    return super(Record, self).__iter__()


def _tracked_repr(self: Record) -> str:
    _note_whole(self)
    return super(Record, self).__repr__()


# --------------------------------------------------------------------------- shared values


@dataclass(frozen=True)
class Remembered(Generic[T]):
    """A value computed once and shared, with the keys its computation read (None: not recorded)."""

    value: T
    keys: frozenset[Key] | None


def remember(compute: Callable[[], T]) -> Remembered[T]:
    """Compute a shared value, noting what it read when recording is on."""
    if not _enabled:
        return Remembered(compute(), None)
    with recording() as keys:
        value = compute()
    return Remembered(value, frozenset(keys))


def recall(remembered: Remembered[T]) -> T:
    """The shared value; its reads count for the current recording."""
    if _stack:
        _stack[-1].update(remembered.keys if remembered.keys is not None else {UNKNOWN})
    return remembered.value


K = TypeVar("K")


class RememberedTable(Generic[K, T]):
    """Values computed per key on first use, each remembering what its own computation read.

    For lookup tables built from several lists (by kind and id): a reader of one kind's table
    depends on that list only, not on every list the table could have been built from.
    """

    def __init__(self, compute: Mapping[K, Callable[[], T]]) -> None:
        self._compute = compute
        self._done: dict[K, Remembered[T]] = {}

    def __getitem__(self, key: K) -> T:
        remembered = self._done.get(key)
        if remembered is None:
            remembered = self._done[key] = remember(self._compute[key])
        return recall(remembered)


class derived_property(Generic[T]):
    """`functools.cached_property` that also remembers what the computation read (see `remember`).

    A data descriptor, so that every access passes through it and adds the remembered keys to
    the reader's recording; the value is computed once per instance, as with cached_property.
    """

    def __init__(self, function: Callable[[Any], T]) -> None:
        self.function = function
        self.__doc__ = function.__doc__
        self.slot = f"_derived_{function.__name__}"

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_derived_{name}"

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> derived_property[T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> T | derived_property[T]:
        if instance is None:
            return self
        cache = instance.__dict__
        remembered: Remembered[T] | None = cache.get(self.slot)
        if remembered is None:
            remembered = remember(lambda: self.function(instance))
            cache[self.slot] = remembered
        return recall(remembered)

    def __set__(self, instance: object, value: object) -> None:
        raise AttributeError("ett härlett värde går inte att ändra")


# --------------------------------------------------------------------------- comparing data


class _Never:
    """A value equal to nothing, not even itself: what a read without a known source compares as."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


_MISSING = ("saknas",)

_ATOMS = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time, Decimal, enum.Enum)


def shallow(value: object) -> object:
    """A value as a read compares it: records inside it by their origin, everything else by value."""
    if isinstance(value, Record):
        file, path = _origin(value)
        return ("post", type(value).__name__, file, path) if file else _Never()
    if isinstance(value, _ATOMS):
        return (type(value).__name__, value)
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(shallow(item) for item in value))
    if isinstance(value, Mapping):
        return ("dict", tuple((shallow(k), shallow(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return ("set", frozenset(shallow(item) for item in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = tuple((f.name, shallow(getattr(value, f.name))) for f in dataclasses.fields(value))
        return (type(value).__qualname__, fields)
    return _Never()


def deep(value: object) -> object:
    """A value with all of its content, records included (for a record used whole)."""
    if isinstance(value, Record):
        fields = object.__getattribute__(value, "__dict__")
        return ("post", type(value).__name__, _origin(value), tuple((k, deep(v)) for k, v in fields.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(deep(item) for item in value))
    if isinstance(value, Mapping):
        return ("dict", tuple((deep(k), deep(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return ("set", frozenset(deep(item) for item in value))
    return shallow(value)


def records_by_origin(roots: list[object]) -> dict[tuple[str, tuple[object, ...]], Record]:
    """Every record below `roots` that was read from a file, by (file, key path)."""
    found: dict[tuple[str, tuple[object, ...]], Record] = {}

    def visit(value: object) -> None:
        if isinstance(value, Record):
            origin = _origin(value)
            if origin[0]:
                found.setdefault(origin, value)
            for item in object.__getattribute__(value, "__dict__").values():
                visit(item)
        elif isinstance(value, list | tuple):
            for item in value:
                visit(item)
        elif isinstance(value, Mapping):
            for item in value.values():
                visit(item)

    for root in roots:
        visit(root)
    return found


def fingerprint(records: Mapping[tuple[str, tuple[object, ...]], Record], key: Key) -> object:
    """What the data holds at `key`, as a read of it compares (unknown sources never compare equal)."""
    file, path, name = key
    if not file:
        return _Never()
    record = records.get((file, path))
    if record is None:
        return _MISSING
    if name == WHOLE:
        return deep(record)
    fields = object.__getattribute__(record, "__dict__")
    return shallow(fields[name]) if name in fields else _MISSING
