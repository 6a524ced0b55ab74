"""The facilitator's pages, in zh or en, self-contained (inline CSS and SVG, no script): the live
dashboard (where each trainee is, then the class debrief; it reloads itself) and the debrief
export. Both draw a ``ClassView``; neither reads anything else."""

from __future__ import annotations

import statistics
from pathlib import Path

from game.classroom.model import AccountSpread, ClassView, CompetencySpread
from game.reports import svg
from game.reports.hr_page import CSS
from game.reports.html import e, page, table
from game.reports.svg import AMBER, BLUE, GREY, INK, RULE, f1
from game.reports.words import Words
from game.text.numbers import money, number, pct

TEXT = Path(__file__).with_name("page_text.json")
DASH = "–"
EXTRA_CSS = """
.prov{color:#8c959f}.status-finished{color:#1a7f37;font-weight:600}
.status-playing{color:#0969da;font-weight:600}.status-waiting{color:#8c959f}
.acc{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start;margin:6px 0 18px}
.acc table{width:auto;min-width:300px;max-width:600px}
.acc th,.acc td:nth-child(-n+4){white-space:nowrap}
"""


def _words(lang: str) -> Words:
    return Words(TEXT, lang)


def _score(value: float | None, provisional: bool) -> str:
    if value is None:
        return DASH
    return f'<span class="prov">≈{number(value)}</span>' if provisional else number(value)


def _header(w: Words, view: ClassView) -> str:
    counts = {s: sum(1 for r in view.trainees if r.status == s)
              for s in ("finished", "playing", "waiting")}
    return (f"<h1>{e(w('title', name=view.name))}</h1>"
            f'<p class="meta">{e(w("scenario", title=w.pick(view.scenario_title), seed=view.seed))}</p>'
            f'<p class="meta">{e(w("generated", lrs=view.lrs, when=view.generated, n=view.statements))}</p>'
            f"<p><strong>{e(w('summary', total=len(view.trainees), **counts))}</strong></p>")


def _progress(w: Words, view: ClassView) -> str:
    rows = []
    for r in view.trainees:
        phase = w(f"phase.{r.phase}") if r.phase and w.has(f"phase.{r.phase}") else (r.phase or DASH)
        rows.append([e(r.trainee), f'<span class="status-{e(r.status)}">{e(w(f"status.{r.status}"))}</span>',
                     e(phase), DASH if r.round is None else f"{r.round} / {r.rounds or DASH}",
                     str(r.deals), DASH if r.profit is None else money(r.profit),
                     _score(r.overall, r.status != "finished")])
    return (f"<h2>{e(w('progress'))}</h2>"
            + table([w("col_trainee"), w("col_status"), w("col_phase"), w("col_round"),
                     w("col_deals"), w("col_profit"), w("col_overall")], rows,
                    numeric=(3, 4, 5, 6))
            + f'<p class="note">{e(w("provisional"))}</p>')


def account_chart(w: Words, acc: AccountSpread, size: float = 360.0) -> str:
    """One key account in utility space: the zone of agreement, the frontier, the Nash point and
    each trainee's outcome."""
    pad = 34.0
    span = size - 2 * pad

    def x(u: float) -> float:
        return pad + max(0.0, min(1.0, u)) * span

    def y(u: float) -> float:
        return size - pad - max(0.0, min(1.0, u)) * span

    body = [f'<rect x="{f1(x(0))}" y="{f1(y(1))}" width="{f1(span)}" height="{f1(span)}" '
            f'fill="none" stroke="{RULE}"/>']
    edge = [(a, b) for a, b in acc.frontier if a >= acc.rv_rep and b >= acc.rv_customer]
    if edge:  # the zone: above both walk-away points and under the frontier
        pts = [(acc.rv_rep, acc.rv_customer), (acc.rv_rep, max(b for _, b in edge)), *edge,
               (max(a for a, _ in edge), acc.rv_customer)]
        body.append('<polygon class="zone" points="' + " ".join(f"{f1(x(a))},{f1(y(b))}"
                                                                 for a, b in pts)
                    + f'" fill="{BLUE}" fill-opacity="0.10" stroke="none"/>')
    body.append(f'<line x1="{f1(x(acc.rv_rep))}" y1="{f1(y(0))}" x2="{f1(x(acc.rv_rep))}" '
                f'y2="{f1(y(1))}" stroke="{GREY}" stroke-dasharray="3 3"/>')
    body.append(f'<line x1="{f1(x(0))}" y1="{f1(y(acc.rv_customer))}" x2="{f1(x(1))}" '
                f'y2="{f1(y(acc.rv_customer))}" stroke="{GREY}" stroke-dasharray="3 3"/>')
    if acc.frontier:
        body.append('<polyline class="frontier" points="'
                    + " ".join(f"{f1(x(a))},{f1(y(b))}" for a, b in acc.frontier)
                    + f'" fill="none" stroke="{INK}" stroke-width="1.4"/>')
    if acc.nash is not None:
        nx, ny = x(acc.nash[0]), y(acc.nash[1])
        body.append(f'<polygon class="nash" points="{f1(nx)},{f1(ny - 7)} {f1(nx + 7)},{f1(ny)} '
                    f'{f1(nx)},{f1(ny + 7)} {f1(nx - 7)},{f1(ny)}" fill="{AMBER}"/>')
    for k, d in enumerate(acc.deals):
        jitter = ((k * 7919) % 9 - 4) * 1.2
        fill = BLUE if d.agreed else "#fff"
        body.append(f'<circle class="deal" data-trainee="{e(d.trainee)}" cx="{f1(x(d.u_rep) + jitter)}" '
                    f'cy="{f1(y(d.u_customer) - jitter)}" r="4.5" fill="{fill}" stroke="{BLUE}" '
                    f'stroke-width="1.5"><title>{e(d.trainee)}</title></circle>')
    for tick in (0.0, 0.5, 1.0):
        body.append(svg.text(x(tick), size - pad + 14, [f"{tick:g}"], 10, "middle", GREY))
        body.append(svg.text(pad - 6, y(tick) + 3, [f"{tick:g}"], 10, "end", GREY))
    body.append(svg.text(x(acc.rv_rep) + 4, y(1) + 12, [w("zone")], 10, "start", GREY))
    return svg.svg(size, size, "".join(body), w("account_chart", name=w.pick(acc.name)))


def terms_text(w: Words, view: ClassView, terms: dict[str, str | float]) -> str:
    """Agreed terms as the trainee read them: each issue's name and its value (the price as the
    discount given, the volume as the share of the yearly volume)."""
    parts = []
    for issue, value in terms.items():
        name = w.pick(view.issues.get(issue)) or issue
        shown = pct(float(value), 0) if issue in ("price", "volume") and not isinstance(value, str) \
            else (f"{float(value):g}" if not isinstance(value, str) else value)
        parts.append(f"{name} {shown}")
    return w("terms_sep").join(parts)


def _accounts(w: Words, view: ClassView) -> str:
    out = [f"<h3>{e(w('deals'))}</h3>", f'<p class="note">{e(w("account_intro"))}</p>']
    for acc in view.accounts:
        rows = [[e(d.trainee), e(w("agreed") if d.agreed else w("no_deal")),
                 DASH if d.value_claimed is None else number(d.value_claimed),
                 DASH if d.joint_value is None else number(d.joint_value),
                 f'<span class="note">{e(terms_text(w, view, d.terms))}</span>' if d.agreed
                 else DASH] for d in acc.deals]
        out.append(f"<h4>{e(w.pick(acc.name))}</h4><div class=\"acc\">{account_chart(w, acc)}"
                   + table([w("col_trainee"), w("col_agreed"), w("col_claimed"), w("col_joint"),
                            w("col_terms")], rows, numeric=(2, 3)) + "</div>")
    return "".join(out)


def _value(w: Words, view: ClassView) -> str:
    claimed: dict[str, list[float]] = {}
    joint: dict[str, list[float]] = {}
    for acc in view.accounts:
        for d in acc.deals:
            if d.value_claimed is not None:
                claimed.setdefault(d.trainee, []).append(d.value_claimed)
            if d.joint_value is not None:
                joint.setdefault(d.trainee, []).append(d.joint_value)
    rows = [[e(t), number(statistics.fmean(claimed[t])) if claimed.get(t) else DASH,
             number(statistics.fmean(joint[t])) if joint.get(t) else DASH]
            for t in sorted(set(claimed) | set(joint))]
    return (f"<h3>{e(w('value'))}</h3><p class=\"note\">{e(w('value_intro'))}</p>"
            + table([w("col_trainee"), w("col_claimed"), w("col_joint")], rows, numeric=(1, 2)))


def _missed(w: Words, view: ClassView) -> str:
    if not view.missed:
        return f"<h3>{e(w('missed'))}</h3><p>{e(w('none_missed'))}</p>"
    rows = [[e(w.pick(m.text)), str(m.trainees), str(m.times)] for m in view.missed]
    return (f"<h3>{e(w('missed'))}</h3>"
            + table([w("col_occasion"), w("col_missed_by"), w("col_missed_times")], rows,
                    numeric=(1, 2)))


def competency_chart(w: Words, comps: list[CompetencySpread]) -> str:
    """One row per competency: each trainee's score, the mean and its 95 % band."""
    left, width, row_h, top = 210.0, 380.0, 40.0, 8.0
    body = []
    for k, c in enumerate(comps):
        cy = top + k * row_h + row_h / 2
        body.append(svg.text(left - 10, cy + 4, svg.wrap(w.pick(c.name), left - 20, 11, 2), 11, "end"))
        body.append(f'<line x1="{f1(left)}" y1="{f1(cy)}" x2="{f1(left + width)}" y2="{f1(cy)}" '
                    f'stroke="{RULE}"/>')
        if c.low is not None and c.high is not None:
            body.append(f'<rect class="band" x="{f1(left + c.low * width)}" y="{f1(cy - 6)}" '
                        f'width="{f1(max(1.5, (c.high - c.low) * width))}" height="12" '
                        f'fill="{BLUE}" fill-opacity="0.18"/>')
        for i, v in enumerate(c.values):
            body.append(f'<circle cx="{f1(left + v * width)}" cy="{f1(cy + ((i * 7919) % 9 - 4) * 1.4)}" '
                        f'r="2.8" fill="{INK}" fill-opacity="0.55"/>')
        if c.mean is not None:
            mx = left + c.mean * width
            body.append(f'<line class="mean" x1="{f1(mx)}" y1="{f1(cy - 11)}" x2="{f1(mx)}" '
                        f'y2="{f1(cy + 11)}" stroke="{BLUE}" stroke-width="3"/>')
    bottom = top + len(comps) * row_h
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        body.append(svg.text(left + tick * width, bottom + 13, [f"{tick:g}"], 10, "middle", GREY))
    return svg.svg(left + width + 20, bottom + 20, "".join(body), w("competencies"))


def _competencies(w: Words, view: ClassView) -> str:
    if not view.competencies:
        return ""
    rows = [[e(w.pick(c.name)) + ("" if c.assessed else " *"), str(len(c.values)),
             DASH if c.mean is None else number(c.mean),
             DASH if c.low is None else f"{number(c.low)}–{number(c.high)}",
             DASH if c.sem is None else f"±{number(c.sem)}", str(c.insufficient)]
            for c in view.competencies]
    measured = any(c.sem is not None for c in view.competencies)
    return (f"<h3>{e(w('competencies'))}</h3><p class=\"note\">"
            + _sentences(w, w("competencies_intro"), w("sem_note" if measured else "sem_none"))
            + "</p>"
            + competency_chart(w, view.competencies)
            + table([w("col_competency"), w("col_n"), w("col_mean"), w("col_band"),
                     w("col_sem"), w("col_insufficient")], rows, numeric=(1, 2, 3, 4, 5))
            + ("" if all(c.assessed for c in view.competencies)
               else f'<p class="note">{e(w("incidental_note"))}</p>'))


def _sentences(w: Words, *texts: str) -> str:
    """Sentences one after another, escaped: a space between them in English, none in Chinese."""
    return ("" if w.lang == "zh" else " ").join(e(t) for t in texts)


def _ranking(w: Words, view: ClassView) -> str:
    """The places, each score with its error and whether it stands apart from the next one's
    where the case's study measured the error; the bare scores where none did."""
    gap = view.real_gap
    headers = [w("col_place"), w("col_trainee"), w("col_overall")]
    rows = []
    for k, (trainee, score) in enumerate(view.ranking, 1):
        if gap is None:
            rows.append([str(k), e(trainee), number(score)])
            continue
        after = view.ranking[k][1] if k < len(view.ranking) else None
        apart = DASH if after is None else w("apart" if score - after > gap else "not_apart")
        rows.append([str(k), e(trainee), f"{number(score)} ±{number(view.overall_sem)}", e(apart)])
    if gap is None:
        note = w("sem_none")
    else:
        note = w("ranking_gap", gap=number(gap), sem=number(view.overall_sem))
        headers.append(w("col_apart"))
    return (f"<h3>{e(w('ranking'))}</h3><p class=\"note\">{_sentences(w, w('ranking_note'), note)}</p>"
            + table(headers, rows, numeric=(0, 2)))


def _debrief(w: Words, view: ClassView, show_ranking: bool) -> str:
    out = [f"<h2>{e(w('debrief'))}</h2>"]
    if not any(r.status == "finished" for r in view.trainees):
        return out[0] + f"<p>{e(w('no_finished'))}</p>"
    out += [_accounts(w, view), _value(w, view), _missed(w, view), _competencies(w, view)]
    if show_ranking:
        out.append(_ranking(w, view))
    return "".join(out)


def dashboard_html(view: ClassView, lang: str, *, refresh_seconds: int | None = 10,
                   show_ranking: bool = True) -> str:
    """The live page: where everyone is, then the class debrief; it reloads itself every
    ``refresh_seconds`` (None: never)."""
    w = _words(lang)
    html = page(w("title", name=view.name),
                _header(w, view) + _progress(w, view) + _debrief(w, view, show_ranking),
                lang, CSS + EXTRA_CSS)
    if refresh_seconds:
        html = html.replace("<head>\n", f'<head>\n<meta http-equiv="refresh" '
                                        f'content="{int(refresh_seconds)}">\n', 1)
    return html


def debrief_html(view: ClassView, lang: str, *, show_ranking: bool = True) -> str:
    """The class debrief as one self-contained file, for the facilitator to keep or hand out."""
    w = _words(lang)
    return page(w("title", name=view.name),
                _header(w, view) + _progress(w, view) + _debrief(w, view, show_ranking),
                lang, CSS + EXTRA_CSS)
