"""Load YAML data files into pydantic models, turning every failure into positioned Problems."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import types
from collections.abc import Hashable
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from game.scenario.errors import Problem, RuleBroken, ScenarioError, error
from game.scenario.messages import Joined, Msg, Param, entry, joined, msg, placeholders
from game.scenario.models import ID_PATTERN, ReferenceError_, ReferenceErrors, Scenario
from game.scenario.yaml_nodes import DataPath, YamlTree, dotted, parse_yaml, text_position

M = TypeVar("M", bound=BaseModel)

MAX_BYTES = 2 * 1024 * 1024
"""Files above this size are refused before parsing (E002)."""


# --------------------------------------------------------------------------- public API


def load_scenario(path: str | Path) -> tuple[Scenario, str]:
    """The validated scenario in ``path`` and the sha256 hex of its bytes; raises ScenarioError."""
    return load_file(path, Scenario)


def load_scenario_text(text: str | bytes, path: str = "<text>") -> Scenario:
    """Validate scenario YAML given as text (``path`` only names it in problems)."""
    return load_model(text, Scenario, path=path)


def load_file(path: str | Path, model_cls: type[M]) -> tuple[M, str]:
    """Read ``path`` and validate it as ``model_cls``; returns (model, sha256 hex of the bytes)."""
    raw = read_source(path)
    return load_model(raw, model_cls, path=str(path)), hashlib.sha256(raw).hexdigest()


def load_model(source: str | bytes, model_cls: type[M], path: str = "<text>") -> M:
    """Parse YAML ``source`` and validate it as ``model_cls``; raises ScenarioError only."""
    tree = parse_tree(source, path)
    if not isinstance(tree.data, dict):
        line, col = tree.position(())
        raise ScenarioError(
            [
                error(
                    path,
                    line,
                    col,
                    "E014",
                    msg("E014.top_level", got=_describe(tree.data)),
                    msg("E014.top_level_hint"),
                )
            ]
        )
    try:
        return model_cls.model_validate(tree.data)
    except ValidationError as exc:
        raise ScenarioError(validation_problems(exc, tree, model_cls, path)) from None


def read_source(path: str | Path) -> bytes:
    """The bytes of ``path``, refusing unreadable (E001) and oversized (E002) files."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            size = _file_size(handle)
            if size > MAX_BYTES:
                raise ScenarioError([_too_large(name, size)])
            raw = handle.read(MAX_BYTES + 1)
    except ScenarioError:
        raise
    except FileNotFoundError:
        raise ScenarioError(
            [error(name, 1, 1, "E001", msg("E001.not_found"), msg("E001.not_found_hint"))]
        ) from None
    except IsADirectoryError:
        raise ScenarioError(
            [error(name, 1, 1, "E001", msg("E001.folder"), msg("E001.folder_hint"))]
        ) from None
    except PermissionError:
        raise ScenarioError(
            [
                error(
                    name,
                    1,
                    1,
                    "E001",
                    msg("E001.no_permission"),
                    msg("E001.no_permission_hint"),
                )
            ]
        ) from None
    except (OSError, ValueError) as exc:
        raise ScenarioError(
            [
                error(
                    name,
                    1,
                    1,
                    "E001",
                    msg("E001.unreadable", reason=str(exc)),
                    msg("E001.unreadable_hint"),
                )
            ]
        ) from None
    if len(raw) > MAX_BYTES:
        raise ScenarioError([_too_large(name, len(raw))])
    return raw


def decode_source(source: str | bytes, path: str = "<text>") -> str:
    """Strict UTF-8 text of ``source`` (a leading BOM dropped); E002/E003/E004 otherwise."""
    if isinstance(source, str):
        try:
            raw = source.encode("utf-8")
        except UnicodeEncodeError as exc:
            line, col = text_position(source, exc.start)
            problem = _not_text(path, line, col, msg("E003.invalid_char"))
            raise ScenarioError([problem]) from None
    else:
        raw = source
    if len(raw) > MAX_BYTES:
        raise ScenarioError([_too_large(path, len(raw))])
    if not raw.strip():
        raise ScenarioError(
            [error(path, 1, 1, "E004", msg("E004.empty"), msg("E004.write_keys_hint"))]
        )
    bad = len(raw)
    what: Msg | None = None
    nul = raw.find(b"\0")
    if nul >= 0:
        bad, what = nul, msg("E003.nul")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < bad:
            bad, what = exc.start, msg("E003.bad_byte", byte=f"{raw[exc.start]:02X}")
        text = ""
    if what is not None:
        line_start = raw.rfind(b"\n", 0, bad) + 1
        line = raw.count(b"\n", 0, bad) + 1
        col = len(raw[line_start:bad].decode("utf-8")) + 1
        raise ScenarioError([_not_text(path, line, col, what)])
    return text[1:] if text.startswith("\ufeff") else text


def parse_tree(source: str | bytes, path: str = "<text>") -> YamlTree:
    """Decode and parse ``source`` into a YamlTree (data + node positions); E004 if empty."""
    tree = parse_yaml(decode_source(source, path), path)
    if tree is None:
        raise ScenarioError(
            [
                error(
                    path,
                    1,
                    1,
                    "E004",
                    msg("E004.no_content"),
                    msg("E004.write_keys_hint"),
                )
            ]
        )
    return tree


def _file_size(handle: Any) -> int:
    try:
        return os.fstat(handle.fileno()).st_size
    except OSError:
        return 0


def _too_large(path: str, size: int) -> Problem:
    return error(
        path,
        1,
        1,
        "E002",
        msg("E002.too_large", limit=MAX_BYTES // 1024 // 1024, size=size),
        msg("E002.too_large_hint"),
    )


def _not_text(path: str, line: int, col: int, what: Msg) -> Problem:
    return error(
        path, line, col, "E003", msg("E003.not_text", what=what), msg("E003.not_text_hint")
    )


# --------------------------------------------------------------------------- validation errors


def validation_problems(
    exc: ValidationError, tree: YamlTree, model_cls: type[BaseModel], path: str
) -> list[Problem]:
    """One positioned Problem per pydantic error (union alternatives merged), sorted."""
    problems: list[Problem] = []
    type_groups: dict[tuple[DataPath, bool], list[dict[str, Any]]] = {}
    for err in _each_reference(exc.errors()):
        located = _locate(tree.data, _error_loc(err))
        if _code_of(err) == "E103" and err["type"] != "invalid_key":
            on_key = bool(err["loc"]) and err["loc"][-1] == "[key]"
            type_groups.setdefault((located[0], on_key), []).append(err)
            continue
        problems.append(_problem(err, located, tree, model_cls, path))
    for (matched, on_key), errs in type_groups.items():
        problems.append(_type_problem(errs, matched, on_key, tree, path))
    unique = {(p.line, p.column, p.code, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: p.sort_key)


def _each_reference(errors: list[Any]) -> list[dict[str, Any]]:
    """pydantic's errors with each ReferenceErrors split into one error per reference."""
    out: list[dict[str, Any]] = []
    for err in errors:
        cause = err.get("ctx", {}).get("error")
        if isinstance(cause, ReferenceErrors):
            out.extend({**err, "ctx": {**err["ctx"], "error": ref}} for ref in cause.errors)
        else:
            out.append(err)
    return out


def _error_loc(err: dict[str, Any]) -> tuple[Any, ...]:
    ref = _reference_error(err)
    if ref is not None:
        return (*err["loc"], *ref.loc)
    if err["type"] == "invalid_key":  # pydantic's loc mangles such keys (True -> 1, 2.5 -> '2.5')
        return (*err["loc"][:-1], err.get("input"))
    return tuple(err["loc"])


def _reference_error(err: dict[str, Any]) -> ReferenceError_ | None:
    cause = err.get("ctx", {}).get("error")
    return cause if isinstance(cause, ReferenceError_) else None


def _locate(data: Any, loc: tuple[Any, ...]) -> tuple[DataPath, tuple[Any, ...]]:
    """(the longest data path along ``loc``, the loc elements not found in the data)."""
    matched: list[Hashable] = []
    rest: list[Any] = []
    current = data
    for element in loc:
        if isinstance(current, dict) and _has_key(current, element):
            matched.append(element)
            current = current[element]
        elif (
            isinstance(current, list)
            and isinstance(element, int)
            and not isinstance(element, bool)
            and 0 <= element < len(current)
        ):
            matched.append(element)
            current = current[element]
        else:
            rest.append(element)
    return tuple(matched), tuple(rest)


def _has_key(mapping: dict[Any, Any], key: Any) -> bool:
    try:
        return key in mapping and type(next(k for k in mapping if k == key)) is type(key)
    except TypeError:
        return False


_E103 = {
    "float_type": "expect.number",
    "float_parsing": "expect.number",
    "int_type": "expect.whole_number",
    "int_parsing": "expect.whole_number",
    "int_from_float": "expect.whole_number",
    "string_type": "expect.text",
    "bool_type": "expect.bool",
    "bool_parsing": "expect.bool",
    "list_type": "expect.list",
    "tuple_type": "expect.list",
    "set_type": "expect.list",
    "dict_type": "expect.mapping",
    "none_required": "expect.nothing",
    "invalid_key": "expect.text_key",
}
_E104 = {
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "literal_error",
    "enum",
    "string_pattern_mismatch",
    "too_short",
    "too_long",
    "string_too_short",
    "string_too_long",
    "finite_number",
    "multiple_of",
}
_NUMBERS = ("expect.number", "expect.whole_number")


def _code_of(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "E101"
    if kind == "missing":
        return "E104" if err["loc"] and isinstance(err["loc"][-1], int) else "E102"
    if kind in _E104:
        return "E104"
    if kind in _E103 or kind.endswith(("_type", "_parsing")):
        return "E103"
    if kind == "value_error" and _reference_error(err) is not None:
        return "E105"
    return "E106"


def _problem(
    err: dict[str, Any],
    located: tuple[DataPath, tuple[Any, ...]],
    tree: YamlTree,
    model_cls: type[BaseModel],
    path: str,
) -> Problem:
    matched, rest = located
    code = _code_of(err)
    kind = err["type"]
    ctx: dict[str, Any] = err.get("ctx", {})
    value = err.get("input")
    where = dotted(matched)
    use_key = False
    key_found = not rest and bool(matched)
    parent = matched[:-1] if key_found else matched
    text: Msg
    hint: Msg
    if code == "E101":
        key = err["loc"][-1] if err["loc"] else "?"
        allowed = _allowed_keys(model_cls, parent)
        text = (
            msg("E101.unknown_key", key=str(key), where=dotted(parent))
            if parent
            else msg("E101.unknown_top_key", key=str(key))
        )
        hint = _did_you_mean(str(key), allowed, msg("suggest.allowed_keys"))
        use_key = key_found
    elif kind == "invalid_key":
        text = msg("E103.key_not_text", got=_describe(value))
        allowed = _allowed_keys(model_cls, parent)
        advice = _type_advice(["expect.text"], value) or msg("E103.key_word")
        hint = (
            msg("E103.key_not_text_hint", advice=advice, allowed=joined(allowed, "ids"))
            if allowed
            else advice
        )
        use_key = key_found
    elif code == "E102":
        name = str(rest[-1]) if rest else "?"
        text = (
            msg("E102.missing_key", name=name, where=where)
            if matched
            else msg("E102.missing_top_key", name=name)
        )
        description = _field_description(model_cls, matched, name)
        hint = (
            msg("E102.add_key_described_hint", name=name, description=description)
            if description
            else msg("E102.add_key_hint", name=name)
        )
    elif code == "E104":
        text, hint = _range_message(kind, ctx, value, where, rest)
    elif code == "E105":
        ref = _reference_error(err)
        if ref is not None:
            text, hint = ref.text, _reference_hint(ref.text)
            use_key = ref.text.key == "E105.unknown" and _is_dict_key(model_cls, matched)
        else:
            text = msg("E106.other", detail=str(err.get("msg", "?")))
            hint = msg("E105.agree_hint")
    else:
        cause = ctx.get("error")
        if isinstance(cause, RuleBroken):
            text = cause.text
        else:
            detail = str(cause) if cause is not None else str(err.get("msg", "invalid value"))
            text = msg("E106.other", detail=detail)
        hint = msg("E106.block_hint", where=where) if where else msg("E106.file_hint")
    line, col = tree.key_position(matched) if use_key else tree.position(matched)
    return error(path, line, col, code, text, hint)


def _type_problem(
    errs: list[dict[str, Any]], matched: DataPath, on_key: bool, tree: YamlTree, path: str
) -> Problem:
    """One E103 for all the alternatives a value (or key) failed, e.g. 'a number or text'."""
    expected: list[str] = []
    for err in errs:
        want = _expected(err)
        if want not in expected:
            expected.append(want)
    value = errs[0].get("input")
    wanted = joined([_expectation(want) for want in expected], "or")
    extra = _type_advice(expected, value)
    got = _describe(value)
    hint = (
        msg("E103.expected_advice_hint", wanted=wanted, got=got, advice=extra)
        if extra is not None
        else msg("E103.expected_hint", wanted=wanted, got=got)
    )
    line, col = tree.key_position(matched) if on_key else tree.position(matched)
    text = msg("E103.wrong_key" if on_key else "E103.wrong_value", where=dotted(matched))
    return error(path, line, col, "E103", text, hint)


def _expected(err: dict[str, Any]) -> str:
    """The catalog key of what the value should have been (or the raw pydantic kind)."""
    kind = err["type"]
    if kind in ("model_type", "model_attributes_type"):
        name = err.get("ctx", {}).get("class_name", "")
        if name == "Text":
            return "expect.bilingual"
        if name == "Distribution":
            return "expect.distribution"
        return "expect.keys"
    return _E103.get(kind, kind.removesuffix("_type").removesuffix("_parsing"))


def _expectation(want: str) -> Msg:
    return msg(want) if want.startswith("expect.") else msg("expect.other", kind=want)


def _type_advice(expected: list[str], value: Any) -> Msg | None:
    if isinstance(value, bool) and "expect.bool" not in expected:
        return msg("E103.quote_bool")
    if "expect.text" in expected and isinstance(value, int | float):
        return msg("E103.quote_text")
    if value is None:
        return msg("E103.write_value")
    if "expect.list" in expected and isinstance(value, dict):
        return msg("E103.item_lines")
    if isinstance(value, list) and "expect.list" not in expected:
        return msg("E103.remove_dash")
    if isinstance(value, str) and any(w in expected for w in _NUMBERS):
        return msg("E103.plain_digits")
    return None


_BOUNDS = {
    "greater_than": ("E104.greater_than", "gt"),
    "greater_than_equal": ("E104.at_least", "ge"),
    "less_than": ("E104.less_than", "lt"),
    "less_than_equal": ("E104.at_most", "le"),
}


def _range_message(
    kind: str, ctx: dict[str, Any], value: Any, where: str, rest: tuple[Any, ...]
) -> tuple[Msg, Msg]:
    got = _describe(value)
    if kind in _BOUNDS:
        key, bound = _BOUNDS[kind]
        limit = str(ctx.get(bound))
        return msg(key, where=where, limit=limit), msg(f"{key}_hint", limit=limit, got=got)
    if kind in ("literal_error", "enum"):
        return (
            msg("E104.not_allowed", got=got, where=where),
            msg("E104.one_of_hint", allowed=_choices(str(ctx.get("expected", "")))),
        )
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            return msg("E104.bad_id", got=got, where=where), msg("E104.bad_id_hint")
        return (
            msg("E104.bad_form", got=got, where=where),
            msg("E104.bad_form_hint", pattern=str(ctx.get("pattern"))),
        )
    chars = kind.startswith("string")
    actual = int(ctx.get("actual_length") or 0)
    if kind in ("too_short", "string_too_short"):
        least = ctx.get("min_length")
        if least == 1 and actual == 0:
            give = "E104.give_text_hint" if chars else "E104.give_entry_hint"
            return msg("E104.empty", where=where), msg(give)
        if least == 1 and not chars:
            return (
                msg("E104.too_short_item", where=where),
                msg("E104.too_short_items_hint", least=1, actual=actual),
            )
        key = "E104.too_short_chars" if chars else "E104.too_short_items"
        return (
            msg(key, where=where, least=str(least)),
            msg(f"{key}_hint", least=str(least), actual=actual),
        )
    if kind in ("too_long", "string_too_long"):
        key = "E104.too_long_chars" if chars else "E104.too_long_items"
        most = str(ctx.get("max_length"))
        return msg(key, where=where, most=most), msg(f"{key}_hint", most=most, actual=actual)
    if kind == "missing":
        number = str(rest[-1] + 1) if rest and isinstance(rest[-1], int) else "?"
        return (
            msg("E104.missing_value", where=where, number=number),
            msg("E104.missing_value_hint"),
        )
    if kind == "finite_number":
        return msg("E104.not_finite", where=where), msg("E104.not_finite_hint", got=got)
    return msg("E104.invalid", where=where), msg("E104.invalid_hint", got=got)


_CHOICE_SEPARATOR = re.compile(r",\s*|\s+or\s+")


def _choices(expected: str) -> Param:
    """pydantic's "'a', 'b' or 'c'" as a list the reader's language joins."""
    items = [item.strip() for item in _CHOICE_SEPARATOR.split(expected) if item.strip()]
    return joined(items, "or") if items else expected


_REFERENCE_HINTS = {
    "E105.used_twice": "E105.used_twice_hint",
    "E105.after_last_round": "E105.after_last_round_hint",
    "E105.dilemma_round": "E105.dilemma_round_hint",
    "E105.values_count": "E105.values_count_hint",
    "E105.weight_negative": "E105.weights_hint",
    "E105.weights_zero": "E105.weights_hint",
    "E105.vendor_shares": "E105.vendor_shares_hint",
    "E105.inherited_option": "E105.inherited_option_hint",
    "E105.inherited_missing": "E105.inherited_missing_hint",
    "E105.no_service_cost": "E105.no_service_cost_hint",
    "E105.text_option": "E105.text_option_hint",
    "E105.price_option": "E105.price_option_hint",
    "E105.volume_option": "E105.volume_option_hint",
}


def _reference_hint(text: Msg) -> Msg:
    if text.key == "E105.unknown":
        params = dict(text.params)
        known = params["known"]
        ids = [str(item) for item in known.items] if isinstance(known, Joined) else []
        if not ids:  # nothing of the kind is defined: no spelling would help
            return msg("suggest.none_defined", what=params["what"], value=params["value"])
        label = msg("suggest.known_ids", what=params["what"])
        return _did_you_mean(str(params["value"]), ids, label)
    hint = _REFERENCE_HINTS.get(text.key, "E105.agree_hint")
    wanted = placeholders(entry(hint).en)  # a hint may repeat some of its message's values
    return msg(hint, **{name: value for name, value in text.params if name in wanted})


def _did_you_mean(value: str, allowed: list[str], label: Msg) -> Msg:
    if not allowed:
        return msg("suggest.nothing_allowed")
    listing = msg("suggest.listing", label=label, items=joined(allowed, "ids"))
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return msg("suggest.close", close=close[0], listing=listing) if close else listing


def _describe(value: Any) -> Param:
    if value is None:
        return msg("value.nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return msg("value.mapping")
    if isinstance(value, list | tuple):
        return msg("value.list")
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    return repr(value)


# --------------------------------------------------------------------------- model types


def _type_at(model_cls: type[BaseModel], path: DataPath) -> Any:
    """The declared type of the value at ``path`` in ``model_cls`` (None if unknown)."""
    current: Any = model_cls
    for element in path:
        current = _strip_optional(current)
        origin = get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(element) if isinstance(element, str) else None
            if field is None:
                return None
            current = field.annotation
        elif origin is list:
            current = get_args(current)[0]
        elif origin is tuple:
            args = get_args(current)
            if not isinstance(element, int) or not args:
                return None
            current = args[0] if len(args) == 2 and args[1] is Ellipsis else args[element]
        elif origin is dict:
            current = get_args(current)[1]
        else:
            return None
    return _strip_optional(current)


def _strip_optional(tp: Any) -> Any:
    if get_origin(tp) in (Union, types.UnionType):
        members = [a for a in get_args(tp) if a is not type(None)]
        if len(members) == 1:
            return members[0]
    return tp


def _allowed_keys(model_cls: type[BaseModel], path: DataPath) -> list[str]:
    tp = _type_at(model_cls, path)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(tp.model_fields)
    return []


def _field_description(model_cls: type[BaseModel], path: DataPath, name: str) -> str:
    tp = _type_at(model_cls, path)
    if isinstance(tp, type) and issubclass(tp, BaseModel) and name in tp.model_fields:
        return tp.model_fields[name].description or ""
    return ""


def _is_dict_key(model_cls: type[BaseModel], path: DataPath) -> bool:
    return bool(path) and get_origin(_type_at(model_cls, path[:-1])) is dict
