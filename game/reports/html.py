"""The HTML page shell every report shares: one self-contained file (inline CSS and SVG, no
script, nothing fetched), the fonts, escaping and tables."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

FONT_STACK = (
    "'Noto Sans SC','Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"
    "'Segoe UI',system-ui,Helvetica,Arial,sans-serif"
)
LANGS = ("en", "zh")


def e(text: Any) -> str:
    """``text`` escaped for HTML and attribute values."""
    return escape(str(text), quote=True)


def html_lang(lang: str) -> str:
    return "zh-CN" if lang == "zh" else "en"


def page(title: str, body: str, lang: str, css: str) -> str:
    """A whole document: ``body`` is HTML already, ``title`` is text."""
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = (),
          cls: str = "") -> str:
    """A table whose cells are already HTML (headers are text); ``numeric`` columns are
    right-aligned."""
    head = "".join(f'<th{" class=n" if i in numeric else ""}>{e(h)}</th>'
                   for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{c}</td>'
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return (f'<div class="scroll"><table class="{cls}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")
