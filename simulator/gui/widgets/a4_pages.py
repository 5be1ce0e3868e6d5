"""A QTextDocument printed on A4 with its tables kept whole: shared by the debrief and the class summary.

QTextDocument has no "page-break-inside: avoid", so ``A4Pages`` lays the document out on the
PDF writer itself (the pages measured are the pages printed) and ``keep_tables_whole`` starts a
top-level table that would straddle a page break on the next page. A block that must stay
together (a heading, its table and its note) is written as one top-level table.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument, QTextFormat,
                           QTextFrame, QTextTable)


class A4Pages:
    """The document laid out on the A4 PDF writer it is printed with (300 dpi, 2 cm margins, a page
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
    """Start on a new page each top-level table that would run over a
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


def write_pdf_file(path: str, doc: QTextDocument) -> None:
    """Write ``doc`` to ``path`` as an A4 PDF, tables kept whole. Raises OSError when it cannot be written."""
    data = A4Pages(doc).pdf_bytes()
    if not data.startswith(b"%PDF"):
        raise OSError("the PDF writer produced no document")
    with open(path, "wb") as f:
        f.write(data)
