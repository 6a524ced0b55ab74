"""The coaching section of the trainee report: per competency what good looks like and the
courseware's point, the occasions missed, and the improvement plan with its drills."""

from __future__ import annotations

from game.assessment.coaching import Coaching
from game.assessment.coaching_content import load_coaching_content
from game.reports.html import e, table
from game.text.numbers import money


def coaching_section(c: Coaching | None, lang: str) -> str:
    """The section as HTML (empty when the latest game has no coaching), in the order of the
    text debrief: competencies, occasions missed, the plan."""
    if c is None:
        return ""
    words = load_coaching_content()

    def h(key: str, **facts: object) -> str:
        return words.headings[key].pick(lang).format(**facts)  # type: ignore[index]

    known = words.terms.get(c.reference_bot)
    bot = known.pick(lang) if known else c.reference_bot
    out = [f"<h2>{e(h('title', scenario=c.scenario_title.pick(lang), seed=c.seed))}</h2>",
           f"<p>{e(h('profit', profit=money(c.profit), bot=bot, reference=money(c.reference_profit)))}</p>",
           f"<h3>{e(h('competencies'))}</h3>"]
    rows = []
    for comp in c.competencies:
        level = h("level", level=comp.level) if comp.level is not None else h("no_level")
        for n, ind in enumerate(comp.indicators):
            first = f"<strong>{e(comp.name.pick(lang))}</strong><br>{e(level)}" if n == 0 else ""
            rows.append([first, e(ind.name.pick(lang)), e(ind.looks_for.pick(lang)),
                         f"<code>{e(ind.point.cw)}</code> {e(ind.point.text.pick(lang))}"])
    out.append(table(["", "", h("looks_for"), h("point", cw="CW")], rows))
    out.append(f"<h3>{e(h('occasions'))}</h3>")
    if c.occasions:
        out.append("<ul>" + "".join(f"<li>{e(o.text.pick(lang))}</li>" for o in c.occasions) + "</ul>")
    else:
        out.append(f"<p>{e(h('none_missed'))}</p>")
    out.append(f"<h3>{e(h('plan'))}</h3>")
    if c.plan:
        out.append("<ol>" + "".join(
            f"<li>{e(i.text.pick(lang))} <strong>+{e(money(i.profit_gain))}</strong> · "
            f"{e(i.drill_title.pick(lang) if i.drill_title else i.drill)} "
            f"<code>{e(i.drill)}</code></li>" for i in c.plan) + "</ol>")
    else:
        out.append(f"<p>{e(h('no_plan'))}</p>")
    out.append(f'<p class="note">{e(h("stand_in", profit=money(c.stand_in_profit)))}</p>')
    return "".join(out)
