"""The coaching as readable text in one language (zh or en), for ``replay --coach``."""

from __future__ import annotations

from game.assessment.coaching import Coaching
from game.assessment.coaching_content import CoachingContent, load_coaching_content
from game.text.numbers import money

CAUSE_GAP_MIN = 1.0  # a round's gap to the reference smaller than this is no gap


def coaching_lines(c: Coaching, lang: str = "en", content: CoachingContent | None = None
                   ) -> list[str]:
    content = content or load_coaching_content()

    def h(key: str, **facts: object) -> str:
        return content.headings[key].pick(lang).format(**facts)  # type: ignore[index]

    sep = "；" if lang == "zh" else "; "
    lines = [h("title", scenario=c.scenario_title.pick(lang), seed=c.seed),
             h("profit", profit=money(c.profit), bot=content.terms[c.reference_bot].pick(lang) if c.reference_bot in content.terms else c.reference_bot,
               reference=money(c.reference_profit)), "", h("competencies")]
    for comp in c.competencies:
        level = h("level", level=comp.level) if comp.level is not None else h("no_level")
        lines.append(f"  {comp.name.pick(lang)} — {level}")
        if comp.anchor is not None:
            lines.append(f"    {comp.anchor.pick(lang)}")
        for ind in comp.indicators:
            ind_level = h("level", level=ind.level) if ind.level is not None else "-"
            paren, colon = ("（{}）", "：") if lang == "zh" else (" ({})", ": ")
            lines += [f"    · {ind.name.pick(lang)}{paren.format(ind_level)}{colon}{ind.explanation.pick(lang)}",
                      f"      {h('looks_for')}{colon}{ind.looks_for.pick(lang)}",
                      f"      {h('point', cw=ind.point.cw)}{colon}{ind.point.text.pick(lang)}"]
        for key, seen in (("first_you", comp.trainee_moments),
                          ("first_reference", comp.reference_moments)):
            said = sep.join(h("moment", week=m.week, kind=comp.kinds[m.kind].pick(lang),
                              subject=m.subject.pick(lang) if m.subject else "").rstrip(" ：:")
                            for m in seen)
            lines.append("    " + h(key, moments=said or "-"))
        for m in comp.moments:
            def counts(d: dict[str, int], comp=comp) -> str:
                return sep.join(f"{comp.kinds[k].pick(lang)} ×{n}" for k, n in d.items())
            lines.append("    " + h("moments", round=m.round, you=counts(m.trainee),
                                     reference=counts(m.reference)))
    lines += ["", h("occasions")]
    lines += [f"  - {o.text.pick(lang)}" for o in c.occasions] or [f"  {h('none_missed')}"]
    lines += ["", h("waterfall")]
    for r in c.waterfall:
        lines.append("  " + h("round_profit", round=r.round, profit=money(r.trainee["profit"]),
                              reference=money(r.reference.get("profit"))))
        parts = []
        for cause, words in c.causes.items():
            amount = r.trainee.get(cause, 0.0)
            if abs(amount) >= CAUSE_GAP_MIN:
                key = "brought" if amount > 0 else "cost"
                parts.append(h(key, cause=words.pick(lang), amount=money(abs(amount))))
        if parts:
            lines.append("    " + sep.join(parts) + ("。" if lang == "zh" else "."))
        if r.reference:
            gaps = {k: r.trainee.get(k, 0.0) - r.reference.get(k, 0.0) for k in c.causes}
            worst = min(gaps, key=lambda k: (gaps[k], k))
            if gaps[worst] <= -CAUSE_GAP_MIN:
                lines.append("    " + h("gap", cause=c.causes[worst].pick(lang),
                                         amount=money(gaps[worst])))
    lines += ["", h("plan")]
    for n, item in enumerate(c.plan, 1):
        drill = item.drill_title.pick(lang) if item.drill_title else item.drill
        lines.append("  " + h("plan_item", n=n, text=item.text.pick(lang),
                              gain=money(item.profit_gain), drill=f"{drill} ({item.drill})"))
    if not c.plan:
        lines.append("  " + h("no_plan"))
    lines.append("  " + h("stand_in", profit=money(c.stand_in_profit)))
    return lines


def coaching_text(c: Coaching, lang: str = "en") -> str:
    return "\n".join(coaching_lines(c, lang))
