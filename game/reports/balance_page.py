"""The balance report: one self-contained HTML file with inline SVG charts, in zh or en, of what
``game.assessment.balance`` found when every bot tier played a scenario.

Every word a reader sees comes from ``balance_text.json``; this module only lays out the page
(the charts are ``balance_charts``). The file is written atomically (``write_text_atomic``), so
a reader never finds half a report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.assessment.ablation_lab import EFFECT_MIN
from game.assessment.balance import (
    VARIANT_BOTS,
    Amount,
    BalanceReport,
    Dec,
    Fact,
    Flag,
    KpiValue,
    Label,
    Pct,
)
from game.assessment.lab import AUC_MIN, G_MIN, ICC_MIN
from game.assessment.rubric import Words as RubricWords
from game.records.files import write_text_atomic
from game.reports.balance_charts import (
    FAIL,
    PASS,
    accounts_chart,
    colour,
    dec,
    risks_chart,
    scores_chart,
    signed,
    targets_chart,
    variants_chart,
)
from game.reports.html import FONT_STACK, LANGS, e, page
from game.reports.svg import GRID, INK, MUTED, RULE
from game.reports.words import Words, load_words
from game.scenario.text import Text
from game.text.numbers import kpi_value, money, pct

TEXT_FILE = Path(__file__).with_name("balance_text.json")
__all__ = ["LANGS", "TEXT_FILE", "Lexicon", "load_text", "render", "write_report"]


def load_text() -> dict[str, Any]:
    """``balance_text.json``: nested sections whose leaves are ``{"en": ..., "zh": ...}``."""
    return load_words(TEXT_FILE)


class Lexicon(Words):
    """The balance report's words in one language."""

    def __init__(self, lang: str) -> None:
        super().__init__(TEXT_FILE, lang)

    def fact(self, value: Fact) -> str:
        """A flag's fact in this language."""
        if isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, str):
            return value
        if isinstance(value, Pct):
            return pct(value.value, 0)
        if isinstance(value, Amount):
            return money(value.value)
        if isinstance(value, Dec):
            return dec(value.value, value.digits)
        if isinstance(value, KpiValue):
            return kpi_value(value.kpi, value.value, trim=True)
        if isinstance(value, Label):
            return self(value.key if self.has(value.key) else value.fallback or value.key)
        if isinstance(value, Text | RubricWords):
            return value.pick(self.lang)
        return self("punct.list").join(self.fact(v) for v in value)

    def tier(self, bot: str) -> str:
        return self(f"tier.{bot}") if self.has(f"tier.{bot}") else bot


# --------------------------------------------------------------------------- sections


def _mark(w: Lexicon, ok: bool) -> str:
    cls, key = ("pass", "marks.pass") if ok else ("fail", "marks.fail")
    return f'<span class="{cls}">{e(w(key))}</span>'


def _legend(w: Lexicon, tiers: Sequence[str], tick: str = "") -> str:
    """The tiers' colours (and the meaning of the black tick, if the chart has one)."""
    items = "".join(
        f'<span class="key"><span class="swatch" style="background:{colour(t)}"></span>'
        f"{e(w.tier(t))}</span>"
        for t in tiers
    )
    if tick:
        items += f'<span class="key"><span class="tick"></span>{e(tick)}</span>'
    return f'<p class="legend">{items}</p>'


def _items(fact: Fact) -> list[list[Fact]]:
    """A fact that is a list of lists (e.g. pairs of tiers with their statistics)."""
    return [x for x in fact if isinstance(x, list)] if isinstance(fact, list) else []


def flag_html(flag: Flag, w: Lexicon) -> str:
    base = f"flags.{flag.code}.{flag.variant}"
    facts = {k: w.fact(v) for k, v in flag.facts.items()}
    if flag.code == "no_separation":
        facts["pairs"] = w("punct.list").join(
            w("flags.no_separation.pair", lower=w.fact(p[0]), upper=w.fact(p[1]),
              g=w.fact(p[2]), auc=w.fact(p[3]))
            for p in _items(flag.facts["pairs"])
        )
        facts["means"] = w("punct.list").join(
            w("flags.no_separation.mean", tier=w.fact(m[0]), mean=w.fact(m[1]))
            for m in _items(flag.facts["means"])
        )
    return (
        f'<div class="flag" id="flag-{e(flag.code)}-{e(flag.subject or "")}">'
        f'<h3><span class="icon">{e(w("marks.flag"))}</span> {e(w(base + ".title", **facts))}</h3>'
        f"<p>{e(w(base + '.explain', **facts))}</p>"
        f'<p class="fix"><strong>{e(w("flags.fix"))}</strong>{e(w(base + ".fix", **facts))}</p>'
        "</div>"
    )


def _flags(report: BalanceReport, w: Lexicon) -> str:
    out = [f'<section id="flags"><h2>{e(w("flags.heading"))}</h2>']
    if report.resized:
        note = w("notes.resized", customers=money(report.customers),
                 declared=money(report.declared_customers))
        out.append(f'<p class="note">{e(note)}</p>')
    if not report.flags:
        out.append(f'<p class="ok">{e(w("flags.none"))}</p>')
    out += [flag_html(f, w) for f in report.flags]
    out.append("</section>")
    return "".join(out)


def _th(text: str, cols: int = 1, rows: int = 1) -> str:
    span = (f' colspan="{cols}"' if cols > 1 else "") + (f' rowspan="{rows}"' if rows > 1 else "")
    return f'<th scope="col"{span}>{e(text)}</th>'


def _separation(report: BalanceReport, w: Lexicon) -> str:
    lab = report.lab
    tiers = report.tiers
    names = dict(report.competencies)
    adjacent = lab.competencies[0].adjacent if lab.competencies else []
    top = [_th(w("separation.competency"), rows=2), _th(w("separation.means"), cols=len(tiers))]
    sub = [_th(w.tier(t)) for t in tiers]
    for a in adjacent:
        top.append(_th(w("separation.pair", lower=w.tier(a["lower"]), upper=w.tier(a["upper"])),
                       cols=2))
        sub += [_th(w("separation.g")), _th(w("separation.auc"))]
    top += [_th(w(f"separation.{k}"), rows=2) for k in ("icc", "ordered", "gaming", "result")]
    rows = []
    for c in lab.competencies:
        name = names[c.id].pick(w.lang) if c.id in names else c.id
        cells = [f'<th scope="row">{e(name)}<br><span class="id">{e(c.id)}</span></th>']
        cells += [f'<td class="num">{dec(c.tiers[t]["mean"])}</td>' for t in tiers]
        for a in c.adjacent:
            cells.append(f'<td class="num">{dec(a["g"])} {_mark(w, a["g"] >= G_MIN)}</td>')
            cells.append(f'<td class="num">{dec(a["auc"])} {_mark(w, a["auc"] >= AUC_MIN)}</td>')
        cells.append(f'<td class="num">{dec(c.icc21)} {_mark(w, c.icc21 >= ICC_MIN)}</td>')
        cells.append(f'<td class="num">{_mark(w, c.ordered)}</td>')
        cells.append(f'<td class="num">{_mark(w, all(g["pass"] for g in c.gaming))}</td>')
        cells.append(f'<td class="num">{_mark(w, c.passed)}</td>' if c.assessed else
                     f'<td class="num"><span class="id">{e(w("separation.not_judged"))}</span></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    lead = w("separation.lead", g=dec(G_MIN, 1), auc=dec(AUC_MIN, 1), icc=dec(ICC_MIN))
    unjudged = [names[c.id].pick(w.lang) if c.id in names else c.id
                for c in lab.competencies if not c.assessed]
    note = (f'<p class="lead">{e(w("separation.not_judged_note", names=w("punct.list").join(unjudged)))}</p>'
            if unjudged else "")
    return (
        f'<section id="separation"><h2>{e(w("separation.title"))}</h2>'
        f'<p class="lead">{e(lead)}</p>'
        f'<div class="scroll"><table class="stats"><thead><tr>{"".join(top)}</tr>'
        f'<tr>{"".join(sub)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{note}</section>"
    )


def _ablations(report: BalanceReport, w: Lexicon) -> str:
    """What each behaviour of the expert is worth here (``lab --ablations``)."""
    out = [f'<section id="ablations"><h2>{e(w("ablations.title"))}</h2>']
    abl = report.ablations
    if abl is None:
        out.append(f'<p class="note">{e(w("ablations.not_run"))}</p></section>')
        return "".join(out)
    out.append(f'<p class="lead">{e(w("ablations.lead", runs=len(abl.seeds), min=dec(EFFECT_MIN, 1)))}</p>')
    heads = [w(f"ablations.{k}") for k in
             ("removed", "profit_loss", "effect", "kpi", "expert", "without", "effect", "matters")]
    rows = []
    for r in abl.results:
        a, k = r.ablation, r.kpi
        fmt = money if abs(k.expert_mean) >= 100 else dec
        cells = [
            f'<th scope="row">{e(w(f"ablations.ids.{a.id}"))}<br>'
            f'<span class="id">{e(" ".join(a.cw))}</span></th>',
            f'<td class="num">{money(r.profit.loss_mean)}</td>',
            f'<td class="num">{dec(r.profit.effect)} {_mark(w, r.profit.effect >= EFFECT_MIN)}</td>',
            f'<td>{e(w(f"ablations.kpis.{a.kpi}"))}</td>',
            f'<td class="num">{fmt(k.expert_mean)}</td>',
            f'<td class="num">{fmt(k.ablated_mean)}</td>',
            f'<td class="num">{dec(k.effect)} {_mark(w, k.effect >= EFFECT_MIN)}</td>',
            f'<td class="num">{_mark(w, r.passed)}</td>',
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    out.append(
        f'<div class="scroll"><table class="stats"><thead><tr>{"".join(_th(h) for h in heads)}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )
    return "".join(out)


def _variants(report: BalanceReport, w: Lexicon) -> str:
    v = report.variants
    out = [f'<section id="variants"><h2>{e(w("variants.title"))}</h2>']
    if v is None:
        out.append(f'<p class="note">{e(w("variants.not_run"))}</p></section>')
        return "".join(out)
    if not v.declared:
        out.append(f'<p class="note">{e(w("variants.undeclared"))}</p></section>')
        return "".join(out)
    band_key = "variants.lead_declared" if v.band_declared else "variants.lead_default"
    lead = w(band_key, n=v.requested, band=dec(v.band), seeds=len(v.seeds),
             tier=w.tier(VARIANT_BOTS[0]))
    out.append(f'<p class="lead">{e(lead)}</p>')
    if not v.revenue_judged:
        out.append(f'<p class="note">{e(w("variants.revenue_not_judged"))}</p>')
    out.append(variants_chart(v, report, w))
    names = dict(report.competencies)
    heads = [w("variants.trainee")]
    for bot in VARIANT_BOTS:
        heads += [
            w("variants.revenue_head", tier=w.tier(bot)),
            w("variants.competency_head", tier=w.tier(bot)),
        ]
    heads.append(w("variants.within"))
    rows = []
    for row in v.rows:
        cells = [f'<th scope="row" class="id">{e(row.trainee)}</th>']
        for bot in VARIANT_BOTS:
            b = row.bots[bot]
            cells.append(
                f'<td class="num">{pct(b.base_revenue_share, 0)} → {pct(b.revenue_share, 0)} '
                f"({signed(b.revenue_delta)})</td>"
            )
            deltas = {c: d for c, d in b.deltas().items() if not math.isnan(d)}
            if deltas and not any(deltas.values()):
                cells.append(f'<td class="num">{signed(0.0)}</td>')
            elif deltas:
                worst = max(deltas, key=lambda c: abs(deltas[c]))
                name = names[worst].pick(w.lang) if worst in names else worst
                cells.append(
                    f'<td>{signed(deltas[worst])} <span class="small">{e(name)}</span></td>'
                )
            else:
                cells.append("<td>–</td>")
        cells.append(f'<td class="num">{_mark(w, row.within)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in heads)
    out.append(
        f'<div class="scroll"><table class="stats"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )
    return "".join(out)


CSS = f"""
body {{ margin: 0; background: #f6f8fa; color: {INK}; font-family: {FONT_STACK};
  font-size: 15px; line-height: 1.55; }}
main {{ max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; background: #fff; }}
h1 {{ font-size: 26px; margin: 0 0 4px; }}
h2 {{ font-size: 20px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid {RULE}; }}
h3 {{ font-size: 16px; margin: 0 0 4px; }}
svg text {{ font-family: {FONT_STACK}; }}
.meta, .small {{ color: {MUTED}; font-size: 13px; }}
.lead {{ margin: 4px 0 10px; }}
.note {{ background: #fff8c5; border-left: 4px solid #d4a72c; padding: 8px 12px; }}
.ok {{ background: #dafbe1; border-left: 4px solid {PASS}; padding: 8px 12px; }}
.flag {{ border: 1px solid #ffcecb; border-left: 5px solid {FAIL}; background: #fff5f5;
  padding: 10px 14px; margin: 10px 0; }}
.flag p {{ margin: 4px 0; }}
.flag .icon {{ color: {FAIL}; }}
.fix {{ color: #24292f; }}
.legend {{ margin: 6px 0; }}
.key {{ display: inline-block; margin-right: 18px; font-size: 14px; }}
.swatch {{ display: inline-block; width: 12px; height: 12px; margin-right: 6px;
  vertical-align: -1px; border-radius: 2px; }}
.tick {{ display: inline-block; width: 3px; height: 14px; margin: 0 8px 0 4px;
  vertical-align: -2px; background: {INK}; }}
th.id, th .id {{ white-space: nowrap; }}
.scroll {{ overflow-x: auto; }}
table.stats {{ border-collapse: collapse; font-size: 13px; width: 100%; }}
table.stats th, table.stats td {{ border-bottom: 1px solid {GRID}; padding: 5px 6px;
  text-align: left; vertical-align: top; }}
table.stats thead th {{ background: #f6f8fa; font-weight: 600; }}
td.num {{ white-space: nowrap; font-variant-numeric: tabular-nums; }}
.id {{ color: {MUTED}; font-size: 12px; font-weight: normal;
  font-family: ui-monospace, monospace; }}
.pass {{ color: {PASS}; font-weight: bold; }}
.fail {{ color: {FAIL}; font-weight: bold; }}
footer {{ margin-top: 36px; color: {MUTED}; font-size: 13px; }}
code {{ font-family: ui-monospace, monospace; font-size: 13px; background: #f6f8fa;
  padding: 1px 4px; }}
"""


def render(report: BalanceReport, lang: str = "en", command: str = "") -> str:
    """The balance report as one HTML document in ``lang`` (zh or en)."""
    w = Lexicon(lang)
    title = report.title.pick(lang)
    seeds = report.seeds
    meta = w(
        "header.meta",
        id=report.scenario_id,
        runs=report.runs,
        first=seeds[0] if seeds else "–",
        last=seeds[-1] if seeds else "–",
        customers=money(report.customers),
        rubric=report.rubric_id,
    )
    notes = []
    if report.runs < 10:
        notes.append(f'<p class="note">{e(w("notes.few_runs", runs=report.runs))}</p>')
    body = [
        f"<header><h1>{e(w('header.title'))}{e(w('punct.colon'))}{e(title)}</h1>",
        f'<p class="meta">{e(meta)}</p>',
        f'<p class="lead">{e(w("header.lead"))}</p>',
        *notes,
        "</header>",
        _flags(report, w),
        f'<section id="scores"><h2>{e(w("scores.title"))}</h2>'
        f'<p class="lead">{e(w("scores.lead"))}</p>{_legend(w, report.tiers)}'
        f"{scores_chart(report, w)}</section>",
        f'<section id="targets"><h2>{e(w("targets.title"))}</h2>'
        f'<p class="lead">{e(w("targets.lead"))}</p>{_legend(w, report.tiers)}'
        f"{targets_chart(report, w)}</section>",
        f'<section id="accounts"><h2>{e(w("accounts.title"))}</h2>'
        f'<p class="lead">{e(w("accounts.lead"))}</p>{_legend(w, report.tiers)}'
        f"{accounts_chart(report, w) if report.accounts else e(w('accounts.none'))}</section>",
        f'<section id="risks"><h2>{e(w("risks.title"))}</h2>'
        f'<p class="lead">{e(w("risks.lead"))}</p>'
        f'{_legend(w, report.tiers, w("risks.expected_marker"))}'
        f"{risks_chart(report, w) if report.risks else e(w('risks.none'))}</section>",
        _separation(report, w),
        _ablations(report, w),
        _variants(report, w),
        f'<footer><p>{e(w("footer.made"))}</p>'
        + (f"<p><code>{e(command)}</code></p>" if command else "")
        + "</footer>",
    ]
    heading = f"{w('header.title')}{w('punct.colon')}{title}"
    return page(heading, "\n".join(body), lang, CSS)


def write_report(report: BalanceReport, path: str | Path, lang: str = "en",
                 command: str = "") -> Path:
    """Render ``report`` and write it to ``path`` atomically; returns the path written."""
    return Path(write_text_atomic(path, render(report, lang, command)))
