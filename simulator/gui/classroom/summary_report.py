"""The session summary as a printable document (HTML for a QTextDocument, written with QPdfWriter).

Every figure comes from ``core.classroom.SessionSummary``; every piece of scenario text goes
through ``html.escape``. The layout follows the trainee's debrief report (gui/practice/report.py).
A level badge never wraps, and each table (the scoreboard, each decision with its heading)
stays on one page: QTextDocument has no "page-break-inside: avoid", so ``A4Pages`` lays the
document out on the PDF writer itself (the pages measured are the pages printed) and
``keep_tables_whole`` starts a table that would straddle a page break on the next page.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QFont, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument, QTextFormat, QTextFrame,
                           QTextTable)

from ...core.classroom import DecisionRecord, ScoreRow, SessionSummary, TeamSummary
from ...core.levels import Level
from ..base import theme
from ..base.progress_text import long_date
from ..practice import report


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


class A4Pages:
    """The summary laid out on the A4 PDF writer it is printed with (300 dpi, 2 cm margins, a page
    number at the foot), so that the pages measured are the pages printed; tables kept whole."""

    def __init__(self, doc: QTextDocument) -> None:
        self.doc = doc
        self.buffer = QBuffer()
        self.buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.writer = QPdfWriter(self.buffer)
        self.writer.setTitle(doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
        self.writer.setCreator("Service role-play simulator")
        self.writer.setResolution(300)
        self.writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                              QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
        doc.documentLayout().setPaintDevice(self.writer)
        # the layout scales the root frame's margins from the screen's resolution to the writer's
        screen = QGuiApplication.primaryScreen()
        source_dpi = round(screen.logicalDotsPerInchY()) if screen is not None else 96
        frame = doc.rootFrame().frameFormat()
        for set_margin in (frame.setLeftMargin, frame.setRightMargin, frame.setTopMargin, frame.setBottomMargin):
            set_margin(2 / 2.54 * source_dpi)
        doc.rootFrame().setFrameFormat(frame)
        doc.setPageSize(QSizeF(self.writer.width(), self.writer.height()))
        self.margin = 2 / 2.54 * self.writer.resolution()  # 2 cm on the page
        keep_tables_whole(doc)

    @property
    def page_height(self) -> float:
        return self.doc.pageSize().height()

    def page_span(self, frame: QTextFrame) -> tuple[int, int]:
        """The first and last page (from 0) ``frame`` is drawn on."""
        rect = self.doc.documentLayout().frameBoundingRect(frame)
        return int(rect.top() // self.page_height), int((rect.bottom() - 1) // self.page_height)

    def pdf_bytes(self) -> bytes:
        width, height = self.doc.pageSize().width(), self.page_height
        painter = QPainter(self.writer)
        painter.setFont(self.doc.defaultFont())
        for page in range(self.doc.pageCount()):
            if page:
                self.writer.newPage()
            painter.save()
            painter.translate(0, -page * height)
            self.doc.drawContents(painter, QRectF(0, page * height, width, height))
            painter.restore()
            painter.drawText(QRectF(0, height - self.margin, width - self.margin, self.margin / 2),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), str(page + 1))
        painter.end()
        return bytes(self.buffer.data())


def top_tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def keep_tables_whole(doc: QTextDocument) -> None:
    """Start on a new page each top-level table (the scoreboard, a decision) that would run over a
    page break and fits on one page. ``doc`` is laid out on its pages already."""
    height = doc.pageSize().height()
    room = height * 0.8  # a page less its margins (2 cm of 29.7 each), with some to spare
    for table in top_tables(doc):  # in order: each break moves the tables after it
        rect = doc.documentLayout().frameBoundingRect(table)
        if int(rect.top() // height) == int((rect.bottom() - 1) // height) or rect.height() > room:
            continue  # on one page already, or taller than a page: it has to run over
        fmt = table.format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table.setFormat(fmt)


def summary_pdf_bytes(summary: SessionSummary, base_font: QFont | None = None) -> bytes:
    return A4Pages(build_document(summary, base_font)).pdf_bytes()


def write_summary_pdf(path: str, summary: SessionSummary, base_font: QFont | None = None) -> None:
    """Raises OSError when the file cannot be written."""
    data = summary_pdf_bytes(summary, base_font)
    if not data.startswith(b"%PDF"):
        raise OSError("the PDF writer produced no document")
    with open(path, "wb") as f:
        f.write(data)


def team_heading(team: TeamSummary) -> str:
    return f"{team.team}: decision by decision"
