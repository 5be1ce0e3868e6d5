"""The session summary as a printable document (HTML for a QTextDocument, written with QPdfWriter).

Every figure comes from ``core.classroom.SessionSummary``; every piece of scenario text goes
through ``html.escape``. The layout follows the trainee's debrief report (gui/practice/report.py).
A level badge never wraps, and each table (the scoreboard, each decision with its heading)
stays on one page (``widgets.a4_pages``, shared with the debrief's report).
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QFont, QTextDocument

from ...core.classroom import DecisionRecord, ScoreRow, SessionSummary, TeamSummary
from ...core.levels import Level
from ..base import theme
from ..base.progress_text import long_date
from ..practice import report
from ..widgets.a4_pages import A4Pages, keep_tables_whole, top_tables, write_pdf_file

__all__ = ["A4Pages", "keep_tables_whole", "top_tables", "build_document", "summary_pdf_bytes", "write_summary_pdf"]


def _pt(factor: float) -> str:
    return f"{report.PRINT_POINT_SIZE * factor:.1f}pt"


def _e(text: str) -> str:
    return escape(text.strip(), quote=True).replace("\n", "<br>")


def _badge(level: Level) -> str:
    text = escape(theme.level_badge_text(level)).replace(" ", "&nbsp;")  # a badge never breaks over two lines
    return (f'<span style="background-color:{theme.LEVEL_COLORS[level]}; color:white; font-weight:bold; '
            f'white-space:nowrap;">&nbsp;{text}&nbsp;</span>')


def _verdict(row: ScoreRow) -> str:
    color = theme.LEVEL_COLORS[Level.WOW] if row.compliance_passed else theme.LEVEL_COLORS[Level.LOW]
    text = f"{report.compliance_symbol(row)} {report.compliance_text(row)}"
    return f'<span style="color:{color}; font-weight:bold;">{escape(text)}</span>'


def summary_html(summary: SessionSummary) -> str:
    out = [f'<html><body style="color:{theme.TEXT};">',
           f'<p style="color:{theme.MUTED}; margin:0;">Class session · '
           f'{escape(long_date(summary.when))}</p>',
           f'<h1 style="font-size:{_pt(2)}; margin-top:2px;">{_e(summary.title)}</h1>']
    out.append(_h2("Scoreboard"))
    out.append(scoreboard_html(summary))
    for team in summary.teams:
        out.append(_h2(team_heading(team)))
        out.append(f'<p>{_e(team.result.explanation)}</p>')
        for decision in team.decisions:
            out.append(decision_html(decision))
        if not team.decisions:
            out.append("<p>No decision was played.</p>")
    if not summary.teams:
        out.append("<p>Nobody has played yet.</p>")
    out.append("</body></html>")
    return "".join(out)


def _h2(title: str) -> str:
    return (f'<h2 style="font-size:{_pt(1.4)}; margin-top:16px; margin-bottom:6px;">{escape(title)}</h2>')


def scoreboard_html(summary: SessionSummary) -> str:
    head = "".join(f'<th align="left">{h}</th>' for h in
                   ("Rank", "Team", "Level", "Score", "Compliance", "Comes back", "Ending"))
    rows = [f'<table cellspacing="0" cellpadding="5" width="100%" style="border-style:solid; border-width:1px; '
            f'border-color:{theme.BORDER};"><tr style="background-color:{theme.BACKGROUND};">{head}</tr>']
    for row in summary.scoreboard:
        if row.complete:
            cells = [str(row.rank), _e(row.team), _badge(row.level), f"{row.score}/100", _verdict(row),
                     f"{row.returns}%", _e(row.ending)]
        else:
            cells = ["–", _e(row.team), "not finished", "", "", "", ""]
        rows.append("<tr>" + "".join(f'<td style="white-space:nowrap;">{c}</td>' if i == 2 else f"<td>{c}</td>"
                                     for i, c in enumerate(cells)) + "</tr>")
    rows.append("</table>")
    return "".join(rows)


def decision_html(decision: DecisionRecord) -> str:
    total = decision.total_votes
    parts = [f'<table width="100%" cellspacing="0" cellpadding="4" style="margin-top:8px; border-style:solid; '
             f'border-width:1px; border-color:{theme.BORDER};">',
             f'<tr><td colspan="5"><b>Decision {decision.number}</b>'
             f'<span style="color:{theme.MUTED};">&nbsp;&nbsp;{escape(decision.heading)}</span><br>'
             f'<span style="color:{theme.MUTED};">Customer:</span> {_e(decision.customer)}</td></tr>']
    for option in decision.options:
        mark = "▶&nbsp;" if option.played else ""
        weight = "bold" if option.played else "normal"
        count = f"{option.votes}&nbsp;·&nbsp;{option.share * 100:.0f}%" if total else ""
        bar = _bar(option.share) if total else ""
        parts.append(f'<tr><td width="6%" style="font-weight:bold;">{mark}{option.letter}</td>'
                     f'<td style="font-weight:{weight};">{_e(option.say)}</td>'
                     f'<td width="17%" style="white-space:nowrap;">{_badge(option.level)}</td>'
                     f'<td width="12%" align="right">{count}</td><td width="10%">{bar}</td></tr>')
    if decision.played_key is None:
        parts.append(f'<tr><td>▶</td><td colspan="4"><b>{escape(report.NO_ANSWER)}</b> {_badge(Level.LOW)}</td></tr>')
    parts.append("</table>")
    return "".join(parts)


def _bar(share: float) -> str:
    """A vote bar drawn with a table cell (QTextDocument has no CSS widths for spans)."""
    filled = max(1, round(share * 100))
    if share <= 0:
        return ""
    return (f'<table cellspacing="0" cellpadding="0" width="100%"><tr>'
            f'<td width="{filled}%" style="background-color:{theme.ACCENT};">&nbsp;</td>'
            f'<td width="{100 - filled}%"></td></tr></table>')


def build_document(summary: SessionSummary, base_font: QFont | None = None) -> QTextDocument:
    doc = QTextDocument()
    font = QFont(base_font) if base_font is not None else QFont()
    font.setPointSizeF(report.PRINT_POINT_SIZE)
    doc.setDefaultFont(font)
    doc.setHtml(summary_html(summary))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, f"Class session: {summary.title}")
    return doc


def summary_pdf_bytes(summary: SessionSummary, base_font: QFont | None = None) -> bytes:
    return A4Pages(build_document(summary, base_font)).pdf_bytes()


def write_summary_pdf(path: str, summary: SessionSummary, base_font: QFont | None = None) -> None:
    """Raises OSError when the file cannot be written."""
    write_pdf_file(path, build_document(summary, base_font))


def team_heading(team: TeamSummary) -> str:
    return f"{team.team}: decision by decision"
