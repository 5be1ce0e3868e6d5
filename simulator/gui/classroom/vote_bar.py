"""A share drawn as a filled bar: the votes on a reply, or how likely the customer is to come back."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import presenter_theme as pt


class VoteBar(QWidget):
    """A share of the votes as a filled bar; the count and percentage are always written next to it."""

    def __init__(self) -> None:
        super().__init__()
        self.share = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(16)

    def set_share(self, share: float) -> None:
        self.share = max(0.0, min(1.0, share))
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        p.setPen(QPen(QColor(pt.OUTLINE), 2))
        p.setBrush(QColor(pt.BACKGROUND))
        p.drawRoundedRect(rect, 4, 4)
        if self.share > 0:
            filled = QRectF(rect.left(), rect.top(), max(4.0, rect.width() * self.share), rect.height())
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(pt.ACCENT))
            p.drawRoundedRect(filled, 4, 4)
        p.end()
