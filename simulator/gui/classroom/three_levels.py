"""The opening exercise: one situation played at Low, Standard and WOW, side by side, step by step.

The three playthroughs are the analysis's canonical paths replayed through the engine
(``core.playthrough.canonical_playthroughs``): nothing here decides what a level looks like.
Each → shows one more exchange in every column; a column whose conversation has ended shows
how the customer left: closing words, feelings, thoughts, likelihood to return.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from ...core import channels
from ...core.analysis import Analysis
from ...core.playthrough import Exchange, Playthrough, canonical_playthroughs
from ...core.levels import Level
from ...core.model import Scenario
from ..base import theme
from . import keys
from . import presenter_theme as pt
from .projector_customer import channel_of
from .projector_view import ProjectorView
from .vote_bar import VoteBar

BODY_PER_HEIGHT = 1 / 44  # three columns: a little smaller than the presenter's single column


class ClosingCard(QFrame):
    """How the customer left on this path."""

    def __init__(self, play: Playthrough, customer_name: str) -> None:
        super().__init__()
        self.setObjectName("closing")
        result = play.result
        ending = result.ending
        self.setStyleSheet(f"QFrame#closing {{ background: {pt.BACKGROUND}; border: 3px solid "
                           f"{theme.LEVEL_COLORS[play.level]}; border-radius: 12px; }}")
        box = QVBoxLayout(self)
        self.box = box
        box.addWidget(pt.text_label("How it ended", "small", bold=True, color=pt.MUTED, wrap=False))
        if play.closing_narration:
            box.addWidget(pt.text_label(play.closing_narration, "small", italic=True, color=pt.MUTED))
        if result.closing_words:
            words = pt.text_label(f"“{result.closing_words}”", "body", bold=True, italic=True)
            words.setAccessibleName(f"{customer_name}'s closing words: {result.closing_words}")
            box.addWidget(words)
        grid = QGridLayout()
        self.grid = grid
        rows = [("Feels", ending.feels if ending else ""), ("Thinks", ending.thinks if ending else "")]
        for row, (caption, value) in enumerate(r for r in rows if r[1]):
            grid.addWidget(pt.text_label(caption, "small", bold=True, color=pt.MUTED, wrap=False), row, 0,
                           Qt.AlignmentFlag.AlignTop)
            grid.addWidget(pt.text_label(value, "small"), row, 1)
        grid.setColumnStretch(1, 1)
        box.addLayout(grid)
        back = QHBoxLayout()
        returns = result.value.returns
        self.returns = pt.text_label(f"Comes back: {returns}%", "small", bold=True, wrap=False)
        self.returns.setAccessibleName(f"Likely to return: {returns} percent")
        back.addWidget(self.returns)
        self.bar = VoteBar()
        self.bar.set_share(returns / 100)
        self.bar.setAccessibleName(f"Likelihood to return, {returns} percent")
        back.addWidget(self.bar, 1)
        box.addLayout(back)
        # the score in its level's colour, the compliance verdict in its own, one above the other: side by
        # side they made the card wider than its column at a large text size
        self.score = pt.text_label(f"Score {result.score}/100", "small", bold=True,
                                   color=theme.LEVEL_COLORS[result.level])
        box.addWidget(self.score)
        self.compliance = pt.text_label(pt.verdict_text(result), "small", bold=True,
                                        color=pt.PASS_COLOR if result.compliance_passed else pt.FAIL_COLOR)
        box.addWidget(self.compliance)
        self.setAccessibleName(f"How it ended at {play.level.label}")

    def apply_size(self, body: int) -> None:
        pad = max(6, body // 2)
        self.box.setContentsMargins(pad, pad, pad, pad)
        self.box.setSpacing(max(3, body // 4))
        self.grid.setHorizontalSpacing(pad)
        self.bar.setFixedHeight(max(8, body // 2))


class ExchangeBlock(QWidget):
    """One decision in a column: what happened, what the customer said, what the employee replied."""

    def __init__(self, exchange: Exchange, customer_name: str) -> None:
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.box = box
        if exchange.narration:
            box.addWidget(pt.text_label(exchange.narration, "small", italic=True, color=pt.MUTED))
        if exchange.customer:
            said = pt.text_label(exchange.customer, "body", bold=True)
            said.setAccessibleName(f"{customer_name}: {exchange.customer}")
            box.addWidget(said)
        reply = QFrame(objectName="reply")
        reply.setStyleSheet(f"QFrame#reply {{ border: none; border-left: 6px solid "
                            f"{theme.LEVEL_COLORS[exchange.level]}; background: transparent; }}")
        inner = QVBoxLayout(reply)
        self.inner = inner
        head = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.head = head
        self.head_words = (pt.text_label("Employee", "small", bold=True, color=pt.MUTED, wrap=False),
                           pt.level_badge(exchange.level, "tiny"))
        for word in self.head_words:
            head.addWidget(word, 0, Qt.AlignmentFlag.AlignLeft)
        head.addStretch(1)
        inner.addLayout(head)
        text = exchange.reply or "(No answer: the time ran out.)"
        line = pt.text_label(text, "body")
        line.setAccessibleName(f"Employee, {exchange.level.label}: {text}")
        inner.addWidget(line)
        box.addWidget(reply)

    def apply_size(self, body: int) -> None:
        self.box.setSpacing(max(3, body // 3))
        self.inner.setContentsMargins(max(6, body // 2), 0, 0, 0)
        self.inner.setSpacing(2)
        self.head.setSpacing(max(6, body // 2))

    def fit_head(self, width: int) -> None:
        """"Employee" and the level's badge side by side when ``width`` holds them, else one over the
        other (at the largest text side by side they were wider than the column)."""
        margins = self.inner.contentsMargins()
        side_by_side = (sum(w.sizeHint().width() for w in self.head_words) + self.head.spacing()
                        + margins.left() + margins.right()) <= width
        direction = QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        if self.head.direction() != direction:
            self.head.setDirection(direction)


class LevelColumn(QFrame):
    """One playthrough, revealed one exchange at a time."""

    def __init__(self, level: Level, play: Playthrough | None, customer_name: str, missing: str = "") -> None:
        super().__init__()
        self.setObjectName("column")
        self.level, self.play = level, play
        # a third of the width whatever it holds: its blocks fit themselves to it (see _fit_heads), where a
        # width from what they held kept a column as wide as their widest moment
        self.setMinimumWidth(160)
        self.setStyleSheet(f"QFrame#column {{ background: {pt.BACKGROUND}; border: 3px solid {pt.OUTLINE};"
                           " border-radius: 14px; }")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        self.header = pt.text_label(f"{theme.level_badge_text(level)}  ·  {level.meaning}", "body", bold=True,
                                    color="white")
        self.header.setStyleSheet(f"background: {theme.LEVEL_COLORS[level]}; color: white;"
                                  " border-top-left-radius: 11px; border-top-right-radius: 11px;")
        self.header.setAccessibleName(f"{level.label}: {level.meaning}")
        box.addWidget(self.header)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setAccessibleName(f"The {level.label} conversation")
        holder = QWidget()
        self.items = QVBoxLayout(holder)
        self.scroll.setWidget(holder)
        box.addWidget(self.scroll, 1)
        self.blocks: list[QWidget] = []
        customer = customer_name
        if play is None:
            note = pt.text_label(missing or f"No path in this scenario reaches a {level.label} ending.", "body",
                                 italic=True, color=pt.MUTED)
            self.items.addWidget(note)
        else:
            self.blocks = [ExchangeBlock(e, customer) for e in play.exchanges] + [ClosingCard(play, customer)]
            for block in self.blocks:
                self.items.addWidget(block)
        self.tail = QWidget()
        self.tail.setFixedHeight(0)
        self.items.addWidget(self.tail)
        self.items.addStretch(1)
        self.scroll.verticalScrollBar().rangeChanged.connect(self._follow)
        self._follow_end = True

    @property
    def steps(self) -> int:
        return len(self.blocks)

    def show_steps(self, count: int) -> None:
        for i, block in enumerate(self.blocks):
            block.setVisible(i < count)
        self._follow_end = True
        self._follow()
        QTimer.singleShot(0, self, self._follow)  # again once the scroll area has laid the blocks out

    def shown(self) -> int:
        return sum(1 for b in self.blocks if b.isVisibleTo(self))

    def ended_shown(self) -> bool:
        return bool(self.blocks) and self.blocks[-1].isVisibleTo(self)

    def _follow(self, *_args) -> None:
        """Keep the newest exchange in view, starting at a block's top so no line is cut in half."""
        if not self._follow_end:
            return
        bar = self.scroll.verticalScrollBar()
        visible = [b for b in self.blocks if b.isVisibleTo(self)]
        if not visible:
            bar.setValue(0)
            return
        self.items.activate()
        pad = self.items.spacing()
        view = self.scroll.viewport().height()
        bottom = visible[-1].geometry().bottom() + pad
        target = max(0, visible[-1].geometry().top() - pad)
        for block in visible:
            if block.geometry().top() - pad >= bottom - view:
                target = max(0, block.geometry().top() - pad)
                break
        fits = bottom + self.items.contentsMargins().bottom() <= view
        # room below the end, so that 'target' can reach the top; none when it all fits (no scroll bar then)
        target = 0 if fits else target
        tail = 0 if fits else max(0, target + view - bottom - pad)
        if abs(self.tail.height() - tail) > 1:
            self.tail.setFixedHeight(tail)  # the range grows; rangeChanged calls this again
        bar.setValue(min(bar.maximum(), target))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit_heads()

    def _fit_heads(self) -> None:
        """Each exchange's head fits the width the column gives its blocks (the scroll area's, less the
        margins): measured here, as a block cannot be narrower than what it holds side by side."""
        margins = self.items.contentsMargins()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        width = self.width() - 2 * self.frameWidth() - bar - margins.left() - margins.right()
        for block in self.blocks:
            if isinstance(block, ExchangeBlock):
                block.fit_head(width)

    def scroll_by(self, pages: float) -> None:
        self._follow_end = False
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.value() + round(pages * bar.pageStep()))

    def apply_size(self, body: int) -> None:
        pad = max(8, body * 2 // 3)
        self.header.setContentsMargins(pad, pad // 2, pad, pad // 2)
        self.items.setContentsMargins(pad, pad, pad, pad)
        self.items.setSpacing(pad)
        for block in self.blocks:
            block.apply_size(body)
        self._fit_heads()


class ThreeLevelsView(ProjectorView):
    """Three columns, Low, Standard and WOW; → reveals one more exchange in each.

    Signals besides ProjectorView's (Ctrl+W, text size): ``back_requested`` (Esc).
    """

    back_requested = Signal()  # Esc

    def __init__(self, scenario: Scenario, analysis: Analysis, font_scale: float = 1.0,
                 parent: QWidget | None = None) -> None:
        super().__init__(font_scale, parent)
        self.scenario = scenario
        self.playthroughs = canonical_playthroughs(scenario, analysis)
        self.setObjectName("threeLevels")
        self.setAccessibleName("The three levels side by side")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setMinimumSize(640, 400)
        name = scenario.customer.name or "The customer"

        outer = QVBoxLayout(self)
        self.outer = outer
        head = QHBoxLayout()
        self.heading = pt.text_label("One situation, three levels of service", "title", bold=True)
        head.addWidget(self.heading, 1)
        self.step_label = pt.chip()
        head.addWidget(self.step_label, 0, Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(head)
        c = scenario.customer
        brief = " · ".join(x for x in (scenario.title, channels.channel_label(channel_of(scenario)),
                                       f"{name} at {c.organization}" if c.organization else name,
                                       f"wants {_lower_first(c.wants)}" if c.wants else "") if x)
        self.brief = pt.text_label(brief, "small", color=pt.MUTED)
        outer.addWidget(self.brief)
        row = QHBoxLayout()
        self.row = row
        self.columns: list[LevelColumn] = []
        for level in Level:
            column = LevelColumn(level, self.playthroughs.get(level), name)
            row.addWidget(column, 1)
            self.columns.append(column)
        outer.addLayout(row, 1)
        self.hint = pt.text_label("→ next step   ·   ← back   ·   End everything   ·   F1 keys", "tiny",
                                  color=pt.MUTED, wrap=False)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        outer.addWidget(self.hint)
        self.add_overlays("Three levels: keys", keys.THREE_LEVELS_KEYS)
        self.step = 0
        self.relayout()
        self.set_step(1)

    @property
    def total_steps(self) -> int:
        return max((c.steps for c in self.columns), default=0)

    def set_step(self, step: int) -> None:
        self.step = max(min(1, self.total_steps), min(self.total_steps, step))
        for column in self.columns:
            column.show_steps(self.step)
        self.step_label.setText("All of it" if self.step >= self.total_steps else
                                f"Step {self.step} of {self.total_steps}")
        self.step_label.setAccessibleName(f"Step {self.step} of {self.total_steps}")

    def next_step(self) -> None:
        self.set_step(self.step + 1)

    def previous_step(self) -> None:
        self.set_step(self.step - 1)

    def show_all(self) -> None:
        self.set_step(self.total_steps)

    def plain_key(self, key: int) -> bool:
        """The keys of keys.THREE_LEVELS_KEYS; Ctrl keys, the key help and the blank screen are ProjectorView's."""
        if key in keys.NEXT_KEYS:
            self.next_step()
        elif key in keys.BACK_KEYS:
            self.previous_step()
        elif key == Qt.Key.Key_End:
            self.show_all()
        elif key == Qt.Key.Key_Home:
            self.set_step(1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            for column in self.columns:
                column.scroll_by(0.25 if key == Qt.Key.Key_Down else -0.25)
        elif key in (Qt.Key.Key_B, Qt.Key.Key_Period):
            self.set_blank(True)
        elif key == Qt.Key.Key_Escape:
            self.back_requested.emit()
        else:
            return False
        return True

    def fit_to_screen(self) -> None:
        body = self.fit_text(BODY_PER_HEIGHT, self.outer)
        self.row.setSpacing(max(12, body))
        for column in self.columns:
            column.apply_size(body)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
