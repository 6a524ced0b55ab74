"""YAML traps: values YAML reads differently from what the author meant (W301..W305).

These rules read the YAML nodes (their tags, quoting styles and positions) and the raw text, so
they also run on a file that did not validate: a trap is often the cause of the error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.scenario.errors import Problem
from game.scenario.messages import joined, msg
from game.scenario.yaml_nodes import BOOL, FLOAT, INT, STR, DataPath
from game.trainer.lint_base import LintContext, lint_problem

_BOOL_WORDS = frozenset({"yes", "no", "on", "off"})
_OCTAL = re.compile(r"[-+]?0[0-7]+$")
_COMMENT_CUT = re.compile(r"[ \t]+#[^\s#]")
_TEXT_KEYS = frozenset({"en", "zh"})


def yaml_traps(ctx: LintContext) -> Iterator[Problem]:
    """W301..W305 for every value node, and W301/W302/W304 for keys."""
    seen: set[int] = set()
    for path, node in ctx.tree.nodes.items():
        if id(node) in seen:
            continue  # an alias: the same node is reported once, where it is written
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style is None:
                yield from _plain_scalar(ctx, path, node, key=False)
        elif isinstance(node, MappingNode) and path and isinstance(path[-1], int):
            yield from _colon_mapping(ctx, path, node)
        elif isinstance(node, SequenceNode) and node.flow_style:
            yield from _full_width_commas(ctx, path, node)
    for path, node in ctx.tree.key_nodes.items():
        if isinstance(node, ScalarNode) and node.style is None and id(node) not in seen:
            seen.add(id(node))
            yield from _plain_scalar(ctx, path, node, key=True)


def _full_width_commas(ctx: LintContext, path: DataPath, node: SequenceNode) -> Iterator[Problem]:
    """W306 where a full-width '，' in a [flow list] glued two items into one."""
    for item in node.value:
        if not (isinstance(item, ScalarNode) and item.style is None and "，" in item.value):
            continue
        line, column = ctx.position(path)
        if item.start_mark is not None:
            line, column = item.start_mark.line + 1, item.start_mark.column + 1
        column += item.value.index("，")
        parts = [part.strip() for part in item.value.split("，")]
        yield lint_problem(
            ctx.path,
            line,
            column,
            "W306",
            msg("W306.full_width_comma", item=item.value),
            msg("W306.full_width_comma_hint", parts=joined(parts, "ids")),
        )


def _plain_scalar(
    ctx: LintContext, path: DataPath, node: ScalarNode, key: bool
) -> Iterator[Problem]:
    tag, raw = node.tag, node.value
    what = "key" if key else "value"
    if tag == BOOL and raw.lower() in _BOOL_WORDS:
        read = "true" if raw.lower() in ("yes", "on") else "false"
        yield ctx.problem(
            path,
            "W301",
            msg(f"W301.{what}", raw=raw, read=read),
            msg("W301.hint", raw=raw, read=read),
            key=key,
        )
    elif tag in (INT, FLOAT) and ":" in raw:
        yield ctx.problem(
            path,
            "W302",
            msg(f"W302.{what}", raw=raw, number=_sexagesimal(raw)),
            msg("W302.hint", raw=raw),
            key=key,
        )
    elif tag == INT and _OCTAL.match(raw):
        yield ctx.problem(
            path,
            "W304",
            msg(f"W304.{what}", raw=raw, number=int(raw, 8)),
            msg("W304.hint", plain=raw.lstrip("+-0") or "0"),
            key=key,
        )
    elif tag == STR and not key and path and path[-1] in _TEXT_KEYS:
        end = node.end_mark.index if node.end_mark is not None else -1
        cut = _COMMENT_CUT.match(ctx.text, end) if end >= 0 else None
        if cut is not None:
            line_end = ctx.text.find("\n", end)
            rest = ctx.text[end : line_end if line_end >= 0 else len(ctx.text)].strip()
            yield ctx.problem(
                path,
                "W305",
                msg("W305.comment_cut", rest=_short(rest)),
                msg("W305.comment_cut_hint"),
            )


def _colon_mapping(ctx: LintContext, path: DataPath, node: MappingNode) -> Iterator[Problem]:
    """A list item like ``- Note: hi`` or ``[Note: hi]``: text that YAML made a mapping."""
    if len(node.value) != 1 or ctx.text[node.start_mark.index : node.start_mark.index + 1] == "{":
        return
    key_node, value_node = node.value[0]
    if not (_plain(key_node) and _plain(value_node)):
        return
    if key_node.start_mark.line != value_node.start_mark.line:
        return
    shown = f"{key_node.value}: {value_node.value}"
    yield ctx.problem(
        path,
        "W303",
        msg("W303.colon_mapping", shown=_short(shown), key=key_node.value),
        msg("W303.colon_mapping_hint"),
    )


def _plain(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.style is None


def _sexagesimal(raw: str) -> float:
    sign = -1.0 if raw.startswith("-") else 1.0
    total = 0.0
    for part in raw.lstrip("+-").replace("_", "").split(":"):
        total = total * 60 + float(part)
    return sign * total


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
