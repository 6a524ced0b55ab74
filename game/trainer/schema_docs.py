"""The authoring guide's generated parts: the field reference (from the JSON Schema) and the
table of problem codes (from errors.CODES and lint.LINT_CODES).

Each generated part sits between two HTML comments in docs/authoring.md and
docs/authoring.zh.md; ``update_doc`` rewrites only what is between them.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.scenario.errors import CODES
from game.scenario.models import ID_PATTERN
from game.trainer.lint_base import LINT_CODES, LINT_CODES_ZH

SECTIONS = ("field-reference", "problem-codes")

FIELD_TEXT_ZH = Path(__file__).with_name("field_text_zh.json")
"""Each field's (and block's) English explanation -> its Chinese one, for the Chinese guide."""

LOADER_CODES_ZH: dict[str, str] = {
    "E001": "无法读取文件（找不到、是文件夹或没有权限）",
    "E002": "文件太大，不可能是场景文件",
    "E003": "文件不是 UTF-8 文本（二进制数据、NUL 字节或控制字符）",
    "E004": "文件是空的",
    "E010": "YAML 语法错误",
    "E011": "禁止使用的标签：只允许普通文字、数字、true/false、null、列表和映射",
    "E012": "别名、节点或嵌套层数过多（或别名引用了自身）",
    "E013": "同一个映射中出现了两次相同的键",
    "E014": "顶层不是键的映射",
    "E101": "未知的键",
    "E102": "缺少必填的键",
    "E103": "值的类型错误",
    "E104": "值超出范围或不是允许的取值",
    "E105": "场景各部分互相矛盾：引用了不存在的编号或重复的编号，或游戏无法使用的谈判选项："
    "服务级别在 company.service_cost 中没有成本，需要数字的地方写了文字，折扣小于 0 或不小于 1，"
    "采购量比例不大于 0",
    "E106": "违反了格式的某条规则",
}
"""The loader's codes (errors.CODES) in Chinese, for the Chinese authoring guide."""

_WORDS = {
    "en": {
        "key": "Key",
        "type": "Type",
        "required": "Required",
        "description": "Description",
        "example": "Example",
        "yes": "yes",
        "no": "no",
        "top": "Scenario (the top level)",
        "number": "number",
        "integer": "whole number",
        "boolean": "true or false",
        "text": "text",
        "id": "id",
        "list": "list of {}",
        "mapping": "mapping",
        "mapping_of": "mapping: {} → {}",
        "optional": "no (default {})",
        "or_empty": "or empty",
        "one_of": "one of:",
        "or": "or",
        "items": "items",
        "code": "Code",
        "severity": "Severity",
        "meaning": "Meaning",
        "error": "error",
        "warning": "warning",
        "from": "Found by",
        "loader": "loader",
        "lint": "lint",
    },
    "zh": {
        "key": "键",
        "type": "类型",
        "required": "必填",
        "description": "说明",
        "example": "示例",
        "yes": "是",
        "no": "否",
        "top": "Scenario（顶层）",
        "number": "数字",
        "integer": "整数",
        "boolean": "true 或 false",
        "text": "文本",
        "id": "编号",
        "list": "{}列表",
        "mapping": "映射",
        "mapping_of": "映射：{} → {}",
        "optional": "否（默认 {}）",
        "or_empty": "或留空",
        "one_of": "取值之一：",
        "or": "或",
        "items": "项",
        "code": "代码",
        "severity": "级别",
        "meaning": "含义",
        "error": "错误",
        "warning": "警告",
        "from": "检查方",
        "loader": "加载器",
        "lint": "lint",
    },
}


def field_reference(schema: dict[str, Any], lang: str = "en") -> str:
    """One Markdown table per block of the format, from the top level down."""
    words = _WORDS[lang]
    definitions: dict[str, Any] = schema.get("definitions", {})
    order = _block_order(schema, definitions)
    parts: list[str] = []
    for name in order:
        block = schema if name == "" else definitions[name]
        heading = words["top"] if name == "" else name
        parts.append(f"### {heading}\n")
        description = block.get("description")
        if description:
            parts.append(_describe(description, lang) + "\n")
        parts.append(_table(block, words, lang))
    return "\n".join(parts)


def codes_reference(lang: str = "en") -> str:
    """A Markdown table of every problem code: the loader's and the lint's."""
    words = _WORDS[lang]
    rows = [
        f"| {words['code']} | {words['severity']} | {words['from']} | {words['meaning']} |",
        "|---|---|---|---|",
    ]
    loader = LOADER_CODES_ZH if lang == "zh" else CODES
    lint = LINT_CODES_ZH if lang == "zh" else LINT_CODES
    for code in CODES:
        meaning = loader.get(code, CODES[code])
        rows.append(f"| `{code}` | {words['error']} | {words['loader']} | {_cell(meaning)} |")
    for code in LINT_CODES:
        severity = words["error"] if code.startswith("E") else words["warning"]
        meaning = lint.get(code, LINT_CODES[code])
        rows.append(f"| `{code}` | {severity} | {words['lint']} | {_cell(meaning)} |")
    return "\n".join(rows) + "\n"


def generated_sections(schema: dict[str, Any], lang: str) -> dict[str, str]:
    return {
        "field-reference": field_reference(schema, lang),
        "problem-codes": codes_reference(lang),
    }


def replace_sections(document: str, sections: dict[str, str]) -> str:
    """``document`` with the text between each section's markers replaced."""
    for name, body in sections.items():
        start, end = _markers(name)
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
        if not pattern.search(document):
            raise ValueError(f"the document has no '{start}' ... '{end}' markers")
        document = pattern.sub(lambda _m, b=body, s=start, e=end: f"{s}\n{b}\n{e}", document)
    return document


def committed_section(document: str, name: str) -> str | None:
    """The text between the markers of section ``name`` (None without markers)."""
    start, end = _markers(name)
    found = re.search(re.escape(start) + r"\n(.*?)\n" + re.escape(end), document, re.DOTALL)
    return found.group(1) if found else None


def update_doc(path: Path, schema: dict[str, Any], lang: str, dry_run: bool = False) -> bool:
    """Rewrite the generated sections of ``path`` (unless ``dry_run``); True if they differ."""
    before = path.read_text(encoding="utf-8")
    after = replace_sections(before, generated_sections(schema, lang))
    if after == before or dry_run:
        return after != before
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(after, encoding="utf-8")
    temporary.replace(path)
    return True


def _markers(name: str) -> tuple[str, str]:
    return (
        f"<!-- BEGIN GENERATED {name}: python main.py schema --docs -->",
        f"<!-- END GENERATED {name} -->",
    )


def _block_order(schema: dict[str, Any], definitions: dict[str, Any]) -> list[str]:
    """The top level, then every definition in the order a reader meets it (depth first)."""
    order: list[str] = [""]
    seen: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/definitions/"):
                name = ref.rsplit("/", 1)[1]
                if name not in seen:
                    seen.add(name)
                    order.append(name)
                    visit(definitions[name].get("properties", {}))
            for key, value in node.items():
                if key not in ("examples", "default"):
                    visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(schema.get("properties", {}))
    return order


def _table(block: dict[str, Any], words: dict[str, str], lang: str) -> str:
    required = set(block.get("required", []))
    rows = [
        f"| {words['key']} | {words['type']} | {words['required']} | {words['description']} | "
        f"{words['example']} |",
        "|---|---|---|---|---|",
    ]
    for key, prop in block.get("properties", {}).items():
        if key in required:
            needed = words["yes"]
        elif "default" in prop and _short(prop["default"], 30) is not None:
            needed = words["optional"].format(f"`{_short(prop['default'], 30)}`")
        else:
            needed = words["no"]
        examples = prop.get("examples") or []
        example = _short(examples[0], 60) if examples else None
        rows.append(
            f"| `{key}` | {_cell(_type(prop, words))} | {needed} | "
            f"{_cell(_describe(prop.get('description', ''), lang))} | "
            f"{'`' + _cell(example) + '`' if example is not None else ''} |"
        )
    return "\n".join(rows) + "\n"


def _type(prop: dict[str, Any], words: dict[str, str]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        text = f" {words['or']} ".join(_type(o, words) for o in options)
        if len(options) < len(prop["anyOf"]):
            text += f" {words['or_empty']}"
        return text
    if "const" in prop:
        return f"`{json.dumps(prop['const'], ensure_ascii=False)}`"
    if "enum" in prop:
        return f"{words['one_of']} " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind in ("number", "integer"):
        return words[kind] + _bounds(prop)
    if kind == "boolean":
        return words["boolean"]
    if kind == "string":
        return words["id"] if prop.get("pattern") == ID_PATTERN else words["text"]
    if kind == "array":
        items = prop.get("items", {})
        if isinstance(items, list):
            inner = ", ".join(_type(i, words) for i in items)
            return f"[{inner}]"
        size = _sizes(prop, words)
        return words["list"].format(_type(items, words)) + size
    if kind == "object":
        value = prop.get("additionalProperties")
        if isinstance(value, dict):
            return words["mapping_of"].format(words["id"], _type(value, words))
        return words["mapping"]
    return "any"


def _bounds(prop: dict[str, Any]) -> str:
    parts = []
    for key, sign in (
        ("minimum", "≥"),
        ("exclusiveMinimum", ">"),
        ("maximum", "≤"),
        ("exclusiveMaximum", "<"),
    ):
        if key in prop:
            value = prop[key]
            parts.append(f"{sign} {value:g}" if value < 1e15 else f"{sign} 2^63")
    return f" {', '.join(parts)}" if parts else ""


def _sizes(prop: dict[str, Any], words: dict[str, str]) -> str:
    low, high = prop.get("minItems"), prop.get("maxItems")
    if low is None and high is None:
        return ""
    if high is None:
        return f" (≥ {low} {words['items']})"
    return f" ({low or 0}–{high} {words['items']})"


def _describe(description: str, lang: str) -> str:
    """In Chinese, the Chinese term leads and the explanation is the Chinese one:
    'Unit cost 单位成本 — what one unit costs' -> '单位成本（Unit cost）— 每件产品的成本'."""
    if lang != "zh":
        return description
    said = zh_explanation(explanation(description))
    if " — " not in description:
        return said
    head = description.split(" — ", 1)[0]
    found = re.match(r"^(.*?)\s+([^\x00-\x7f].*)$", head)
    return f"{found.group(2)}（{found.group(1)}）— {said}" if found else f"{head} — {said}"


def explanation(description: str) -> str:
    """The explanation part of a schema description: what follows 'Name 名称 — ' (a block's
    description is all explanation)."""
    return description.split(" — ", 1)[1] if " — " in description else description


@lru_cache(maxsize=1)
def _zh_texts() -> dict[str, str]:
    return json.loads(FIELD_TEXT_ZH.read_text(encoding="utf-8"))


def zh_explanation(text: str) -> str:
    """The Chinese of an English explanation (the English itself until it has one: the tests
    hold the catalogue complete)."""
    return _zh_texts().get(text, text)


def _short(value: Any, limit: int) -> str | None:
    text = _flow(value)
    if len(text) > limit:
        return text[: limit - 1] + "…" if limit >= 40 else None
    return text


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}]*$")
_RESERVED = re.compile(
    r"^(?:yes|no|on|off|true|false|null|~|[-+.0-9][-+.0-9_:eE]*)$", re.IGNORECASE
)


def _flow(value: Any) -> str:
    """``value`` as YAML written on one line, e.g. {en: Small firms, zh: 小微企业}."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    text = str(value)
    if _PLAIN.match(text) and not _RESERVED.match(text) and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")
