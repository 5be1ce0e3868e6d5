"""The debrief as a printable document: HTML for a QTextDocument, written to PDF with QPdfWriter.

Every piece of scenario text goes through ``html.escape``: a scenario is never interpreted as
HTML. The wording helpers here are shared with the on-screen debrief so both say the same thing.
Nothing is computed here: every figure comes from the PathResult and the Analysis.
"""

from __future__ import annotations

import datetime as _dt
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QTextDocument

from ...core.analysis import Analysis
from ...core.engine import Line
from ...core.levels import Level
from ...core.model import Scenario
from ...core.playthrough import playthrough
from ...core.scoring import LifetimeValue, PathResult, StepReview, band_words
from ..base import theme
from ..base.progress_text import long_date
from ..widgets.a4_pages import write_pdf_file
from ..widgets.mood_chart import describe_curve, mood_chart_image

CHART_URL = "debrief://mood-chart.png"
NO_ANSWER = "No answer: time ran out."
PRINT_POINT_SIZE = 10.5  # the report's body text on A4; headings scale from it


def _pt(factor: float) -> str:
    return f"{PRINT_POINT_SIZE * factor:.1f}pt"


# -- wording shared by the screen and the report ---------------------------------------------


def money(amount: float, currency: str = "") -> str:
    text = f"{amount:,.0f}"
    return f"{text} {currency}" if currency else text


def percent(value: float) -> str:
    return f"{value:g}%"


def value_sentence(value: LifetimeValue) -> str:
    """The classic exercise's sum, e.g. 'A customer worth 70,000 over 5 years (14,000 profit at 20%).
    Likely to return: 30% → 4,200 kept, 9,800 lost.'"""
    if not value.revenue:
        return "This scenario does not state what the customer is worth."
    years = "year" if value.years == 1 else "years"
    capped = " (a breach never keeps more than the best path by the book)" if value.capped else ""
    cost = (f" The breach cost {money(value.breach_cost, value.currency)}, taken off what was kept."
            if value.breach_cost else "")
    return (f"A customer worth {money(value.revenue, value.currency)} over {value.years} {years} "
            f"({money(value.profit, value.currency)} profit at {percent(value.margin)}). "
            f"Likely to return: {value.returns}%{capped} → {money(value.kept, value.currency)} kept, "
            f"{money(value.lost, value.currency)} lost.{cost}")


def compliance_text(result: PathResult) -> str:
    return "Compliance passed" if result.compliance_passed else "Compliance failed"


def compliance_symbol(result: PathResult) -> str:
    return "✔" if result.compliance_passed else "✖"


def said_text(step: StepReview) -> str:
    return NO_ANSWER if step.timed_out else step.said


def skill_name(skill: str) -> str:
    return skill.replace("_", " ").capitalize()


def customer_name(scenario: Scenario) -> str:
    return scenario.customer.name or "The customer"


def played_by(trainee: str, mode: str) -> str:
    """Who played the attempt and in which mode, e.g. 'Played by Ana · Assessment' ('' when neither is known)."""
    parts = [f"Played by {trainee.strip()}" if trainee.strip() else "", mode.strip()]
    return " · ".join(p for p in parts if p)


def wow_unavailable_reason(analysis: Analysis | None) -> str:
    """'' when the WOW path can be replayed, else why not."""
    if analysis is None:
        return "The scenario has not been analysed, so the WOW path is not known."
    if Level.WOW not in analysis.canonical:
        return "No path in this scenario reaches a WOW ending."
    return ""


def wow_transcript(scenario: Scenario, analysis: Analysis | None) -> list[Line]:
    """The canonical WOW playthrough as transcript lines ([] when it cannot be shown)."""
    if wow_unavailable_reason(analysis):
        return []
    try:
        return list(playthrough(scenario, analysis.canonical[Level.WOW]).lines)
    except ValueError:  # the analysis is of another version of the file
        return []


# -- HTML ---------------------------------------------------------------------------------------


def _e(text: str) -> str:
    """Escape scenario text and keep its line breaks."""
    return escape(text.strip(), quote=True).replace("\n", "<br>")


def _badge(level: Level) -> str:
    return (f'<span style="background-color:{theme.LEVEL_COLORS[level]}; color:white; font-weight:bold;">&nbsp;{escape(theme.level_badge_text(level))}&nbsp;</span>')


def _section(title: str) -> str:
    return (f'<h2 style="color:{theme.TEXT}; font-size:{_pt(1.4)}; margin-top:18px; margin-bottom:6px;">'
            f'{escape(title)}</h2>')


def debrief_html(scenario: Scenario, result: PathResult, analysis: Analysis | None,
                 chart_url: str | None = CHART_URL, when: _dt.datetime | None = None, timers: str = "",
                 player: str = "") -> str:
    """``timers``: what the attempt's time-limit setting says ('Played with time limits doubled (x2).'), if any;
    ``player``: who played it and in which mode (``played_by``), if known."""
    when = when or _dt.datetime.now()
    name = customer_name(scenario)
    customer = scenario.customer
    verdict_color = theme.LEVEL_COLORS[Level.WOW] if result.compliance_passed else theme.LEVEL_COLORS[Level.LOW]
    out: list[str] = [f'<html><body style="color:{theme.TEXT};">']
    out.append(f'<p style="color:{theme.MUTED}; margin:0;">Debrief · {escape(long_date(when))}</p>')
    out.append(f'<h1 style="font-size:{_pt(2)}; margin-top:2px; margin-bottom:2px;">{_e(scenario.title)}</h1>')
    who = [f"Customer: <b>{_e(name)}</b>"]
    if customer.organization:
        who.append(f"at {_e(customer.organization)}")
    out.append(f'<p style="color:{theme.MUTED}; margin-top:0; margin-bottom:0;">{" ".join(who)}</p>')
    if player:
        out.append(f'<p style="color:{theme.MUTED}; margin-top:0;">{_e(player)}</p>')

    # The verdict: level, score, compliance, and the rule in one sentence.
    out.append('<table cellspacing="0" cellpadding="10" width="100%" '
               f'style="border-style:solid; border-width:1px; border-color:{theme.BORDER};">')
    badge = escape(theme.level_badge_text(result.level)).replace(" ", "&nbsp;")
    out.append(f'<tr><td width="36%" style="background-color:{theme.LEVEL_COLORS[result.level]}; color:white;">'
               f'<span style="font-size:{_pt(0.9)};">Service level</span><br>'
               f'<span style="font-size:{_pt(2.1)}; font-weight:bold;">{badge}</span><br><span style="font-size:{_pt(0.9)};">{escape(result.level.meaning.capitalize())}</span></td>')
    out.append(f'<td width="25%"><span style="color:{theme.MUTED}; font-size:{_pt(0.9)};">Score</span><br>'
               f'<span style="font-size:{_pt(2.3)}; font-weight:bold;">{result.score}</span>'
               f'<span style="color:{theme.MUTED};"> / 100</span><br>'
               f'<span style="font-size:{_pt(0.9)};">{escape(band_words(result.score))}</span></td>')
    out.append(f'<td><span style="color:{theme.MUTED}; font-size:{_pt(0.9)};">Compliance</span><br>'
               f'<span style="font-size:{_pt(1.3)}; font-weight:bold; color:{verdict_color};">'
               f'{compliance_symbol(result)} {escape(compliance_text(result))}</span>')
    if result.breaches:
        out.append("<br>Rules broken:<ul style=\"margin-top:2px; margin-bottom:0;\">"
                   + "".join(f"<li>{_e(b)}</li>" for b in result.breaches) + "</ul>")
    out.append("</td></tr></table>")
    out.append(f'<p style="margin-top:8px;">{_e(result.explanation)}</p>')
    if timers:
        out.append(f'<p style="margin-top:4px;"><b>{_e(timers)}</b></p>')

    # How the customer left.
    out.append(_section(f"How {name} left"))
    if result.closing_words:
        out.append(f'<p style="font-size:{_pt(1.2)}; font-style:italic; margin-left:12px;">“{_e(result.closing_words)}”</p>')
    ending = result.ending
    rows = []
    if ending is not None:
        if ending.title:
            rows.append(("Ending", _e(ending.title)))
        if ending.feels:
            rows.append(("Feels", _e(ending.feels)))
        if ending.thinks:
            rows.append(("Thinks", _e(ending.thinks)))
    rows.append(("Likely to return", f"{result.value.returns}%"))
    rows.append(("Lifetime value", _e(value_sentence(result.value))))
    out.append('<table cellspacing="0" cellpadding="3">' + "".join(
        f'<tr><td style="color:{theme.MUTED}; padding-right:14px;">{k}</td><td>{v}</td></tr>' for k, v in rows)
        + "</table>")

    # Mood curve.
    out.append(_section("Mood over the conversation"))
    if chart_url:
        out.append(f'<p align="center"><img src="{escape(chart_url)}" width="620"></p>')
    out.append(f'<p style="color:{theme.MUTED}; font-size:{_pt(0.9)};">{escape(describe_curve(result.mood_curve))}</p>')

    # Skills: the heading, the table and its note in one outer table, kept on one page.
    out.append('<table width="100%" cellspacing="0" cellpadding="0"><tr><td>')
    out.append(_section("Skills"))
    if result.skills:
        out.append(f'<table cellspacing="0" cellpadding="4" style="border-style:solid; border-width:1px; '
                   f'border-color:{theme.BORDER};">'
                   f'<tr style="background-color:{theme.BACKGROUND};"><th align="left">Skill</th>'
                   f'<th align="right">Shown</th><th align="right">Missed</th></tr>')
        for tally in result.skills:
            out.append(f'<tr><td>{_e(skill_name(tally.skill))}</td><td align="right">{tally.shown}</td>'
                       f'<td align="right">{tally.missed}</td></tr>')
        out.append("</table>")
        out.append(f'<p style="color:{theme.MUTED}; font-size:{_pt(0.9)};">Shown: decisions where your reply showed '
                   "the skill. Missed: decisions where another reply on offer showed it.</p>")
    else:
        out.append("<p>No reply on this path named a skill.</p>")
    out.append("</td></tr></table>")

    # Timeline.
    out.append(_section("Decision by decision"))
    for step in result.steps:
        out.append(_step_html(step))

    # The WOW path.
    out.append(_section("The WOW path"))
    reason = wow_unavailable_reason(analysis)
    if reason:
        out.append(f"<p>{escape(reason)}</p>")
    else:
        out.append(f'<p style="color:{theme.MUTED};">How the conversation goes with the best replies '
                   f"(score {analysis.canonical[Level.WOW].score}):</p>")
        out.append(_transcript_html(wow_transcript(scenario, analysis), name))
    out.append("</body></html>")
    return "".join(out)


def _step_html(step: StepReview) -> str:
    color = theme.LEVEL_COLORS[step.level]
    parts = [f'<table width="100%" cellspacing="0" cellpadding="6" style="margin-top:8px; border-style:solid; '
             f'border-width:1px; border-color:{theme.BORDER};">'
             f'<tr><td width="6" style="background-color:{color};"></td><td>'
             f'<b>Decision {step.number}</b>&nbsp;&nbsp;{_badge(step.level)}'
             f'<span style="color:{theme.MUTED};">&nbsp;&nbsp;mood {step.mood_before} → {step.mood_after}</span><br>']
    if step.customer:
        parts.append(f'<span style="color:{theme.MUTED};">Customer:</span> {_e(step.customer)}<br>')
    said = said_text(step)
    parts.append(f'<span style="color:{theme.MUTED};">You:</span> <b>{_e(said)}</b>')
    if step.feedback:
        parts.append(f'<br><i>{_e(step.feedback)}</i>')
    if step.breach:
        parts.append(f'<br><span style="color:{theme.LEVEL_COLORS[Level.LOW]}; font-weight:bold;">'
                     f'✖ Rule broken:</span> {_e(step.breach)}')
    if step.shows_best:
        parts.append(f'<br><span style="color:{theme.MUTED};">Best reply here</span> {_badge(step.best_level)} '
                     f'{_e(step.best_say)}')
    parts.append("</td></tr></table>")
    return "".join(parts)


def _transcript_html(lines: list[Line], name: str) -> str:
    """Customer, employee and narration distinct: speaker names in bold, narration in grey italics."""
    out = []
    for line in lines:
        if line.speaker == "narration":
            out.append(f'<p style="color:{theme.MUTED}; margin-top:4px; margin-bottom:4px;"><i>{_e(line.text)}</i></p>')
        elif line.speaker == "customer":
            out.append(f'<p style="margin-top:4px; margin-bottom:4px;"><b>{_e(name)}:</b> {_e(line.text)}</p>')
        else:
            badge = f"{_badge(line.level)} " if line.level else ""
            out.append(f'<p style="margin-top:4px; margin-bottom:4px; margin-left:18px; color:{theme.ACCENT};">'
                       f"<b>You:</b> {badge}{_e(line.text)}</p>")
    return "".join(out)


# -- PDF ------------------------------------------------------------------------------------------


def build_document(scenario: Scenario, result: PathResult, analysis: Analysis | None,
                   base_font: QFont | None = None, timers: str = "", player: str = "") -> QTextDocument:
    doc = QTextDocument()
    font = QFont(base_font) if base_font is not None else QFont()
    font.setPointSizeF(PRINT_POINT_SIZE)  # print size: readable on A4 whatever the screen font is
    doc.setDefaultFont(font)
    chart_font = QFont(font)
    chart_font.setPointSizeF(PRINT_POINT_SIZE * 0.85)
    image = mood_chart_image(result.mood_curve, 620, 260, chart_font, scale=3.0)
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), image)
    doc.setHtml(debrief_html(scenario, result, analysis, timers=timers, player=player))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, f"Debrief: {scenario.title}")
    return doc


def write_pdf(path: str, scenario: Scenario, result: PathResult, analysis: Analysis | None,
              base_font: QFont | None = None, timers: str = "", player: str = "") -> None:
    """Write the debrief to ``path`` as an A4 PDF. Raises OSError when the file cannot be written."""
    write_pdf_file(path, build_document(scenario, result, analysis, base_font, timers, player))
