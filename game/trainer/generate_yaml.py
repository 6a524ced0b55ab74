"""Plain scenario data as readable YAML in the shipped files' style.

Keys keep the order they have in the data; short maps and lists of numbers are written in flow
style (``{en: ..., zh: ...}``, ``[0.0, 0.05]``), everything else in block style; the briefing is
a folded block. Scalars are quoted exactly when YAML needs it (PyYAML decides), and the result is
checked to read back to the same data.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

import yaml

WIDTH = 100
"""Folded texts are wrapped to this width..."""
FLOW_WIDTH = 120
"""... and a map goes on one line when the line stays within this."""
BLOCK = {"company", "market", "negotiation", "fulfilment", "targets", "variation", "preferences",
         "values", "names"}
"""Maps always written in block style, however short."""
SPACED = {"company", "market", "competitors", "negotiation", "key_accounts", "risks", "fulfilment",
          "targets", "variation"}
"""Top-level sections with a blank line before them."""
FOLDED = {"briefing"}
"""Texts written as folded blocks (``>-``)."""


class YamlWriteError(ValueError):
    """The written YAML would not read back as the data (a bug in the writer)."""


def to_yaml(data: dict[str, Any], header: str = "") -> str:
    """``data`` as YAML, ``header`` lines first as comments."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    _mapping(data, 0, lines)
    text = "\n".join(lines) + "\n"
    if yaml.safe_load(text) != data:
        raise YamlWriteError("the YAML written does not read back as the scenario data")
    return text


def _readable(value: Any, dumped: str) -> str:
    """A single-quoted text with an apostrophe in double quotes instead ('Xi''an' -> "Xi'an")."""
    if isinstance(value, str) and dumped.startswith("'") and "''" in dumped:
        return json.dumps(value, ensure_ascii=False)
    return dumped


def _scalar(value: Any) -> str:
    """A scalar as a block-context value (quoted only when YAML needs it)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9)
    return _readable(value, text.removesuffix("\n...\n").rstrip("\n"))


def _flow_scalar(value: Any) -> str:
    """A scalar inside a flow collection, where commas and brackets need quotes too."""
    text = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10**9)
    return _readable(value, text.strip()[1:-1])


def _flow(value: Any) -> str:
    """A map or list of scalars (or lists of scalars) on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow_scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _flow_scalar(value)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _flowable(value: Any) -> bool:
    """Scalars, lists of scalars and maps of those: what may go on one line."""
    if _is_scalar(value):
        return True
    if isinstance(value, list):
        return all(_is_scalar(v) for v in value)
    if isinstance(value, dict):
        return all(_flowable(v) and not isinstance(v, dict) for v in value.values())
    return False


def _mapping(data: dict[Any, Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        head = f"{pad}{_scalar(key)}:"
        if indent == 0 and key in SPACED:
            out.append("")
        if key in FOLDED and isinstance(value, dict):
            out.append(head)
            _folded(value, indent + 2, out)
        elif isinstance(value, dict):
            line = f"{head} {_flow(value)}"
            if not value or (key not in BLOCK and _flowable(value) and len(line) <= FLOW_WIDTH):
                out.append(line)
            else:
                out.append(head)
                _mapping(value, indent + 2, out)
        elif isinstance(value, list) and not all(_flowable(v) and not isinstance(v, dict) for v in value):
            out.append(head)
            for item in value:
                _item(item, indent + 2, out)
        elif isinstance(value, list):
            out.append(f"{head} {_flow(value)}")
        else:
            out.append(f"{head} {_scalar(value)}")


def _item(item: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(item, dict) and set(item) <= {"en", "zh"} and len(pad) + 2 + len(_flow(item)) <= FLOW_WIDTH:
        out.append(f"{pad}- {_flow(item)}")
    elif isinstance(item, dict):
        start = len(out)
        _mapping(item, indent + 2, out)
        out[start] = f"{pad}- {out[start][indent + 2:]}"
    else:
        out.append(f"{pad}- {_flow(item) if isinstance(item, list) else _scalar(item)}")


def _folded(texts: dict[str, str], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for lang, text in texts.items():
        out.append(f"{pad}{lang}: >-")
        wrap = textwrap.wrap(
            text, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
        ) or [text]
        out.extend(f"{pad}  {line}" for line in wrap)
