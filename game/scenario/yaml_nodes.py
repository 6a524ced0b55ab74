"""YAML text -> plain Python data, keeping the YAML node behind every data path for positions.

Composition uses PyYAML's safe loader (no tag ever constructs an object) with limits on nodes,
aliases and nesting checked while composing, and the composed graph is measured before it is
expanded, so an alias bomb is refused without being expanded.

When PyYAML was built with libyaml, its C event parser feeds the same composer, which makes
reading a scenario about eight times faster. libyaml is more lenient than PyYAML in a few corners
(tabs, a byte-order mark inside the text, '?' or an empty value inside a one-line {mapping},
a bare '!' tag) and places an end-of-file mark differently, so such text, and any text the C
parser refuses, is composed again by PyYAML alone: the nodes, positions and messages are PyYAML's
either way.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.error import Mark, MarkedYAMLError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML without libyaml: PyYAML's own parser does all the work
    CParser = None

from game.scenario.errors import Problem, ScenarioError, error
from game.scenario.messages import Msg, Param, msg

DataPath = tuple[Hashable, ...]
"""Keys and list indices from the document root to a value, e.g. ``("market", "segments", 0)``."""


def dotted(path: DataPath) -> str:
    """A data path as a trainer reads it in a message: ``market.segments[0].share``."""
    out = ""
    for element in path:
        if isinstance(element, int) and not isinstance(element, bool):
            out += f"[{element}]"
        else:
            out += f".{element}" if out else str(element)
    return out

MAX_NODES = 200_000
MAX_ALIASES = 100
MAX_DEPTH = 100

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
SEQ, MAP, MERGE, VALUE, TIMESTAMP = (
    _TAG + t for t in ("seq", "map", "merge", "value", "timestamp")
)
_SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, MERGE, VALUE})
_CONSTRUCTOR = SafeConstructor()
_EXPECTED = {INT: "expect.whole_number", FLOAT: "expect.number", BOOL: "expect.bool"}


@dataclass
class YamlTree:
    """The document as plain data, and the YAML node each data path came from."""

    data: Any
    nodes: dict[DataPath, Node] = field(default_factory=dict)
    key_nodes: dict[DataPath, Node] = field(default_factory=dict)

    def position(self, path: DataPath) -> tuple[int, int]:
        """1-based (line, column) where the value at ``path`` starts."""
        return mark_position(self.nodes[path].start_mark)

    def key_position(self, path: DataPath) -> tuple[int, int]:
        """1-based (line, column) of the mapping key naming ``path`` (else of its value)."""
        node = self.key_nodes.get(path) or self.nodes[path]
        return mark_position(node.start_mark)


def mark_position(mark: Mark | None) -> tuple[int, int]:
    """A PyYAML mark (0-based) as a 1-based (line, column) counted in characters."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:python/object`` -> ``!!python/object``."""
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


class _LimitExceeded(Exception):
    def __init__(self, mark: Mark | None, text: Msg, hint: Msg) -> None:
        super().__init__(str(text))
        self.mark, self.text, self.hint = mark, text, hint


class _Guard(Composer):
    """Counts nodes, aliases and nesting while composing (whichever parser gives the events)."""

    node_count = 0
    alias_count = 0
    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise _LimitExceeded(
                    event.start_mark,
                    msg("E012.too_many_aliases", limit=MAX_ALIASES),
                    msg("E012.too_many_aliases_hint"),
                )
            target = self.anchors.get(event.anchor)
            if isinstance(target, SequenceNode | MappingNode) and target.end_mark is None:
                raise _LimitExceeded(
                    event.start_mark, msg("E012.cycle"), msg("E012.cycle_hint")
                )
            return super().compose_node(parent, index)
        self.node_count += 1
        if self.node_count > MAX_NODES:
            raise _LimitExceeded(
                event.start_mark,
                msg("E012.too_many_values", limit=MAX_NODES),
                msg("E012.too_many_values_hint"),
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _LimitExceeded(
                    event.start_mark,
                    msg("E012.too_deep", limit=MAX_DEPTH),
                    msg("E012.too_deep_hint"),
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _GuardedLoader(_Guard, yaml.SafeLoader):
    """PyYAML's safe loader, guarded."""


class _Lenient(Exception):
    """The text is where libyaml and PyYAML disagree: compose it with PyYAML alone."""


_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")
_LAST_LINE = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")
"""A block scalar's header with '#' right after its indicators: YAML reads no comment there
(one needs a space before it); PyYAML refuses it, libyaml takes it for one."""


class _FromLibyaml(_Guard):
    """The guarded composer fed by libyaml's events (mixed with CParser below)."""

    def __init__(self, stream: str) -> None:
        if "\t" in stream or "\ufeff" in stream:
            raise _Lenient
        CParser.__init__(self, stream)  # type: ignore[misc]
        Resolver.__init__(self)  # type: ignore[arg-type]
        self.text = stream
        Composer.__init__(self)
        # libyaml puts a mark at the very end of text that lacks a final line break on a new
        # line of its own; PyYAML puts it after the last character
        self.end = -1 if stream.endswith(_LINE_BREAKS) or not stream else len(stream)
        self.end_mark: Mark | None = None
        if self.end >= 0:
            line = len(_LAST_LINE.findall(stream))
            last = max(stream.rfind(ch) for ch in _LINE_BREAKS)
            self.end_mark = Mark("<unicode string>", self.end, line, self.end - last - 1, None, None)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if getattr(self.peek_event(), "tag", None) == "!":
            raise _Lenient  # libyaml resolves a bare '!' on an empty value as text, PyYAML as null
        node = super().compose_node(parent, index)
        if isinstance(node, ScalarNode):
            if node.style == "":
                node.style = None  # a plain scalar, as PyYAML says it
            if node.style in ("|", ">") and _HEADER_COMMENT.match(self.text, node.start_mark.index):
                raise _Lenient
            if node.style is None and parent is not None and parent.flow_style:
                if not node.value or "?" in node.value:
                    raise _Lenient  # PyYAML ends a plain value at '?' in {..}/[..]; empty ones
        if node.end_mark.index == self.end:
            if node.start_mark.index == self.end:
                node.start_mark = self.end_mark
            node.end_mark = self.end_mark
        return node


_FastLoader: type[_FromLibyaml] | None = None
if CParser is not None:

    class _FastLoader(_FromLibyaml, CParser, Resolver):  # type: ignore[no-redef]
        """libyaml's event parser under the guarded composer (which comes first in the MRO)."""


def compose(text: str, path: str, *, libyaml: bool = True) -> Node | None:
    """Compose ``text`` into a node graph (aliases shared, not expanded); raises ScenarioError.

    ``libyaml=False`` composes with PyYAML alone (what happens anyway without libyaml).
    """
    if libyaml and _FastLoader is not None:
        try:
            loader = _FastLoader(text)
            try:
                return loader.get_single_node()
            finally:
                loader.dispose()  # type: ignore[attr-defined]
        except Exception:  # refused or lenient text: PyYAML composes it and says what is wrong
            pass
    return _compose_pure(text, path)


def _compose_pure(text: str, path: str) -> Node | None:
    loader: _GuardedLoader | None = None
    try:
        loader = _GuardedLoader(text)  # the reader refuses control characters here
        return loader.get_single_node()  # what yaml.compose(text, Loader=...) does
    except _LimitExceeded as exc:
        line, col = mark_position(exc.mark)
        raise ScenarioError([error(path, line, col, "E012", exc.text, exc.hint)]) from None
    except MarkedYAMLError as exc:
        raise ScenarioError([_syntax_problem(exc, path, text)]) from None
    except ReaderError as exc:
        raise ScenarioError([_reader_problem(exc, text, path)]) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ScenarioError(
            [
                error(
                    path,
                    1,
                    1,
                    "E010",
                    msg("E010.unreadable", detail=str(exc)),
                    msg(_SYNTAX_HINT),
                )
            ]
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def _reader_problem(exc: ReaderError, text: str, path: str) -> Problem:
    index = exc.position if isinstance(exc.position, int) else 0
    line, col = text_position(text, index)
    char = exc.character
    code_point = ord(char) if isinstance(char, str) else int(char or 0)
    return error(
        path,
        line,
        col,
        "E003",
        msg("E003.control_char", code_point=f"{code_point:04X}"),
        msg("E003.control_char_hint"),
    )


def text_position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of character ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


_UNCLOSED = re.compile(r"quoted scalar|flow mapping|flow sequence")
_SYNTAX_HINT = "E010.hint"
_SYNTAX_HINTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"mapping values are not allowed"), "E010.colon_hint"),
    (re.compile(r"'\\t'|tab"), "E010.tab_hint"),
    (re.compile(r"could not find expected ':'"), "E010.no_colon_hint"),
    (
        re.compile(r"expected <block end>|did not find expected key|expected '-'"),
        "E010.indent_hint",
    ),
    (re.compile(r"undefined alias"), "E010.alias_hint"),
    (re.compile(r"duplicate anchor"), "E010.anchor_hint"),
    (re.compile(r"single document"), "E010.document_hint"),
    (re.compile(r"end of stream|quoted scalar"), "E010.unclosed_hint"),
    (re.compile(r"expected ',' or '[\]}]'"), "E010.flow_hint"),
]
_YAML_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"mapping values are not allowed here$"), "yaml.mapping_values"),
    (re.compile(r"mapping keys are not allowed here$"), "yaml.mapping_keys"),
    (re.compile(r"could not find expected ':'$"), "yaml.no_colon"),
    (re.compile(r"did not find expected key$"), "yaml.no_key"),
    (re.compile(r"did not find expected '-' indicator$"), "yaml.no_dash"),
    (re.compile(r"found character (?P<char>.+) that cannot start any token$"), "yaml.bad_char"),
    (re.compile(r"found undefined alias (?P<name>.+)$"), "yaml.undefined_alias"),
    (re.compile(r"found unexpected end of stream$"), "yaml.end_of_stream"),
    (re.compile(r"found unknown escape character (?P<char>.+)$"), "yaml.bad_escape"),
    (re.compile(r"found unexpected document separator$"), "yaml.document_separator"),
    (re.compile(r"but found another document$"), "yaml.another_document"),
    (re.compile(r"expected a single document in the stream$"), "yaml.single_document"),
    (
        re.compile(r"expected (?P<expected>.+), but (?:found|got) (?P<found>.+)$"),
        "yaml.expected_found",
    ),
]
_WHILE = re.compile(r"while (?P<doing>scanning|parsing|composing|constructing) (?P<what>.+)$")
_WHAT = {
    "a simple key": "yaml.simple_key",
    "a quoted scalar": "yaml.quoted_scalar",
    "a plain scalar": "yaml.plain_scalar",
    "a block scalar": "yaml.block_scalar",
    "a block mapping": "yaml.block_mapping",
    "a block collection": "yaml.block_collection",
    "a flow sequence": "yaml.flow_sequence",
    "a flow mapping": "yaml.flow_mapping",
    "a mapping": "yaml.mapping",
    "a node": "yaml.node",
    "an anchor": "yaml.anchor",
    "an alias": "yaml.alias",
    "a tag": "yaml.tag",
    "a directive": "yaml.directive",
    "for the next token": "yaml.next_token",
}


def _yaml_phrase(text: str) -> Param:
    """One of PyYAML's (English) phrases as a catalog message, when it is a known one."""
    found = _WHILE.match(text)
    if found is not None:
        what = found["what"]
        thing: Param = msg(_WHAT[what]) if what in _WHAT else what
        return msg(f"yaml.while_{found['doing']}", what=thing)
    for pattern, key in _YAML_PHRASES:
        found = pattern.match(text)
        if found is not None:
            return msg(key, **found.groupdict())
    return text


_FULL_WIDTH_KEY = re.compile(r"^([ \t]*(?:- )?)([A-Za-z_][\w-]*)[ \t]*：", re.MULTILINE)
_KEY_START = re.compile(r"([ \t]*)(?:- )?[A-Za-z_][\w-]*:")


def _full_width_colon(text: str, path: str, last_line: int) -> Problem | None:
    """E010 at the first key (up to ``last_line``, 0-based) that ends with '：' instead of ':'."""
    for match in _FULL_WIDTH_KEY.finditer(text):
        line, col = text_position(text, match.end() - 1)
        if line - 1 > last_line:
            return None
        key = match.group(2)
        return error(
            path,
            line,
            col,
            "E010",
            msg("E010.full_width_colon", key=key),
            msg("E010.full_width_colon_hint", key=key),
        )
    return None


def _misindented(text: str, mark: Any) -> Msg | None:
    """A hint when the ': ' YAML refused is the colon of a key on an over-indented line."""
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines):
        return None
    match = _KEY_START.match(lines[mark.line])
    if match is None or match.end() - 1 != mark.column:
        return None
    above = next((ln for ln in reversed(lines[: mark.line]) if ln.strip()), "")
    indent, before = len(match.group(1)), len(above) - len(above.lstrip())
    return msg("E010.misindented_hint", indent=indent, above=before)


def _syntax_problem(exc: MarkedYAMLError, path: str, text: str = "") -> Problem:
    mark_line = exc.problem_mark.line if exc.problem_mark is not None else 0
    full_width = _full_width_colon(text, path, mark_line + 1) if text else None
    if full_width is not None:
        return full_width
    problem = exc.problem or ""
    context = exc.context or ""
    first_line = exc.context_mark.line + 1 if exc.context_mark is not None else 0
    message: Msg
    if "single document" in context:
        message = msg("E010.second_document", line=first_line)
    elif "duplicate anchor" in context:
        anchor = context.removeprefix("found duplicate anchor ").split(";")[0]
        message = msg("E010.anchor_again", anchor=anchor.strip(chr(39)), line=first_line)
    elif problem and context:
        parts = {"problem": _yaml_phrase(problem), "context": _yaml_phrase(context)}
        if exc.context_mark is not None and exc.context_mark is not exc.problem_mark:
            message = msg("E010.syntax_from", line=first_line, **parts)
        else:
            message = msg("E010.syntax", **parts)
    elif problem or context:
        phrase = _yaml_phrase(problem or context)
        message = phrase if isinstance(phrase, Msg) else msg("E010.unreadable", detail=phrase)
    else:
        message = msg("E010.invalid")
    both = f"{context} {problem}"
    hint = msg(next((h for pattern, h in _SYNTAX_HINTS if pattern.search(both)), _SYNTAX_HINT))
    if "mapping values are not allowed" in problem and text:
        hint = _misindented(text, exc.problem_mark) or hint
    mark = exc.problem_mark or exc.context_mark
    if (
        exc.context_mark is not None
        and mark is not None
        and exc.context_mark.line != mark.line
        and _UNCLOSED.search(context)
    ):
        mark = exc.context_mark  # an unclosed quote or bracket is fixed where it opens
        message = msg(
            "E010.syntax_here", problem=_yaml_phrase(problem), context=_yaml_phrase(context)
        )
    line, col = mark_position(mark)
    return error(path, line, col, "E010", message, hint)


# --------------------------------------------------------------------------- graph check


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def check_graph(root: Node, path: str) -> list[Problem]:
    """Tag problems (E011) of every distinct node, or one E012 if expanding would be too big.

    Visits each composed node once (aliases share nodes), computing the size and depth the
    document would have once aliases are expanded, so nothing is ever expanded to measure it.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    on_path: set[int] = set()
    problems: list[Problem] = []
    _check_tag(root, path, problems)
    stack: list[tuple[Node, Iterator[Node]]] = [(root, iter(_children(root)))]
    on_path.add(id(root))
    while stack:
        node, pending = stack[-1]
        child = next(pending, None)
        if child is None:
            stack.pop()
            on_path.discard(id(node))
            kids = _children(node)
            size[id(node)] = 1 + sum(size[id(k)] for k in kids)
            depth[id(node)] = 1 + max((depth[id(k)] for k in kids), default=0)
            if size[id(node)] > MAX_NODES or depth[id(node)] > MAX_DEPTH:
                line, col = mark_position(node.start_mark)
                what = (
                    msg("E012.expanded_values", limit=MAX_NODES)
                    if size[id(node)] > MAX_NODES
                    else msg("E012.expanded_levels", limit=MAX_DEPTH)
                )
                return [
                    error(
                        path,
                        line,
                        col,
                        "E012",
                        msg("E012.expanding", what=what),
                        msg("E012.expanding_hint"),
                    )
                ]
            continue
        if id(child) in on_path:
            line, col = mark_position(child.start_mark)
            return [error(path, line, col, "E012", msg("E012.cycle"), msg("E012.cycle_hint"))]
        if id(child) in size:
            continue
        _check_tag(child, path, problems)
        on_path.add(id(child))
        stack.append((child, iter(_children(child))))
    return problems


def _check_tag(node: Node, path: str, problems: list[Problem]) -> None:
    tag = node.tag
    if isinstance(node, ScalarNode):
        if tag in _SCALAR_TAGS:
            return
    elif tag == (SEQ if isinstance(node, SequenceNode) else MAP):
        return
    line, col = mark_position(node.start_mark)
    if tag == TIMESTAMP:
        problems.append(
            error(
                path,
                line,
                col,
                "E011",
                msg("E011.date", value=node.value),
                msg("E011.date_hint", value=node.value),
            )
        )
        return
    shown = short_tag(tag)
    key = "E011.forbidden_code_tag" if "python" in tag else "E011.forbidden_tag"
    problems.append(
        error(path, line, col, "E011", msg(key, tag=shown), msg("E011.forbidden_tag_hint", tag=shown))
    )


# --------------------------------------------------------------------------- walking


class _Walker:
    def __init__(self, path: str) -> None:
        self.path = path
        self.tree = YamlTree(data=None)
        self.problems: list[Problem] = []

    def problem(self, node: Node, code: str, text: Msg, hint: Msg) -> None:
        line, col = mark_position(node.start_mark)
        self.problems.append(error(self.path, line, col, code, text, hint))

    def walk(self, node: Node, at: DataPath) -> Any:
        self.tree.nodes[at] = node
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            return [self.walk(item, (*at, i)) for i, item in enumerate(node.value)]
        return self.mapping(node, at)

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == STR or tag == MERGE or tag == VALUE:
            return node.value
        try:
            if tag == INT:
                return _CONSTRUCTOR.construct_yaml_int(node)
            if tag == FLOAT:
                return _CONSTRUCTOR.construct_yaml_float(node)
            if tag == BOOL:
                return _CONSTRUCTOR.construct_yaml_bool(node)
        except (ValueError, KeyError, IndexError, TypeError):
            self.problem(
                node,
                "E103",
                msg("E103.scalar", value=node.value, expected=msg(_EXPECTED[tag])),
                msg("E103.scalar_hint", expected=msg(_EXPECTED[tag]), tag=short_tag(tag)),
            )
        return None  # null, or a value already reported

    def mapping(self, node: MappingNode, at: DataPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        sources: list[MappingNode] = []
        pairs: list[tuple[Hashable, Node, Node]] = []
        first: dict[Hashable, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE and isinstance(key_node, ScalarNode):
                sources.extend(self.merge_sources(value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(
                    key_node,
                    "E103",
                    msg("E103.key_not_scalar"),
                    msg("E103.key_not_scalar_hint"),
                )
                continue
            key = self.scalar(key_node)
            if key in first:
                self.problem(
                    key_node,
                    "E013",
                    msg("E013.duplicate_key", key=key_node.value),
                    msg(
                        "E013.duplicate_key_hint",
                        key=key_node.value,
                        line=first[key].start_mark.line + 1,
                    ),
                )
                continue
            first[key] = key_node
            pairs.append((key, key_node, value_node))
        for source in sources:
            result.update(self.mapping(source, at))
        for key, key_node, value_node in pairs:
            self.tree.key_nodes[(*at, key)] = key_node
            result[key] = self.walk(value_node, (*at, key))
        self.tree.nodes[at] = node
        return result

    def merge_sources(self, value: Node) -> list[MappingNode]:
        """The mappings a '<<' key merges, in the order PyYAML applies them (last wins)."""
        if isinstance(value, MappingNode):
            return [value]
        if isinstance(value, SequenceNode) and all(
            isinstance(item, MappingNode) for item in value.value
        ):
            return list(reversed(value.value))
        self.problem(
            value,
            "E103",
            msg("E103.merge"),
            msg("E103.merge_hint"),
        )
        return []


def parse_yaml(text: str, path: str = "<text>") -> YamlTree | None:
    """Parse ``text`` into a YamlTree; None for a document without content.

    Raises ScenarioError for syntax errors (E010), forbidden tags (E011), limits (E012),
    duplicate keys (E013) and control characters (E003).
    """
    root = compose(text, path)
    if root is None:
        return None
    problems = check_graph(root, path)
    if problems:
        raise ScenarioError(problems)
    walker = _Walker(path)
    walker.tree.data = walker.walk(root, ())
    if walker.problems:
        raise ScenarioError(walker.problems)
    return walker.tree
