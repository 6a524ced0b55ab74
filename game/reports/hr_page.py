"""The trainee and cohort reports for HR: one self-contained HTML file each, in zh or en.

Text comes from ``hr_text.json``; competency, indicator and KPI names and explanations come from
the rubric inside each session's scores; the figures are gathered by
``game.records.report_data``. Charts are inline SVG (``game.reports.charts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from statistics import median
from typing import Any

from game.assessment.scoring import counted_less
from game.records.cohort import Attempt
from game.records.measurement import Sem
from game.records.report_data import WATERFALL_KEYS, CohortData, ProfitData, TraineeData
from game.records.scoring import settings
from game.reports import charts
from game.reports.coaching_section import coaching_section
from game.reports.html import FONT_STACK, e, page, table
from game.reports.svg import quantile
from game.reports.words import Words
from game.text.numbers import (
    DASH,
    kpi_value,
    money,
    money_short,
    number,
    pct,
    signed,
    signed_money_short,
)

TEXT_FILE = Path(__file__).with_name("hr_text.json")
MAX_EVENTS = 12
MAX_ROWS = 200
MAX_ATTEMPT_COLUMNS = 8


class ReportWords(Words):
    """The HR reports' strings in one language."""

    def __init__(self, lang: str) -> None:
        super().__init__(TEXT_FILE, lang)


CSS = f"""
body{{font-family:{FONT_STACK};color:#24292f;margin:0;background:#f6f8fa;
line-height:1.45;font-size:14px}}
main{{max-width:980px;margin:0 auto;background:#fff;padding:28px 36px 40px}}
h1{{font-size:24px;margin:0 0 4px}}h2{{font-size:18px;margin:30px 0 8px;
border-bottom:2px solid #d0d7de;padding-bottom:4px}}h3{{font-size:15px;margin:18px 0 6px}}
p.meta{{color:#57606a;margin:2px 0}}
.banner{{border:2px solid #bf8700;background:#fff8c5;padding:10px 14px;margin:16px 0;
border-radius:6px}}.banner strong{{display:block;margin-bottom:2px}}
.note{{color:#57606a;font-size:13px}}
table{{border-collapse:collapse;width:100%;margin:8px 0 4px;font-size:13px}}
th,td{{border-bottom:1px solid #d8dee4;padding:5px 7px;text-align:left;vertical-align:top}}
th{{background:#f6f8fa;font-weight:600}}td.n,th.n{{text-align:right;
font-variant-numeric:tabular-nums;white-space:nowrap}}
.kv td:first-child{{color:#57606a;width:28%}}
.ok{{color:#1a7f37;font-weight:600}}.bad{{color:#cf222e;font-weight:600}}
.muted{{color:#8c959f}}.warn{{color:#9a6700}}.ev{{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;
color:#57606a}}.anchor{{color:#57606a;font-size:12.5px;margin:2px 0 6px}}
.charts{{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}}
figure.wf{{margin:0}}figure.wf figcaption{{font-size:13px;font-weight:600;margin:0 0 2px}}
.scroll{{overflow-x:auto}}.date{{white-space:nowrap}}
code{{font-size:12.5px;background:#f6f8fa;padding:1px 4px;border-radius:4px}}
footer{{margin-top:34px;color:#8c959f;font-size:12px;border-top:1px solid #d8dee4;
padding-top:8px}}
@media print{{body{{background:#fff}}main{{padding:0}}h2{{break-after:avoid}}
table,svg{{break-inside:avoid}}}}
"""


def review_banner(t: ReportWords, needed: bool) -> str:
    if needed:
        return f'<div class="banner"><strong>{e(t("review_title"))}</strong>{e(t("review_text"))}</div>'
    return f'<p class="note">{e(t("practice_note"))}</p>'


def mixed_sources(table: Sequence[Sem]) -> bool:
    """Whether the SEMs shown come from more than one source."""
    return len({s.source for s in table if s.value is not None}) > 1


def low_reliability(sem: Sem) -> bool:
    """Whether a study or lab measured this competency's test-retest reliability on the scenario
    below what counts as good (``measurement.json``)."""
    return (sem.source in ("validity-study", "validity-lab") and sem.reliability is not None
            and sem.reliability < float(settings()["good_reliability"]))


def sem_cell(t: ReportWords, sem: Sem, mixed: bool) -> str:
    """``±SEM``; where the table mixes sources (``mixed``), a figure that rests on the assumed
    reliability says so, and a measured reliability under good is shown beside it (the method
    section tells how each was found)."""
    if sem.value is None:
        return DASH
    if mixed and sem.source == "cohort":
        return f'±{sem.value:.2f} <span class="muted">{e(t("sem_cohort"))}</span>'
    if low_reliability(sem):
        return (f'±{sem.value:.2f} <span class="warn">'
                f'{e(t("sem_low", r=f"{sem.reliability:.2f}"))}</span>')
    return f"±{sem.value:.2f}"


def method(t: ReportWords, levels: int, table: Sequence[Sem], r: float) -> str:
    """How the scores and their measurement error were found; ``table`` is every SEM shown."""
    parts = [t("method_scores", levels=levels)]
    sources = {s.source for s in table}
    study = [s for s in table if s.source == "validity-study"]
    if study:
        parts.append(t("method_sem_study", trainees=max(s.trainees for s in study),
                       games=max(s.n for s in study)))
        if any(s.curve is not None for s in study):
            parts.append(t("method_sem_evidence"))
        criteria = sorted({s.criterion for s in study if s.criterion is not None})
        if len(criteria) == 1:
            rho, low, high = criteria[0]
            parts.append(t("method_criterion", rho=f"{rho:.2f}",
                           interval="" if low is None or high is None
                           else t("criterion_interval", low=f"{low:.2f}", high=f"{high:.2f}")))
        elif criteria:
            parts.append(t("method_criteria", low=f"{criteria[0][0]:.2f}",
                           high=f"{criteria[-1][0]:.2f}", n=len(criteria)))
    if "validity-lab" in sources:
        parts.append(t("method_sem_lab", n=max(s.n for s in table if s.source == "validity-lab")))
    if "cohort" in sources or not sources - {"none"}:
        parts.append(t("method_sem_cohort", r=r))
    if "none" in sources:
        parts.append(t("method_sem_none", min=settings()["min_cohort_for_sd"]))
    if any(low_reliability(s) for s in table):
        parts.append(t("method_sem_low", good=settings()["good_reliability"]))
    parts += [t("kpi_note"), t("method_verify")]
    return f'<h2>{e(t("section_method"))}</h2><ul>' + "".join(
        f'<li class="note">{e(p)}</li>' for p in parts) + "</ul>"


def player_name(t: ReportWords, player: str) -> str:
    return t("player_human") if player == "human" else player


def mode_name(t: ReportWords, mode: str) -> str:
    return t(f"mode_{mode}")


def scenario_name(t: ReportWords, titles: dict[str, dict[str, str]], scenario_id: str) -> str:
    """The case as the trainee saw it: its title in the report's language, else its id."""
    return t.pick(titles[scenario_id]) if scenario_id in titles else scenario_id


# ---------------------------------------------------------------------- trainee


def trainee_html(data: TraineeData, lang: str, when: str) -> str:
    t = ReportWords(lang)
    title = t("title_trainee", trainee=data.trainee)
    out = [f"<h1>{e(title)}</h1>",
           f'<p class="meta">{e(t("generated", when=when, n=len(data.attempts)))}</p>']
    if data.display_name:
        out.append(f'<p class="meta">{e(t("display_name"))}: {e(data.display_name)}</p>')
    latest = data.latest
    if latest is None or not latest.scores:
        out.append(f"<p>{e(t('no_sessions'))}</p>")
        return page(title, "".join(out), t.lang, CSS)
    out.append(review_banner(t, data.any_assessment))
    out.append(_latest(t, data, latest))
    out.append(_radar(t, data))
    out.append(_score_table(t, data))
    out.append(_kpis(t, data.kpis, data.relative))
    if latest.session.track == "rep":  # a team's profit is in its KPIs, above
        out.append(_profit(t, data.profit, data.profit_problem))
    out.append(coaching_section(data.coaching, t.lang))
    out.append(_evidence(t, data))
    out.append(_progress(t, data))
    out.append(method(t, data.levels, [r.sem for r in data.rows],
                      float(settings()["reliability"])))
    out.append(f"<footer>{e(t('footer'))}</footer>")
    return page(title, "".join(out), t.lang, CSS)


def _latest(t: ReportWords, data: TraineeData, latest: Attempt) -> str:
    s, sc = latest.session, latest.scores or {}
    target = data.target
    passed = sc.get("passed")
    sem = data.overall_sem
    overall_error = "" if sem is None or sem.value is None or sc.get("overall") is None \
        else " " + sem_cell(t, sem, True)  # True: a cohort's figure says it is one
    verdict = DASH if passed is None else (
        f'<span class="ok">{e(t("at_target"))}</span>' if passed
        else f'<span class="ok">{e(t("at_target_assessed"))}</span>' if data.only_incidental_below
        else f'<span class="bad">{e(t("below_target"))}</span>')
    rows = [
        (t("scenario"), e(scenario_name(t, data.titles, s.scenario_id))
         + (f' <span class="ev">{e(s.scenario_id)}</span>' if s.scenario_id in data.titles else "")),
        (t("date"), e(s.started_at[:10])),
        (t("mode"), e(mode_name(t, s.mode))),
        (t("player"), e(player_name(t, s.player))),
        (t("actions"), e(s.actions)),
        (t("weeks"), e(s.weeks)),
        (t("overall"), f"<strong>{number(sc.get('overall'))}</strong>{overall_error} &nbsp; "
                       f"{verdict}"),
        (t("col_target"), e(t("target_rule", level=target.get("level"),
                                score=number(target.get("score"))))),
        (t("session"), f'<span class="ev">{e(s.id)}</span>'),
        (t("event_log"), f'<span class="ev">{e(s.event_log_sha256)}</span>'),
    ]
    body = "".join(f"<tr><td>{e(k)}</td><td>{v}</td></tr>" for k, v in rows)
    return f'<h2>{e(t("section_latest"))}</h2><table class="kv"><tbody>{body}</tbody></table>'


def _radar(t: ReportWords, data: TraineeData) -> str:
    labels = [t.pick(r.name) for r in data.rows]
    target = data.target.get("score")
    series = []
    if target is not None:
        series.append(charts.Series(t("legend_target", level=data.target.get("level")),
                                    [target] * len(labels), charts.AMBER, dashed=True))
    if data.cohort_n:
        series.append(charts.Series(t("legend_cohort", n=data.cohort_n),
                                    [r.cohort_mean for r in data.rows], charts.GREEN))
    if len(data.attempts) > 1:
        series.append(charts.Series(t("legend_first"), [r.first for r in data.rows],
                                    charts.GREY, dashed=True))
    series.append(charts.Series(t("legend_latest"), [r.latest for r in data.rows], charts.BLUE,
                                fill=True))
    band = None
    if any(r.sem.value is not None for r in data.rows):
        low = [None if r.latest is None else max(0.0, r.latest - (r.sem.value or 0.0))
               for r in data.rows]
        high = [None if r.latest is None else min(1.0, r.latest + (r.sem.value or 0.0))
                for r in data.rows]
        band = (low, high)
    svg = charts.radar(labels, series, band=band, band_label=t("legend_band"),
                       label=t("radar_label"))
    return f'<h2>{e(t("section_radar"))}</h2><div class="charts">{svg}</div>'


def _real(t: ReportWords, real: bool | None) -> str:
    if real is None:
        return DASH
    return f'<span class="ok">{e(t("yes"))}</span>' if real else e(t("within_error"))


def _score_table(t: ReportWords, data: TraineeData) -> str:
    rows = []
    target = data.target.get("score")
    mixed = mixed_sources([r.sem for r in data.rows])
    for r in data.rows:
        if r.insufficient:
            gap = t("insufficient", occasions=r.occasions, needed=r.min_occasions)
            score = f'<span class="muted">{e(gap)}</span>'
        elif r.latest is None:
            score = f'<span class="muted">{e(t("not_observed"))}</span>'
        else:
            score = f"<strong>{number(r.latest)}</strong>"
        name = e(t.pick(r.name)) + ("" if r.assessed else ' <span class="muted">*</span>')
        rows.append([name, score, e(r.level or DASH),
                     sem_cell(t, r.sem, mixed), number(target),
                     number(r.cohort_mean), number(r.first), signed(r.change), _real(t, r.real),
                     e(", ".join(r.cw))])
    headers = [t("col_competency"), t("col_score"), t("col_level"), t("col_sem"),
               t("col_target"), t("col_cohort"), t("col_first"), t("col_change"),
               t("col_real"), t("col_cw")]
    note = ("" if all(r.assessed for r in data.rows)
            else f'<p class="note">{e(t("incidental_note"))}</p>')
    return (f'<h2>{e(t("section_scores"))}</h2>'
            + table(headers, rows, numeric=(1, 2, 3, 4, 5, 6, 7)) + note)


def _kpis(t: ReportWords, kpis: list[dict[str, Any]], relative: dict[str, Any] | None) -> str:
    rows = []
    for k in kpis:
        met = DASH if k["met"] is None else (f'<span class="ok">{e(t("yes"))}</span>' if k["met"]
                                             else f'<span class="bad">{e(t("no"))}</span>')
        rows.append([e(t.pick(k["name"])), kpi_value(k["id"], k["value"]),
                     kpi_value(k["id"], k["target"]), met, pct(k.get("attainment"), 0),
                     e(", ".join(k["cw"]))])
    out = [f'<h2>{e(t("section_kpis"))}</h2>',
           table([t("col_kpi"), t("col_value"), t("col_target"), t("col_met"),
                  t("col_attainment"), t("col_cw")], rows, numeric=(1, 2, 4))]
    if relative:
        names = {k["id"]: t.pick(k["name"]) for k in kpis}
        rel_rows = [[e(names.get(k["id"], k["id"])), kpi_value(k["id"], k["value"]),
                     kpi_value(k["id"], k["reference"]), number(k["ratio"])]
                    for k in relative.get("kpis", [])]
        out += [f'<h3>{e(t("section_relative"))}</h3>',
                f'<p class="note">{e(t.pick(relative.get("explain")))}</p>',
                table([t("col_kpi"), t("col_trainee"), t("col_reference"), t("col_ratio")],
                      rel_rows, numeric=(1, 2, 3))]
    out.append(f'<p class="note">{e(t("kpi_note"))}</p>')
    return "".join(out)


def _waterfall_svg(t: ReportWords, waterfall: dict[str, float], label: str, width: float) -> str:
    parts = []
    for i, key in enumerate(WATERFALL_KEYS):
        value = float(waterfall.get(key) or 0.0)
        total = i in (0, len(WATERFALL_KEYS) - 1)
        shown = money_short(value, t.lang) if total else signed_money_short(value, t.lang)
        parts.append((t(f"part_{key}"), value, shown))
    return charts.waterfall(parts, label=label, width=width, height=230 if width > 500 else 200)


def _profit(t: ReportWords, profit: ProfitData | None, problem: str | None) -> str:
    """The latest attempt's contribution profit by cause: the whole game, each round, a table."""
    out = [f'<h2>{e(t("section_profit"))}</h2>', f'<p class="note">{e(t("profit_intro"))}</p>']
    if profit is None:
        out.append(f'<p class="note">{e(t("profit_unavailable", why=problem or DASH))}</p>')
        return "".join(out)
    total = profit.game.get("profit")
    out.append(f'<p><strong>{e(t("profit_total", profit=money(total)))}</strong> · '
               f'{e(t("profit_lost", lost=money(profit.lost_sales), bad_debt=money(profit.bad_debt)))}</p>')
    out.append(f'<div class="charts">{_waterfall_svg(t, profit.game, t("waterfall_label"), 640)}</div>')
    out.append(f'<h3>{e(t("section_profit_rounds"))}</h3><div class="charts">')
    for n, waterfall in profit.rounds:
        title = t("round_profit", n=n, profit=money(waterfall.get("profit")))
        out.append(f'<figure class="wf"><figcaption>{e(title)}</figcaption>'
                   f'{_waterfall_svg(t, waterfall, title, 440)}</figure>')
    out.append("</div>")
    headers = [t("col_cause")] + [t("col_round", n=n) for n, _ in profit.rounds] + [t("col_game")]
    rows = [[e(t(f"part_{key}"))] + [money(w.get(key)) for _, w in profit.rounds] + [money(profit.game.get(key))]
            for key in WATERFALL_KEYS]
    rows[-1] = [f"<strong>{c}</strong>" for c in rows[-1]]
    out.append(table(headers, rows, numeric=tuple(range(1, len(headers)))))
    return "".join(out)


def events_cell(t: ReportWords, seqs: Sequence[int]) -> str:
    shown = ", ".join(f"#{s}" for s in seqs[:MAX_EVENTS])
    more = len(seqs) - MAX_EVENTS
    if more > 0:
        shown += " " + t("more_events", n=more)
    return f'<span class="ev">{e(shown or DASH)}</span>'


def _evidence(t: ReportWords, data: TraineeData) -> str:
    out = [f'<h2>{e(t("section_evidence"))}</h2><p class="note">{e(t("evidence_intro"))}</p>']
    for r in data.rows:
        head = f"{t.pick(r.name)} — {number(r.latest)}"
        if r.level:
            head += f" ({t('col_level')} {r.level})"
        out.append(f"<h3>{e(head)}</h3>")
        if r.anchor and r.level:
            out.append(f'<p class="anchor">{e(t("anchor", level=r.level, text=t.pick(r.anchor)))}'
                       "</p>")
        rows = [[e(t.pick(i["name"])), e(weight_cell(t, i)),
                 number(i["value"]) if i["value"] is not None
                 else f'<span class="muted">{e(t("na"))}</span>',
                 e(i["level"] or DASH), e(t.pick(i["explanation"])), events_cell(t, i["evidence"]),
                 e(", ".join(i["cw"]))]
                for i in r.indicators]
        headers = [t("col_indicator"), t("col_weight"), t("col_value"), t("col_level"),
                   t("col_explanation"), t("col_events"), t("col_cw")]
        if r.sem.indicators:  # a study measured how each repeats: HR sees which to lean on
            headers.insert(3, t("col_repeats"))
            for row, i in zip(rows, r.indicators, strict=True):
                row.insert(3, repeats_cell(t, r.sem.indicator_reliability(str(i.get("id", "")))))
        out.append(table(headers, rows, numeric=(1, 2, 3, 4) if r.sem.indicators else (1, 2, 3)))
    if any(r.sem.indicators for r in data.rows):
        out.append(f'<p class="note">{e(t("repeats_note", poor=settings()["poor_reliability"]))}'
                   "</p>")
    return "".join(out)


def weight_cell(t: ReportWords, i: dict[str, Any]) -> str:
    """An indicator's rubric weight, and what it counted this game when the rubric weighs it by
    the evidence behind it (records scored before that carry no count: their weight)."""
    weight = number(i["weight"], 0)
    counted = i.get("counted")
    if not counted_less(float(i["weight"]), counted):
        return weight
    return t("weight_counted", counted=number(counted), weight=weight)


def repeats_cell(t: ReportWords, r: float | None) -> str:
    """An indicator's measured test-retest ICC, marked where it is poor (``measurement.json``)."""
    if r is None:
        return DASH
    if r < float(settings()["poor_reliability"]):
        return f'{r:.2f} <span class="warn">{e(t("repeats_poor"))}</span>'
    return f"{r:.2f}"


def _progress(t: ReportWords, data: TraineeData) -> str:
    out = [f'<h2>{e(t("section_progress"))}</h2>']
    attempts = data.comparable
    others = len(data.attempts) - len(attempts)
    if len(attempts) < 2:
        out.append(f'<p class="note">{e(t("progress_single"))}</p>')
    else:
        out.append(f'<p class="note">{e(t("progress_intro", n=len(attempts), first=attempts[0].session.started_at[:10], latest=attempts[-1].session.started_at[:10]))}</p>')  # noqa: E501
        rows = [(t.pick(r.name), r.first, r.latest, r.sem.value) for r in data.rows]
        bells = charts.dumbbells(rows, target=data.target.get("score"),
                                 names=(t("legend_first"), t("legend_latest"),
                                        t("legend_target", level=data.target.get("level"))),
                                 label=t("dumbbell_label"))
        line = charts.trend([(a.scores or {}).get("overall") for a in attempts],
                            target=data.target.get("score"), label=t("trend_label"),
                            x_label=t("trend_x"))
        out.append(f'<div class="charts">{bells}{line}</div>')
    if others:
        latest = data.attempts[-1].session
        out.append(f'<p class="note">{e(t("progress_same_case", others=others, scenario=scenario_name(t, data.titles, latest.scenario_id), mode=mode_name(t, latest.mode)))}</p>')  # noqa: E501
    attempts = data.attempts
    shown = list(enumerate(attempts, start=1))
    if len(shown) > MAX_ATTEMPT_COLUMNS:  # the first, then the most recent ones
        shown = shown[:1] + shown[-(MAX_ATTEMPT_COLUMNS - 1):]
    per = [(k, a, a.competency_scores()) for k, a in shown]
    headers = [""] + [f"{t('col_attempt', k=k)}\u00a0· {a.session.started_at[:10]}"
                      for k, a, _ in per]
    rows = [[e(t("mode"))] + [e(mode_name(t, a.session.mode)) for _, a, _ in per],
            [e(t("overall"))] + [f"<strong>{number((a.scores or {}).get('overall'))}</strong>"
                                 for _, a, _ in per]]
    rows += [[e(t.pick(r.name))] + [number(scores.get(r.id)) for _, _, scores in per]
             for r in data.rows]
    out.append(table(headers, rows, numeric=tuple(range(1, 1 + len(per)))))
    return "".join(out)


# ---------------------------------------------------------------------- cohort


def cohort_html(groups: list[CohortData], lang: str, when: str, csv_name: str | None) -> str:
    """The cohort report: one part per scenario and mode (their targets and scores do not
    pool), each with its distributions, KPIs and sessions."""
    t = ReportWords(lang)
    title = t("title_cohort")
    cohort = groups[0].cohort
    out = [f"<h1>{e(title)}</h1>", f'<p class="meta">{e(t("generated_cohort", when=when))}</p>',
           f'<p class="meta">{e(t("cohort_filter"))}: <code>{e(cohort.text)}</code></p>']
    attempts = [a for g in groups for a in g.attempts]
    if not attempts:
        out.append(f"<p>{e(t('cohort_empty'))}</p>")
        return page(title, "".join(out), t.lang, CSS)
    if csv_name:
        out.append(f'<p class="meta">{e(t("csv_note", csv=csv_name))}</p>')
    out.append(review_banner(t, any(g.any_assessment for g in groups)))
    if len(groups) > 1:
        out.append(f'<p class="note">{e(t("cohort_grouped", groups=len(groups)))}</p>')
    for data in groups:
        body = _cohort_group(t, data)
        if len(groups) > 1:
            body = body.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
        out.append(body)
    out.append(method(t, groups[0].levels, [d.sem for g in groups for d in g.distributions],
                      float(settings()["reliability"])))
    out.append(f"<footer>{e(t('footer'))}</footer>")
    return page(title, "".join(out), t.lang, CSS)


def _cohort_group(t: ReportWords, data: CohortData) -> str:
    """One scenario in one mode: who, the distributions, KPIs against its targets, sessions."""
    scenario, mode = data.case or ("", "")
    dates = [a.session.started_at[:10] for a in data.attempts]
    out = [f'<h2>{e(t("cohort_case", scenario=scenario_name(t, data.titles, scenario), mode=mode_name(t, mode)))}</h2>',
           f'<p class="meta">{e(t("cohort_summary", sessions=len(data.attempts), trainees=data.trainees, first=min(dates), last=max(dates)))}</p>']  # noqa: E501
    target = data.target.get("score")
    out.append(f'<h2>{e(t("section_distribution"))}</h2>'
               f'<p class="note">{e(t("distribution_intro"))}</p>')
    out.append(charts.strips([(t.pick(d.name), d.values) for d in data.distributions],
                             target=target, target_label=t("legend_target",
                                                           level=data.target.get("level")),
                             label=t("strip_label")))
    rows = []
    mixed = mixed_sources([d.sem for d in data.distributions])
    for d in data.distributions:
        xs = sorted(d.values)
        iqr = DASH if len(xs) < 2 else f"{quantile(xs, 0.25):.2f}–{quantile(xs, 0.75):.2f}"
        rows.append([e(t.pick(d.name)), str(len(xs)), number(d.mean), number(d.sd),
                     number(median(xs) if xs else None), iqr,
                     sem_cell(t, d.sem, mixed),
                     pct(d.at_target, 0)])
    out.append(table([t("col_competency"), t("col_n"), t("col_mean"), t("col_sd"),
                      t("col_median"), t("col_iqr"), t("col_sem"), t("col_at_target")], rows,
                     numeric=(1, 2, 3, 4, 5, 6, 7)))
    out.append(f'<h2>{e(t("section_overall"))}</h2>')
    out.append(charts.histogram(data.overall, target=target, label=t("histogram_label"),
                                x_label=t("histogram_x")))
    out.append(_kpi_distribution(t, data))
    out.append(_by_player(t, data))
    out.append(_sessions(t, data))
    return "".join(out)


def _kpi_distribution(t: ReportWords, data: CohortData) -> str:
    rows = []
    for spec, values, met in data.kpis:
        kid = spec["id"]
        mean = sum(values) / len(values) if values else None
        rows.append([e(t.pick(spec["name"])), str(len(values)), kpi_value(kid, mean),
                     kpi_value(kid, median(values) if values else None),
                     kpi_value(kid, min(values) if values else None),
                     kpi_value(kid, max(values) if values else None),
                     kpi_value(kid, spec["target"]),
                     pct(sum(met) / len(met) if met else None, 0)])
    return (f'<h2>{e(t("section_kpi_dist"))}</h2>'
            + table([t("col_kpi"), t("col_n"), t("col_mean"), t("col_median"), t("col_min"),
                     t("col_max"), t("col_target"), t("col_met_share")], rows,
                    numeric=(1, 2, 3, 4, 5, 6, 7))
            + f'<p class="note">{e(t("kpi_note"))}</p>')


def _by_player(t: ReportWords, data: CohortData) -> str:
    players = list(data.by_player.items())
    headers = [t("col_competency")] + [f"{player_name(t, p)} (n={n})" for p, (n, _) in players]
    rows = [[e(t.pick(d.name))] + [number(means.get(d.id)) for _, (_, means) in players]
            for d in data.distributions]
    return (f'<h2>{e(t("section_by_player"))}</h2>'
            + table(headers, rows, numeric=tuple(range(1, 1 + len(players)))))


def _sessions(t: ReportWords, data: CohortData) -> str:
    rows = []
    for a in data.attempts[:MAX_ROWS]:
        s, sc = a.session, a.scores or {}
        passed = sc.get("passed")
        rows.append([e(s.trainee_id), f'<span class="date">{e(s.started_at[:10])}</span>',
                     e(scenario_name(t, data.titles, s.scenario_id)),
                     e(mode_name(t, s.mode)), e(player_name(t, s.player)),
                     number(sc.get("overall")),
                     DASH if passed is None else e(t("yes") if passed else t("no"))])
    out = [f'<h2>{e(t("section_sessions"))}</h2>']
    if len(data.attempts) > MAX_ROWS:
        out.append(f'<p class="note">{e(t("truncated", n=MAX_ROWS, total=len(data.attempts)))}'
                   "</p>")
    out.append(table([t("col_trainee"), t("date"), t("scenario"), t("mode"), t("player"),
                      t("overall"), t("col_passed")], rows, numeric=(5,)))
    return "".join(out)
