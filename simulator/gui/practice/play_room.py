"""How the play screen finds the room for every reply of a decision at once.

A trainee who cannot see all the replies is judged (and, at a timed decision, timed) on
replies they never saw, and learns to pick among what happens to be in view. So while a
decision is on offer the screen tries its looks in order, roomiest first, and keeps the first
in which the customer's newest line and every reply are in view together: tighter cards and
spacing, the feedback's heading beside its words instead of above them, the conversation's
lines wider, and last the line over the replies that says how to choose. The words are never
made smaller than the text size chosen, nor cut: when even the tightest look has no room,
the replies scroll and the newest line keeps its share. On a screen short for the text size the
customer's column is narrower too (its face is small there anyway), so that the conversation's
lines wrap into fewer lines; that follows the screen and the text size only, never what is on show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ..widgets import ReplyButton
from .customer_panel import PORTRAIT_SIZE

# the customer's column: with room for the whole portrait, or narrower on a screen short for the
# text size (fewer lines of the conversation's text under the top bar than the second number, where
# the face is small anyway), so that the conversation's lines get the width and wrap into fewer lines;
# on a screen shorter still (fewer than the first) its own words need all of its width again
SIDE_WIDTH, NARROW_SIDE = PORTRAIT_SIZE + 56, 256
SHORT_SCREEN_LINES = (13, 20)
SIDE_INSETS = {SIDE_WIDTH: (28, 24), NARROW_SIDE: (20, 16)}  # across and down


@dataclass(frozen=True)
class Look:
    """How much room the parts of the conversation leave around their words."""

    pad: int = ReplyButton.PAD  # inside a reply card, around its number and words
    gap: int = 10  # between two reply cards
    spacing: int = 12  # between the transcript, the feedback, the prompt and the replies
    feedback_margins: tuple[int, int, int, int] = (18, 12, 18, 12)
    feedback_spacing: int = 6  # between the feedback's heading and its words
    feedback_beside: bool = False  # the feedback's heading and level beside its words, not above them
    wide_lines: bool = False  # the conversation's speech and chat bubbles take more of its width
    prompt: bool = True  # the line over the replies that says how to choose one
    screen_margin: int | None = None  # the screen's top and bottom margin; None: as designed


ROOMY = Look()
TIGHT = replace(ROOMY, pad=8, gap=6, spacing=8, feedback_margins=(16, 8, 16, 8), feedback_spacing=3,
                screen_margin=12)
BESIDE = replace(TIGHT, feedback_beside=True, feedback_spacing=16)
WIDE = replace(BESIDE, wide_lines=True)
# the hint over the replies gives way last, with a few pixels more of every margin: the numbers on
# the cards and the keyboard help say how to choose too
TIGHTEST = replace(WIDE, prompt=False, gap=5, spacing=6, screen_margin=8)
LOOKS = (ROOMY, TIGHT, BESIDE, WIDE, TIGHTEST)


def first_that_fits(needs: dict[Look, int], room: dict[Look, int]) -> Look:
    """The roomiest look whose conversation fits its room; when none does, the one that comes
    closest (the replies scroll as little as they can)."""
    for look in LOOKS:
        if needs[look] <= room[look]:
            return look
    return min(LOOKS, key=lambda look: needs[look] - room[look])


def feedback_height(view, look: Look, width: int) -> int:
    """The height of ``view``'s feedback panel ``width`` wide in ``look``, its heading above its
    words or beside them (``view``: the play screen)."""
    frame, inner = view.feedback, view.feedback.contentsRect()  # its border is outside its layout
    left, top, right, bottom = look.feedback_margins
    words = width - (frame.width() - inner.width()) - left - right
    badge = view.feedback_badge_holder.itemAt(0)
    if badge is not None:
        badge.widget().ensurePolished()  # made a moment ago: measured with its style sheet's padding
    hints = [view.feedback_title.sizeHint()] + ([badge.sizeHint()] if badge is not None else [])
    if look.feedback_beside:
        heading = sum(h.height() for h in hints) + view.feedback_head.spacing() * (len(hints) - 1)
        words -= max(h.width() for h in hints) + look.feedback_spacing
        middle = max(heading, view.feedback_text.heightForWidth(words))
    else:
        middle = max(h.height() for h in hints) + look.feedback_spacing + view.feedback_text.heightForWidth(words)
    return top + middle + bottom + frame.height() - inner.height()


class PlayReply(ReplyButton):
    """A reply card whose padding the play screen tightens when the replies need the room."""

    def __init__(self, number: int, text: str, pad: int = ReplyButton.PAD) -> None:
        self._pad = pad
        super().__init__(number, text)

    @property
    def PAD(self) -> int:  # noqa: N802 (the card's own name for its padding)
        return self._pad

    def set_pad(self, pad: int) -> None:
        if pad != self._pad:
            self._pad = pad
            self.updateGeometry()
            self.update()

    def height_at(self, width: int, pad: int) -> int:
        """The height the card needs ``width`` wide with ``pad`` around its words."""
        kept, self._pad = self._pad, pad
        try:
            return self.heightForWidth(width)
        finally:
            self._pad = kept


class RepliesArea(QScrollArea):
    """The replies, at their full height when there is room; when there is not, they scroll
    (each reply keeps every line of its words) and the transcript keeps its share."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        holder = QWidget(objectName="replies")
        holder.setStyleSheet("QWidget#replies { background: transparent; }")
        self.viewport().setAutoFillBackground(False)
        self.box = QVBoxLayout(holder)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(ROOMY.gap)
        self.setWidget(holder)
        holder.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # other replies, or the same ones tighter: the height wanted changes
            self.fit_scroll_bar()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        """The height that shows every reply with no scroll bar: at the area's whole width (a
        scroll bar on show now would make the words wrap into more lines than they need)."""
        width = max(200, self.width())
        layout = self.widget().layout()
        return QSize(width, layout.heightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the words wrap differently: the height wanted changes
        self.fit_scroll_bar()

    def fit_scroll_bar(self) -> None:
        """No scroll bar when every reply fits at the area's whole width. Left to itself, a scroll
        bar shown for a moment (new replies, before the screen has made room for them) would stay:
        the words, wrapped beside it, need more height than the room made for them without it."""
        layout = self.widget().layout()
        needed = layout.heightForWidth(self.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
        bars = Qt.ScrollBarPolicy
        policy = bars.ScrollBarAlwaysOff if needed <= self.height() else bars.ScrollBarAsNeeded
        if self.verticalScrollBarPolicy() != policy:
            self.setVerticalScrollBarPolicy(policy)

    def ensure_visible(self, widget: QWidget) -> None:
        self.ensureWidgetVisible(widget, 0, 4)
