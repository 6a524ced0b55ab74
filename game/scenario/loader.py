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

from game.scenario.errors import Problem, ScenarioError, error
from game.scenario.models import ID_PATTERN, ReferenceError_, ReferenceErrors, Scenario
from game.scenario.yaml_nodes import DataPath, YamlTree, parse_yaml, text_position

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
                    f"the top level must be a mapping of keys, but it is {_describe(tree.data)}",
                    "start the file with its keys, one per line at the left margin, "
                    "e.g. 'id: my-scenario'",
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
            [error(name, 1, 1, "E001", "file not found", "check the file name and folder")]
        ) from None
    except IsADirectoryError:
        raise ScenarioError(
            [error(name, 1, 1, "E001", "this is a folder, not a file", "name a .yaml file")]
        ) from None
    except PermissionError:
        raise ScenarioError(
            [
                error(
                    name,
                    1,
                    1,
                    "E001",
                    "no permission to read the file",
                    "ask for read access, or copy the file somewhere you can read it",
                )
            ]
        ) from None
    except (OSError, ValueError) as exc:
        raise ScenarioError(
            [error(name, 1, 1, "E001", f"the file cannot be read ({exc})", "check the path")]
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
            problem = _not_text(path, line, col, "a character that is not valid text")
            raise ScenarioError([problem]) from None
    else:
        raw = source
    if len(raw) > MAX_BYTES:
        raise ScenarioError([_too_large(path, len(raw))])
    if not raw.strip():
        raise ScenarioError(
            [error(path, 1, 1, "E004", "the file is empty", "write the scenario's keys into it")]
        )
    bad = len(raw)
    what = ""
    nul = raw.find(b"\0")
    if nul >= 0:
        bad, what = nul, "a NUL byte, so it is binary data, not text"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < bad:
            bad, what = exc.start, f"the byte 0x{raw[exc.start]:02X}, which is not UTF-8 text"
        text = ""
    if what:
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
                    "the file has no content (only blank lines or comments)",
                    "write the scenario's keys into it",
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
        f"the file is larger than {MAX_BYTES // 1024 // 1024} MiB (at least {size:,} bytes)",
        "a scenario is normally well under 100 KB: check that this is the right file",
    )


def _not_text(path: str, line: int, col: int, what: str) -> Problem:
    return error(
        path,
        line,
        col,
        "E003",
        f"the file contains {what}",
        "save the file as UTF-8 text from a text editor (not a word processor or spreadsheet)",
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
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping",
    "none_required": "nothing (an empty value)",
    "invalid_key": "a text key",
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
    where = _dotted(matched)
    use_key = False
    key_found = not rest and bool(matched)
    parent = matched[:-1] if key_found else matched
    if code == "E101":
        key = err["loc"][-1] if err["loc"] else "?"
        allowed = _allowed_keys(model_cls, parent)
        message = f"unknown key '{key}' in {_dotted(parent) or 'the top level'}"
        hint = _did_you_mean(str(key), allowed, "allowed keys here")
        use_key = key_found
    elif kind == "invalid_key":
        message = f"a key must be text, not {_describe(value)}"
        allowed = _allowed_keys(model_cls, parent)
        advice = _type_advice(["text"], value) or "write the key as a word"
        hint = f"{advice}; allowed keys here: {', '.join(allowed)}" if allowed else advice
        use_key = key_found
    elif code == "E102":
        name = str(rest[-1]) if rest else "?"
        message = f"missing required key '{name}' in {where or 'the top level'}"
        description = _field_description(model_cls, matched, name)
        hint = f"add '{name}: ...' to this mapping" + (f" ({description})" if description else "")
    elif code == "E104":
        message, hint = _range_message(kind, ctx, value, where, rest)
    elif code == "E105":
        ref = _reference_error(err)
        message = str(ref) if ref is not None else str(err.get("msg", "an unknown reference"))
        hint = _reference_hint(message)
        use_key = message.startswith("unknown") and _is_dict_key(model_cls, matched)
    else:
        cause = ctx.get("error")
        message = str(cause) if cause is not None else err.get("msg", "invalid value")
        block = f"the '{where}' block" if where else "the file"
        hint = f"this rule applies to {block}, which starts here; change the values it names"
    line, col = tree.key_position(matched) if use_key else tree.position(matched)
    return error(path, line, col, code, message, hint)


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
    wanted = " or ".join(expected)
    hint = f"expected {wanted}, got {_describe(value)}"
    extra = _type_advice(expected, value)
    if extra:
        hint += f"; {extra}"
    line, col = tree.key_position(matched) if on_key else tree.position(matched)
    message = f"wrong type of {'key' if on_key else 'value'} for '{_dotted(matched)}'"
    return error(path, line, col, "E103", message, hint)


def _expected(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind in ("model_type", "model_attributes_type"):
        name = err.get("ctx", {}).get("class_name", "")
        if name == "Text":
            return "text in English and/or Chinese, like {en: ..., zh: ...}"
        if name == "Distribution":
            return "a distribution, like {normal: [mean, sd]} or {constant: 5}"
        return "a mapping of keys"
    return _E103.get(kind, kind.removesuffix("_type").removesuffix("_parsing"))


def _type_advice(expected: list[str], value: Any) -> str:
    if isinstance(value, bool) and "true or false" not in expected:
        return "YAML reads unquoted yes/no/on/off/true/false as true/false; put it in quotes"
    if "text" in expected and isinstance(value, int | float):
        return "put it in quotes to keep it as text"
    if value is None:
        return "the value is empty: write it after the ':'"
    if "a list" in expected and isinstance(value, dict):
        return "write each item on its own line starting with '- '"
    if isinstance(value, list) and not any("list" in want for want in expected):
        return "remove the '- ' in front of the keys, or the [brackets]"
    if isinstance(value, str) and any(w in expected for w in ("a number", "a whole number")):
        return "write plain digits, without thousands separators, units or '%'"
    return ""


def _range_message(
    kind: str, ctx: dict[str, Any], value: Any, where: str, rest: tuple[Any, ...]
) -> tuple[str, str]:
    got = _describe(value)
    bounds = {
        "greater_than": ("greater than", "gt"),
        "greater_than_equal": ("at least", "ge"),
        "less_than": ("less than", "lt"),
        "less_than_equal": ("at most", "le"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return (
            f"'{where}' is out of range: it must be {words} {ctx.get(key)}",
            f"use a value {words} {ctx.get(key)} (got {got})",
        )
    if kind in ("literal_error", "enum"):
        return (
            f"{got} is not an allowed value for '{where}'",
            f"use one of: {ctx.get('expected', '')}",
        )
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            return (
                f"{got} is not a valid id for '{where}'",
                "an id starts with a lower-case letter and uses only a-z, 0-9, '-' and '_' "
                "(at most 40 characters), e.g. 'hx-bank'",
            )
        return f"{got} has the wrong form for '{where}'", f"it must match {ctx.get('pattern')}"
    if kind in ("too_short", "string_too_short"):
        least = ctx.get("min_length")
        unit = ("character" if kind.startswith("string") else "item") + ("" if least == 1 else "s")
        if least == 1 and ctx.get("actual_length", 0) == 0:
            what = "text" if kind.startswith("string") else "an entry"
            return (f"'{where}' is empty", f"give it {what}: it needs at least one")
        return (
            f"'{where}' is too short: it needs at least {least} {unit}",
            f"add {unit} until there are at least {least} (it has {ctx.get('actual_length', 0)})",
        )
    if kind in ("too_long", "string_too_long"):
        unit = "characters" if kind.startswith("string") else "items"
        most = ctx.get("max_length")
        return (
            f"'{where}' is too long: it may have at most {most} {unit}",
            f"remove {unit} until there are at most {most} (it has {ctx.get('actual_length')})",
        )
    if kind == "missing":
        missing = rest[-1] + 1 if rest and isinstance(rest[-1], int) else "?"
        return (
            f"'{where}' has too few values: value number {missing} is missing",
            "give every value the list needs, e.g. [mean, sd] for a normal distribution",
        )
    if kind == "finite_number":
        return f"'{where}' must be a finite number", f"use an ordinary number (got {got})"
    return f"'{where}' has an invalid value", f"check the value (got {got})"


_UNKNOWN = re.compile(r"^unknown (?P<what>[\w ]+?) '(?P<value>.*)' \(known: (?P<known>.*)\)$")
_REFERENCE_HINTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"used twice"), "give each one its own id, and update the places that refer to it"),
    (re.compile(r"after the last round"), "use a round from 1 to 'rounds', or raise 'rounds'"),
    (
        re.compile(r"options, so it needs"),
        "give one value per option, in the order of the issue's values",
    ),
    (re.compile(r"weight must be"), "give at least one issue a weight above 0"),
    (
        re.compile(r"vendor shares"),
        "lower the shares so each is >= 0 and they add up to 1 or less",
    ),
]


def _reference_hint(message: str) -> str:
    found = _UNKNOWN.match(message)
    if found:
        what, value, known_text = found["what"], found["value"], found["known"]
        known = [] if known_text == "none" else known_text.split(", ")
        return _did_you_mean(value, known, f"known {what} ids")
    return next(
        (hint for pattern, hint in _REFERENCE_HINTS if pattern.search(message)),
        "make this value agree with the rest of the scenario",
    )


def _did_you_mean(value: str, allowed: list[str], label: str) -> str:
    listing = f"{label}: {', '.join(allowed)}" if allowed else "nothing is allowed here"
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? {listing}" if close else listing


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    return repr(value)


def _dotted(path: DataPath) -> str:
    out = ""
    for element in path:
        if isinstance(element, int) and not isinstance(element, bool):
            out += f"[{element}]"
        else:
            out += f".{element}" if out else str(element)
    return out


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
