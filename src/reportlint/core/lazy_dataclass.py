"""``dataclasses.dataclass`` whose ``__repr__``, ``__eq__`` and ``__hash__`` are made on first use.

A ``reportlint check`` creates a hundred dataclasses before it reads a byte of the
report. The standard decorator writes the source of every generated method and
compiles it with ``exec``: about 0.35 ms a class, some 35 ms of a 190 ms cold check,
most of it for ``__repr__`` and ``__eq__`` — which a check calls on a handful of
classes, if any. :func:`dataclass` is the standard decorator with those two (and the
``__hash__`` that follows from ``eq``) left out, and stand-ins in their place that
build the real method the first time it is called and put it on the class. Fields,
``__init__``, defaults, ``frozen``, ``slots``, ``kw_only``, ``__match_args__``,
``dataclasses.fields``/``replace``/``asdict`` and pickling are the standard
decorator's own work, untouched.

The methods made are those of ``dataclasses`` (CPython 3.11–3.13), behaviour for behaviour:

* ``__repr__``: ``QualName(a=1, b='x')`` over the fields with ``repr=True``; a
  recursive reference shows as ``...``;
* ``__eq__``: the tuples of the fields with ``compare=True`` compared, when the other
  object is of exactly the same class, else ``NotImplemented``;
* ``__hash__``: with ``eq`` and not frozen, the class is unhashable (``__hash__ =
  None``); frozen with ``eq``, the hash of the tuple of the fields with ``hash=True``
  (or ``hash=None`` and ``compare=True``); a ``__hash__`` the class defines itself is
  kept — the table of ``dataclasses._hash_action`` for ``unsafe_hash=False``.

A method the class defines itself is never replaced. ``order=True`` or
``unsafe_hash=True`` go to the standard decorator unchanged (nothing here uses them
on a start-up path). The one visible difference: ``__dataclass_params__`` says
``repr=False, eq=False``; nothing reads it but ``dataclasses`` itself, for
``frozen`` (which is passed on). ``tests/core/test_lazy_dataclass.py`` compares both
decorators class by class.
"""

from __future__ import annotations

import abc
import dataclasses
import reprlib
import sys
import types
import typing
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T", bound=type)


def _field_names(cls: type, wanted: Callable[[dataclasses.Field], bool]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if wanted(f))


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    """The tuple of ``names``' values of an object (what the generated methods compare or hash)."""
    if len(names) >= 2:
        return attrgetter(*names)  # a tuple, in C
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _make_repr(owner: type) -> Callable[[Any], str]:
    names = _field_names(owner, lambda f: f.repr)

    @reprlib.recursive_repr()  # the guard dataclasses puts on its __repr__: '...' on recursion
    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


def _make_eq(owner: type) -> Callable[[Any, Any], Any]:
    key = _key(_field_names(owner, lambda f: f.compare))

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _make_hash(owner: type) -> Callable[[Any], int]:
    key = _key(_field_names(owner, lambda f: f.compare if f.hash is None else f.hash))

    def __hash__(self) -> int:
        return hash(key(self))

    return __hash__


def _stand_in(owner: type, name: str, make: Callable[[type], Callable]) -> Callable:
    """A method that makes the real one for ``owner``, puts it on the class and calls it."""

    def method(self, *args):
        real = make(owner)
        real.__qualname__ = f"{owner.__qualname__}.{name}"
        setattr(owner, name, real)
        return real(self, *args)

    method.__name__ = name
    method.__qualname__ = f"{owner.__qualname__}.{name}"
    return method


def _has_explicit_hash(cls: type) -> bool:
    # As dataclasses: a class that defines __eq__ gets __hash__ = None from Python itself,
    # which does not count as a hash of its own.
    class_hash = cls.__dict__.get("__hash__", dataclasses.MISSING)
    return not (class_hash is dataclasses.MISSING or (class_hash is None and "__eq__" in cls.__dict__))


def _process(cls: type, repr: bool, eq: bool, frozen: bool, kwargs: dict[str, Any]) -> type:
    if kwargs.get("order") or kwargs.get("unsafe_hash"):
        return dataclasses.dataclass(cls, repr=repr, eq=eq, frozen=frozen, **kwargs)
    own_repr = "__repr__" in cls.__dict__
    own_eq = "__eq__" in cls.__dict__
    explicit_hash = _has_explicit_hash(cls)
    stored_init = kwargs.get("init", True) and _init_can_be_stored(cls, kwargs)
    if stored_init:
        kwargs = {**kwargs, "init": False}
    # Frozen without dataclasses' exec'd __setattr__/__delattr__ (written below), where
    # the class's __init__ is ours (it sets fields through object.__setattr__) and no
    # base says otherwise: a frozen base needs frozen subclasses, which dataclasses checks.
    own_frozen = frozen and stored_init and _frozen_can_be_own(cls)
    documented = bool(cls.__doc__)
    if stored_init and not documented:
        # dataclasses would write a docstring from the signature of the __init__ it has
        # not got yet (object's, read by parsing its text signature: milliseconds for a
        # dozen classes); it is written below from the real one.
        cls.__doc__ = "-"
    fast = _fields_without_decorator(cls, kwargs) if stored_init and (own_frozen or not frozen) else None
    if fast is None:
        cls = dataclasses.dataclass(cls, repr=False, eq=False, frozen=frozen and not own_frozen, **kwargs)
    if own_frozen:
        _make_frozen(cls)
    if stored_init:
        cls.__init__ = _stored_init(cls, frozen)  # type: ignore[misc]
        if not documented:  # dataclasses' docstring of an undocumented class shows __init__'s signature
            cls.__doc__ = cls.__name__ + _signature_text(cls)
    if repr and not own_repr:
        cls.__repr__ = _stand_in(cls, "__repr__", _make_repr)  # type: ignore[method-assign]
    if eq:
        if not own_eq:
            cls.__eq__ = _stand_in(cls, "__eq__", _make_eq)  # type: ignore[method-assign]
        if not explicit_hash:
            cls.__hash__ = _stand_in(cls, "__hash__", _make_hash) if frozen else None  # type: ignore[assignment]
    return cls


# -- the standard decorator's field work, for the plain classes of a start-up -------------
# With __init__, __repr__, __eq__ and the frozen methods made here, what is left of
# dataclasses.dataclass(init=False, repr=False, eq=False) is reading the fields — and it
# tests every string annotation three times for ClassVar, InitVar and KW_ONLY (a regular
# expression and module look-ups each): some 40 µs a class, 5 ms of a cold check. For a
# class with no dataclass base whose annotations are all strings that cannot name those
# three, the same fields are made here in one pass: CPython 3.11's _process_class and
# _get_field, step for step, for that case (other interpreters and versions, and every
# other case, get the standard decorator).
_FAST_FIELDS = sys.version_info[:2] == (3, 11) and all(
    hasattr(dataclasses, name) for name in ("_DataclassParams", "_FIELD", "_MODULE_IDENTIFIER_RE")
)


def _fields_without_decorator(cls: type, kwargs: dict[str, Any]) -> type | None:
    """``cls`` with the fields and parameters ``dataclasses.dataclass(cls, init=False,
    repr=False, eq=False, **kwargs)`` gives it; None (nothing done) where that decorator
    must do it."""
    if not _FAST_FIELDS or not set(kwargs) <= {"init", "match_args", "kw_only"} or kwargs.get("init", True):
        return None
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        return None  # fields of bases, frozen-base checks: the decorator's
    module = sys.modules.get(cls.__module__)
    if module is None:
        return None
    namespace = module.__dict__
    annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 - as dataclasses reads them
    for annotation in annotations.values():
        if not isinstance(annotation, str):
            return None
        match = dataclasses._MODULE_IDENTIFIER_RE.match(annotation)  # type: ignore[attr-defined]
        if match is None:
            continue
        if match.group(1):  # `typing.ClassVar[…]`, `dataclasses.InitVar[…]`: the decorator decides
            return None
        named: Any = namespace.get(match.group(2))
        if (
            named is typing.ClassVar
            or (type(named) is typing._GenericAlias and named.__origin__ is typing.ClassVar)  # type: ignore[attr-defined]
            or named is dataclasses.InitVar
            or type(named) is dataclasses.InitVar
            or named is dataclasses.KW_ONLY
        ):
            return None
    kw_only = kwargs.get("kw_only", False)
    missing = dataclasses.MISSING
    fields: dict[str, dataclasses.Field] = {}
    for name, annotation in annotations.items():
        default: Any = getattr(cls, name, missing)
        if isinstance(default, dataclasses.Field):
            f = default
        else:
            if isinstance(default, types.MemberDescriptorType):
                default = missing
            f = dataclasses.field(default=default)
        f.name = name
        f.type = annotation
        f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
        if f.kw_only is missing:
            f.kw_only = kw_only
        if f.default.__class__.__hash__ is None:
            raise ValueError(
                f"mutable default {type(f.default)} for field {f.name} is not allowed: use default_factory"
            )
        fields[name] = f
        if isinstance(getattr(cls, name, None), dataclasses.Field):
            if f.default is missing:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    for name, value in cls.__dict__.items():
        if isinstance(value, dataclasses.Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    cls.__dataclass_params__ = dataclasses._DataclassParams(False, False, False, False, False, False)  # type: ignore[attr-defined]
    cls.__dataclass_fields__ = fields  # type: ignore[attr-defined]
    if kwargs.get("match_args", True) and "__match_args__" not in cls.__dict__:
        setattr(cls, "__match_args__", tuple(f.name for f in fields.values() if f.init and not f.kw_only))  # noqa: B010
    abc.update_abstractmethods(cls)
    return cls


# -- __init__ from compiled code kept in core.pattern_store --------------------------------
# The standard decorator compiles the source of every __init__ in every process. The
# same source is written here (the standard one's behaviour: positional fields, then
# keyword-only; defaults and default factories; init=False fields with a factory set,
# those with a plain default left to the class attribute; frozen fields set through
# object.__setattr__; __post_init__ called) and its code is kept, like compiled
# patterns, by the source text. Classes with InitVar or ClassVar pseudo-fields, slots,
# or an __init__ of their own get the standard decorator's.


def _init_can_be_stored(cls: type, kwargs: dict[str, Any]) -> bool:
    if kwargs.get("slots") or "__init__" in cls.__dict__:
        return False
    import inspect  # (typer, the command line's framework, has imported it already)

    annotations = inspect.get_annotations(cls)
    if any("ClassVar" in str(a) or "InitVar" in str(a) or a is dataclasses.KW_ONLY for a in annotations.values()):
        return False
    for base in cls.__mro__[1:]:
        own = getattr(base, "__dataclass_fields__", None)
        if own is not None and len(own) != len(dataclasses.fields(base)):
            return False  # a base with pseudo-fields
    return True


def _stored_init(cls: type, frozen: bool) -> Callable[..., None]:
    from reportlint.core import pattern_store

    fields = dataclasses.fields(cls)
    names = {f.name for f in fields}
    self_name = "__dataclass_self__" if "self" in names else "self"
    positional = [f for f in fields if f.init and not f.kw_only]
    keyword = [f for f in fields if f.init and f.kw_only]
    seen_default = False
    for f in positional:
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    defaults: list[Any] = []
    factories: list[Any] = []

    def param(f: dataclasses.Field) -> str:
        if f.default is not dataclasses.MISSING:
            defaults.append(f.default)
            return f"{f.name}=_D[{len(defaults) - 1}]"
        if f.default_factory is not dataclasses.MISSING:
            return f"{f.name}=_HF"
        return f.name

    params = [self_name, *map(param, positional), *(["*", *map(param, keyword)] if keyword else [])]
    body = []
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:
            factories.append(f.default_factory)
            k = len(factories) - 1
            value = f"_F[{k}]() if {f.name} is _HF else {f.name}" if f.init else f"_F[{k}]()"
        elif f.init:
            value = f.name
        else:
            continue  # read from the class attribute (its default), as dataclasses leaves it
        body.append(
            f"  _object.__setattr__({self_name}, {f.name!r}, {value})"
            if frozen
            else f"  {self_name}.{f.name} = {value}"
        )
    if hasattr(cls, "__post_init__"):
        body.append(f"  {self_name}.__post_init__()")
    source = "def __make__(_D, _F, _HF, _object):\n def __init__({}):\n{}\n return __init__\n".format(
        ", ".join(params), "\n".join(" " + line for line in body) or "  pass"
    )
    code = pattern_store.remembered(
        "lazy_dataclass.init", source, 0, lambda: compile(source, "<string>", "exec"), _is_code
    )
    namespace: dict[str, Any] = {}
    module = sys.modules.get(cls.__module__)
    exec(code, module.__dict__ if module is not None else {}, namespace)
    init = namespace["__make__"](tuple(defaults), tuple(factories), _FACTORY, object)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {**{f.name: f.type for f in positional + keyword}, "return": None}
    return init


def _frozen_can_be_own(cls: type) -> bool:
    if "__setattr__" in cls.__dict__ or "__delattr__" in cls.__dict__:
        return False  # dataclasses refuses to overwrite them: its error, its way
    params = [getattr(b, "__dataclass_params__", None) for b in cls.__mro__[1:] if "__dataclass_fields__" in vars(b)]
    # a base dataclass, frozen or not, is checked by dataclasses against frozen=True
    return not params and hasattr(dataclasses._DataclassParams, "__slots__")  # type: ignore[attr-defined]


def _make_frozen(cls: type) -> None:
    """dataclasses' frozen __setattr__/__delattr__ (assignment and deletion of a field, or
    of anything on an instance of exactly this class, raise FrozenInstanceError), as closures."""
    names = frozenset(f.name for f in dataclasses.fields(cls))
    error = dataclasses.FrozenInstanceError

    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise error(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise error(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    for method in (__setattr__, __delattr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    cls.__dataclass_params__.frozen = True  # type: ignore[attr-defined]  # what subclasses are checked against


def _signature_text(cls: type) -> str:
    import inspect

    try:
        return str(inspect.signature(cls)).replace(" -> None", "")
    except (TypeError, ValueError):
        return ""


class _Factory:
    """The default of a parameter whose field has a default factory (shown as dataclasses shows it)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _is_code(value: object) -> bool:
    from reportlint.core import pattern_store

    return isinstance(value, types.CodeType) and pattern_store.private()


@overload
def dataclass(cls: _T, /) -> _T: ...
@overload
def dataclass(*, repr: bool = True, eq: bool = True, frozen: bool = False, **kwargs: Any) -> Callable[[_T], _T]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def dataclass(
    cls: _T | None = None, /, *, repr: bool = True, eq: bool = True, frozen: bool = False, **kwargs: Any
) -> Any:
    """``dataclasses.dataclass`` with the same arguments; see the module's docstring."""

    def wrap(c: _T) -> _T:
        return _process(c, repr, eq, frozen, kwargs)  # type: ignore[return-value]

    return wrap if cls is None else wrap(cls)
