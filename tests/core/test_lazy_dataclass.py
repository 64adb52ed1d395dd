"""core.lazy_dataclass behaves as dataclasses.dataclass, class by class.

Each case is one class body decorated twice — by the standard decorator and by the lazy
one, with the same arguments — and the two classes are compared on the same values:
repr, ==, !=, hash or its TypeError, assignment to a frozen field, fields(), replace(),
asdict(), __match_args__, pickling, and the project's own dataclasses on real reports.
"""

from __future__ import annotations

import dataclasses
import pickle
import types
from dataclasses import field
from typing import ClassVar  # at module level: dataclasses looks ClassVar up in the module

import pytest

from reportlint.core import lazy_dataclass


def _pair(body, name: str, **kwargs):
    """The class ``name`` with ``body()`` (annotations and defaults) under both decorators."""

    def make(decorator, suffix):
        namespace = dict(body(), __module__=__name__, __qualname__=name + suffix)
        cls = type(name + suffix, (), namespace)
        cls = decorator(**kwargs)(cls)
        globals()[name + suffix] = cls
        return cls

    return make(dataclasses.dataclass, "Std"), make(lazy_dataclass.dataclass, "Lazy")


def _fields(annotations: dict[str, str], **defaults):
    """A class body, made anew for each class (dataclasses takes the Field objects over)."""
    return lambda: {"__annotations__": dict(annotations), **{k: _copy(v) for k, v in defaults.items()}}


def _copy(value):
    if isinstance(value, dataclasses.Field):
        return field(
            default=value.default,
            default_factory=value.default_factory,
            init=value.init,
            repr=value.repr,
            hash=value.hash,
            compare=value.compare,
        )
    return value


CASES = {
    "plain": (_fields({"a": "int", "b": "str"}, b="x"), {}, [(1, "x"), (1, "y"), (2, "x")]),
    "eq_off": (_fields({"a": "int", "b": "list"}), {"eq": False}, [(1, [1]), (1, [1]), (2, [])]),
    "repr_off": (_fields({"a": "int"}), {"repr": False}, [(1,), (2,)]),
    "frozen": (_fields({"a": "int", "b": "tuple"}), {"frozen": True}, [(1, (1, 2)), (1, (1, 2)), (3, ())]),
    "frozen_eq_off": (_fields({"a": "int"}), {"frozen": True, "eq": False}, [(1,), (1,)]),
    "field_options": (
        _fields(
            {"a": "int", "hidden": "int", "ignored": "int", "hashed_only": "int"},
            hidden=field(default=0, repr=False),
            ignored=field(default=0, compare=False),
            hashed_only=field(default=0, compare=True, hash=False),
        ),
        {"frozen": True},
        [(1, 2, 3, 4), (1, 9, 9, 4), (1, 2, 3, 5)],
    ),
    "one_field": (_fields({"a": "object"}), {"frozen": True}, [(1,), (1.0,), ("1",)]),
    "no_field": (_fields({}), {"frozen": True}, [(), ()]),
    "factory": (_fields({"items": "list"}, items=field(default_factory=list)), {}, [([1],), ([1],), ([],)]),
    "slots": (_fields({"a": "int", "b": "int"}), {"slots": True, "frozen": True}, [(1, 2), (1, 2), (2, 1)]),
    "kw_only": (_fields({"a": "int", "b": "int"}), {"kw_only": True}, None),
    "init_false": (_fields({"a": "int", "b": "int"}, b=field(default=5, init=False)), {}, [(1,), (2,)]),
}


def _instances(cls, args_list):
    if args_list is None:
        return [cls(a=1, b=2), cls(a=1, b=2), cls(a=2, b=1)]
    return [cls(*args) for args in args_list]


def _repr(obj) -> str:
    text = repr(obj).replace("Lazy", "Std")
    return "<object's own>" if text == object.__repr__(obj).replace("Lazy", "Std") else text


def _error_setting(obj) -> str | None:
    try:
        obj.not_a_field = 1
    except Exception as exc:  # FrozenInstanceError, or TypeError for slots (CPython's own)
        return type(exc).__name__
    return None


def _signature(cls) -> str:
    import inspect

    return str(inspect.signature(cls.__init__))


def _hash_or_error(obj):
    try:
        value = hash(obj)
        return ("identity",) if value == object.__hash__(obj) else ("hash", value)
    except TypeError as exc:
        return ("TypeError", str(exc).replace("Lazy", "Std"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_generated_method_behaves_as_the_standard_one(case):
    body, kwargs, args_list = CASES[case]
    std_cls, lazy_cls = _pair(body, "C_" + case, **kwargs)
    std, lazy = _instances(std_cls, args_list), _instances(lazy_cls, args_list)
    for s, z in zip(std, lazy, strict=True):
        assert _repr(z) == _repr(s)
        assert _hash_or_error(z) == _hash_or_error(s)
        assert dataclasses.astuple(z) == dataclasses.astuple(s) and dataclasses.asdict(z) == dataclasses.asdict(s)
        assert [f.name for f in dataclasses.fields(z)] == [f.name for f in dataclasses.fields(s)]
        assert getattr(z, "__match_args__", None) == getattr(s, "__match_args__", None)
        assert dataclasses.is_dataclass(z)
        assert _signature(type(z)) == _signature(type(s))
        assert (type(z).__doc__ or "").replace("Lazy", "Std") == (type(s).__doc__ or "")
        back = pickle.loads(pickle.dumps(z))
        assert type(back) is lazy_cls and dataclasses.astuple(back) == dataclasses.astuple(z)
    for i, (s1, z1) in enumerate(zip(std, lazy, strict=True)):
        for s2, z2 in zip(std, lazy, strict=True):
            assert (z1 == z2) == (s1 == s2), (i, z1, z2)
            assert (z1 != z2) == (s1 != s2)
        assert (z1 == object()) == (s1 == object())
        assert (z1 == std[i]) is False  # another class, even with the same fields
    if kwargs.get("frozen"):
        name = dataclasses.fields(std_cls)[0].name if dataclasses.fields(std_cls) else "a"
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(std[0], name, 0)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(lazy[0], name, 0)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(lazy[0], name)
        assert _error_setting(lazy[0]) == _error_setting(std[0])  # nothing may be set on exactly the class
        assert lazy_cls.__dataclass_params__.frozen is True
    if dataclasses.fields(std_cls) and "init" not in case:
        first = dataclasses.fields(std_cls)[0].name
        replaced = dataclasses.replace(lazy[0], **{first: getattr(lazy[-1], first)})
        std_replaced = dataclasses.replace(std[0], **{first: getattr(std[-1], first)})
        assert type(replaced) is lazy_cls
        assert _repr(replaced) == _repr(std_replaced)


def test_the_method_is_made_once_and_put_on_the_class():
    std_cls, lazy_cls = _pair(_fields({"a": "int"}), "Once", frozen=True)
    stand_in = lazy_cls.__dict__["__eq__"]
    assert lazy_cls(1) == lazy_cls(1)
    made = lazy_cls.__dict__["__eq__"]
    assert made is not stand_in and made.__qualname__ == "OnceLazy.__eq__"
    assert lazy_cls(1) != lazy_cls(2) and lazy_cls.__dict__["__eq__"] is made
    assert hash(lazy_cls(1)) == hash(std_cls(1)) == hash((1,))
    assert lazy_cls.__dict__["__repr__"].__qualname__ == "OnceLazy.__repr__"


def test_methods_the_class_defines_itself_are_kept():
    @lazy_dataclass.dataclass(frozen=True)
    class Own:
        a: int

        def __repr__(self):
            return "own"

        def __eq__(self, other):
            return True

        def __hash__(self):
            return 7

    assert repr(Own(1)) == "own" and Own(1) == Own(2) and hash(Own(1)) == 7

    @lazy_dataclass.dataclass
    class OwnEq:
        a: int

        def __eq__(self, other):
            return True

    with pytest.raises(TypeError):
        hash(OwnEq(1))  # as dataclasses: a class with __eq__ and no __hash__ is unhashable


def test_subclasses_see_the_fields_of_the_class_that_made_the_method():
    @lazy_dataclass.dataclass
    class Base:
        a: int

    class Plain(Base):  # not a dataclass: inherits Base's methods, as with dataclasses
        pass

    @lazy_dataclass.dataclass
    class Child(Base):
        b: int = 0

    assert repr(Plain(1)).endswith("Plain(a=1)")
    assert Plain(1) == Plain(1) and Plain(1) != Base(1)
    assert repr(Child(1, 2)).endswith("Child(a=1, b=2)")
    assert Child(1, 2) != Child(1, 3) and repr(Base(3)).endswith("Base(a=3)")


def test_a_recursive_reference_shows_as_an_ellipsis():
    @lazy_dataclass.dataclass(eq=False)
    class Node:
        children: list

    @dataclasses.dataclass(eq=False)
    class StdNode:
        children: list

    node, std_node = Node([]), StdNode([])
    node.children.append(node)
    std_node.children.append(std_node)
    assert repr(node).replace("Node(", "StdNode(").split(".<locals>.")[-1] == repr(std_node).split(".<locals>.")[-1]
    assert "[...]" in repr(node)


def test_order_and_unsafe_hash_are_the_standard_decorators_work():
    @lazy_dataclass.dataclass(frozen=True, order=True)
    class Ordered:
        a: int

    assert Ordered(1) < Ordered(2) and sorted([Ordered(2), Ordered(1)])[0] == Ordered(1)
    assert Ordered.__dataclass_params__.eq is True


def test_init_behaves_as_the_standard_one():
    """__init__ is compiled once and kept: defaults, factories (fresh each call),
    init=False fields, frozen fields, __post_init__, keyword-only fields, a field named
    self, and the error for a field without a default after one with."""
    made = []

    def body():
        return {
            "__annotations__": {"a": "int", "items": "list", "hidden": "list", "fixed": "int", "k": "int"},
            "items": field(default_factory=list),
            "hidden": field(default_factory=lambda: ["h"], init=False),
            "fixed": field(default=3, init=False),
            "k": field(default=9, kw_only=True),
            "__post_init__": lambda self: made.append(self.a),
        }

    for frozen in (False, True):
        std_cls, lazy_cls = _pair(body, f"Init{int(frozen)}", frozen=frozen)
        assert _signature(lazy_cls) == _signature(std_cls)
        assert lazy_cls.__init__.__qualname__ == f"Init{int(frozen)}Lazy.__init__"
        for args, kw in (((1,), {}), ((2, [5]), {"k": 4})):
            s, z = std_cls(*args, **kw), lazy_cls(*args, **kw)
            assert dataclasses.asdict(z) == dataclasses.asdict(s) and z.fixed == s.fixed == 3
            assert "fixed" not in vars(z) and "fixed" not in vars(s)  # the class attribute, as dataclasses leaves it
        assert lazy_cls(1).items is not lazy_cls(1).items  # a fresh list each time
        with pytest.raises(TypeError):
            lazy_cls(1, [], 2)  # k is keyword-only
        assert made[-6:] == [1, 1, 2, 2, 1, 1]  # __post_init__ after every __init__

    @lazy_dataclass.dataclass
    class Selfish:
        self: int
        other: int = 0

    assert Selfish(self=1, other=2).self == 1 and Selfish(5).other == 0

    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):

        @lazy_dataclass.dataclass
        class Wrong:
            a: int = 0
            b: int


def test_classes_with_pseudo_fields_or_their_own_init_get_the_standard_init():
    @lazy_dataclass.dataclass
    class WithClassVar:
        count: ClassVar[int] = 0
        a: int = 1

    @lazy_dataclass.dataclass
    class OwnInit:
        a: int

        def __init__(self, value):
            self.a = value * 2

    assert WithClassVar().a == 1 and "count" not in vars(WithClassVar())
    assert OwnInit(2).a == 4


def test_the_projects_dataclasses_are_made_by_the_lazy_decorator():
    """Every dataclass of the package comes from core.lazy_dataclass: one made by the
    standard decorator costs its share of every start (CONTRIBUTING.md)."""
    import re
    from pathlib import Path

    import reportlint

    package = Path(reportlint.__file__).parent
    standard = re.compile(r"^\s*(?:from dataclasses import (?:.*\b)?dataclass\b|@dataclasses\.dataclass\b)", re.M)
    offenders = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        if path.name != "lazy_dataclass.py" and standard.search(path.read_text(encoding="utf-8"))
    ]
    # core.i18n is below the pattern store that lazy_dataclass keeps its code in
    # (pattern_store → atomic → i18n): made by the standard decorator, no import cycle.
    offenders.remove("core/i18n.py")
    assert offenders == []


def test_frozen_classes_and_their_subclasses_behave_as_the_standard_ones():
    @lazy_dataclass.dataclass(frozen=True)
    class Base:
        a: int

    @lazy_dataclass.dataclass(frozen=True)
    class Child(Base):
        b: int = 0

    class Plain(Base):  # not a dataclass: its instances may take new attributes, not fields
        pass

    child, plain = Child(1, 2), Plain(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        child.b = 3
    plain.extra = 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        plain.a = 2
    assert (child.a, child.b, plain.extra) == (1, 2, 1) and hash(child) == hash((1, 2))
    with pytest.raises(TypeError, match="cannot inherit non-frozen dataclass from a frozen one"):

        @lazy_dataclass.dataclass
        class Thawed(Base):
            c: int = 0

    @lazy_dataclass.dataclass
    class Mutable:
        a: int

    with pytest.raises(TypeError, match="cannot inherit frozen dataclass from a non-frozen one"):

        @lazy_dataclass.dataclass(frozen=True)
        class Frozen(Mutable):
            c: int = 0


def _field_facts(cls) -> list[tuple]:
    return [
        (f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare, f.kw_only, f._field_type)
        for f in cls.__dataclass_fields__.values()
    ]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_fields_and_class_attributes_are_the_standard_decorators(case):
    """Where the lazy decorator reads the fields itself (a plain class), it leaves the
    class as dataclasses does: the same Field objects' settings, the same defaults
    left on the class (and none for a factory), the same __match_args__."""
    body, kwargs, _ = CASES[case]
    std_cls, lazy_cls = _pair(body, "F_" + case, **kwargs)
    assert _field_facts(lazy_cls) == _field_facts(std_cls)
    for f in dataclasses.fields(std_cls):
        left = getattr(std_cls, f.name, None)
        if not isinstance(left, types.MemberDescriptorType):  # a slot: each class its own
            assert (f.name in vars(lazy_cls), getattr(lazy_cls, f.name, None)) == (f.name in vars(std_cls), left)
    params = ("repr", "eq", "order", "unsafe_hash", "frozen")
    assert [getattr(std_cls.__dataclass_params__, p) for p in params][2:] == [
        getattr(lazy_cls.__dataclass_params__, p) for p in params
    ][2:]


def test_a_class_dataclasses_refuses_is_refused_with_the_same_error():
    """A mutable default and a field() without an annotation are the standard errors."""
    cases = [
        lambda: {"__annotations__": {"items": "list"}, "items": []},
        lambda: {"__annotations__": {"a": "int"}, "a": 1, "b": field(default=2)},
    ]
    for body in cases:
        errors = []
        for decorator in (dataclasses.dataclass, lazy_dataclass.dataclass):
            cls = type("Refused", (), dict(body(), __module__=__name__, __qualname__="Refused"))
            with pytest.raises((ValueError, TypeError)) as caught:
                decorator(cls)
            errors.append((type(caught.value), str(caught.value)))
        assert errors[0] == errors[1]


CV = ClassVar  # an alias: dataclasses reads `x: CV` as a ClassVar, so must the lazy decorator


def test_an_alias_of_classvar_is_a_pseudo_field_under_both_decorators():
    body = lambda: {"__annotations__": {"a": "int", "shared": "CV"}, "shared": 3}
    std_cls, lazy_cls = _pair(body, "C_alias")
    assert [f.name for f in dataclasses.fields(lazy_cls)] == [f.name for f in dataclasses.fields(std_cls)] == ["a"]
    assert lazy_cls(1).shared == std_cls(1).shared == 3
