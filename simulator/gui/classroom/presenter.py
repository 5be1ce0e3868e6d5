"""Presenter mode: one scenario played for a room on a projector, driven by a clicker.

Screens: the brief (title), one screen per decision, the ending. Levels, feedback, the mood
and the outcome stay hidden until the facilitator presses R. The keys are listed in keys.py
(with the rule for B, which is both "blank" and the second reply). Which screen is up, what
is revealed and what is being typed is ``simulator.core.presenter_flow``; the rules of play
and voting are ``simulator.core.classroom``. This widget draws that state and forwards keys.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...core.classroom import ClassroomSession, ClassRun, letter
from ...core.levels import Level
from ...core.presenter_flow import BLANK, DECISION, ENDING, FINISHED, THREE_LEVELS, UNUSED, PresenterFlow, Shown
from ...core.presenter_flow import BRIEF as TITLE
from ..base import theme
from ..base.layouts import clear, discard, show_items
from ..base.progress_text import plural
from . import keys
from . import presenter_theme as pt
from .projector_customer import CustomerBox, public_note
from .projector_view import ProjectorView
from .vote_bar import VoteBar

__all__ = ["DECISION", "ENDING", "TITLE", "OptionCard", "PresenterView"]
# down to the smallest text if need be: at the largest presenter sizes a busy decision fits only there
FIT_STEPS = (1.0, 0.93, 0.86, 0.8, 0.74, 0.68, 0.62, 0.56, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25)
ROOMY_STEPS = (1.45, 1.3, 1.15) + FIT_STEPS  # the brief and the outcome have few words: larger when they fit
TIMER_GLYPHS = "⏱◷"  # a stopwatch, or a clock face in fonts without one (DejaVu)


class OptionCard(QFrame):
    """One reply on the projector: its letter, its words, the votes; level and feedback after R."""

    clicked = Signal(str)  # the letter

    def __init__(self, label: str, say: str, level: Level, feedback: str, breach: str) -> None:
        super().__init__()
        self.setObjectName("option")
        self.letter, self.say, self.level = label, say, level
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        row = QHBoxLayout(self)
        self.badge = pt.text_label(label, "body", bold=True, color="white", wrap=False)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setStyleSheet(f"background: {pt.ACCENT}; color: white; border-radius: 8px;")
        self.badge.setAccessibleName(f"Reply {label}")
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        middle = QVBoxLayout()
        middle.setSpacing(4)
        self.text = pt.text_label(say, "body")
        middle.addWidget(self.text)
        self.feedback = pt.text_label(feedback, "small", italic=True, color=pt.MUTED)
        self.feedback.setVisible(False)
        middle.addWidget(self.feedback)
        self.breach = pt.text_label(f"✖ Breaks a rule: {breach}" if breach else "", "small", bold=True,
                                    color=pt.FAIL_COLOR)
        self.breach.setVisible(False)
        middle.addWidget(self.breach)
        row.addLayout(middle, 1)
        self.side = QVBoxLayout()
        self.side.setSpacing(6)
        self.level_badge = pt.level_badge(level, "small")
        self.level_badge.setVisible(False)
        self.side.addWidget(self.level_badge, 0, Qt.AlignmentFlag.AlignRight)
        self.picked_label = pt.text_label("▶ Picked", "small", bold=True, color=pt.ACCENT, wrap=False)
        self.picked_label.setVisible(False)
        self.side.addWidget(self.picked_label, 0, Qt.AlignmentFlag.AlignRight)
        self.votes = pt.text_label("", "small", bold=True, wrap=False)
        self.votes.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.votes.setVisible(False)
        self.side.addWidget(self.votes)
        self.bar = VoteBar()
        self.bar.setVisible(False)
        self.side.addWidget(self.bar)
        self.side.addStretch(1)
        self.side_box = QWidget()
        self.side_box.setLayout(self.side)
        self.side_box.setStyleSheet("background: transparent; border: none;")
        row.addWidget(self.side_box)
        self.revealed = False
        self.show_state(0, 0.0, False, False, False)

    def show_state(self, votes: int, share: float, any_votes: bool, picked: bool, revealed: bool,
                   leader: bool = False) -> None:
        self.revealed = revealed
        if revealed:  # the level's colour around the card, its symbol and name in the badge
            border = f"{7 if picked else 5}px solid {theme.LEVEL_COLORS[self.level]}"
        else:
            border = f"6px solid {pt.ACCENT}" if picked else f"3px solid {pt.SOFT_OUTLINE}"
        self.setStyleSheet(f"QFrame#option {{ background: {pt.BACKGROUND}; border: {border}; border-radius: 14px; }}")
        self.level_badge.setVisible(revealed)
        self.feedback.setVisible(revealed and bool(self.feedback.text()))
        self.breach.setVisible(revealed and bool(self.breach.text()))
        self.picked_label.setVisible(picked)
        self.side_box.setVisible(any_votes or picked or revealed)  # else the reply gets the whole width
        self.votes.setVisible(any_votes)
        self.bar.setVisible(any_votes)
        count = plural(votes, "vote")
        self.votes.setText(f"{count} · {share * 100:.0f}%")
        self.votes.setProperty("presenterBold", leader)
        self.bar.set_share(share)
        parts = [f"Reply {self.letter}: {self.say}"]
        if any_votes:
            parts.append(f"{count}, {share * 100:.0f} percent")
        if picked:
            parts.append("picked")
        if revealed:
            parts.append(f"level {self.level.label}")
        self.setAccessibleName(". ".join(parts))

    def apply_size(self, body: int) -> None:
        pad = max(6, body // 2)
        self.layout().setContentsMargins(pad, pad, pad, pad)
        self.layout().setSpacing(pad)
        size = round(body * 1.7)
        self.badge.setFixedSize(size, size)
        self.side_box.setFixedWidth(round(body * 8))
        self.bar.setFixedHeight(max(8, body // 2))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.letter)
        super().mouseReleaseEvent(event)


class PresenterView(ProjectorView):
    """The room's screen. Build it with a ClassroomSession; the facilitator window follows ``state_changed``.

    Signals besides ProjectorView's (Ctrl+W, text size): ``state_changed``, ``finished``,
    ``three_levels_requested``, ``facilitator_requested``.
    """

    state_changed = Signal()           # anything on screen changed: the facilitator window refreshes
    finished = Signal()                # → after the last team's outcome: time for the class debrief
    three_levels_requested = Signal()  # L on the first or last screen
    facilitator_requested = Signal()   # F2

    def __init__(self, session: ClassroomSession, font_scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(font_scale, parent)
        self.flow = PresenterFlow(session)
        self.cards: list[OptionCard] = []
        self.cards_shown: Shown | None = None  # what the cards were built for
        self.setObjectName("presenter")
        self.setAccessibleName("Presenter screen")
        self.setAutoFillBackground(True)
        self.setMinimumSize(640, 400)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stage = QWidget(objectName="presenterStage")
        self.stage.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        outer.addWidget(self.stage)
        stage = QVBoxLayout(self.stage)
        self.stage_layout = stage

        header = QHBoxLayout()
        self.title = pt.text_label("", "small", bold=True, color=pt.MUTED, wrap=False)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header.addWidget(self.title, 1)
        self.team_label = pt.chip()
        header.addWidget(self.team_label)
        self.step_label = pt.chip()
        header.addWidget(self.step_label)
        self.timer_label = pt.chip()
        header.addWidget(self.timer_label)
        stage.addLayout(header)
        self.top_space = QWidget()  # centres the brief and the outcome on the screen (with the stretch below)
        self.top_space.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        stage.addWidget(self.top_space, 1)

        scene = QHBoxLayout()
        self.scene_row = scene
        self.who_box = CustomerBox()
        self.who_box.set_scenario(session.scenario)
        self.portrait, self.name = self.who_box.portrait, self.who_box.name
        scene.addWidget(self.who_box, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        self.words = words
        # the title screen: the brief
        self.brief = QWidget()
        brief = QVBoxLayout(self.brief)
        brief.setContentsMargins(0, 0, 0, 0)
        self.brief_title = pt.text_label("", "display", bold=True)
        brief.addWidget(self.brief_title)
        self.brief_about = pt.text_label("", "body", color=pt.MUTED)
        brief.addWidget(self.brief_about)
        self.brief_grid, self.brief_rows = _captioned_rows(("At", "Wants", "Expects"))
        brief.addLayout(self.brief_grid)
        words.addWidget(self.brief)
        # a decision or the ending: what the class said, the scene, the customer's words
        self.said = QFrame(objectName="saidCard")
        said = QVBoxLayout(self.said)
        self.said_caption = pt.text_label("", "small", bold=True, color=pt.ACCENT, wrap=False)
        said.addWidget(self.said_caption)
        self.said_text = pt.text_label("", "body")
        said.addWidget(self.said_text)
        words.addWidget(self.said)
        self.narration = pt.text_label("", "body", italic=True, color=pt.MUTED)
        words.addWidget(self.narration)
        self.customer = pt.text_label("", "scene", bold=True)
        self.customer.setAccessibleName("The customer says")
        words.addWidget(self.customer)
        self.public_note = public_note()  # on social media, on every screen: the class answers in public
        self.public_note.setVisible(self.who_box.channel == "social")
        words.addWidget(self.public_note)
        words.addStretch(1)
        scene.addLayout(words, 1)
        stage.addLayout(scene)

        self.options = QVBoxLayout()
        stage.addLayout(self.options)

        self.outcome = QFrame(objectName="outcome")
        self.outcome.setAccessibleName("Outcome")
        out = QVBoxLayout(self.outcome)
        top = QHBoxLayout()
        self.outcome_badge_box = QHBoxLayout()
        top.addLayout(self.outcome_badge_box)
        self.outcome_score = pt.text_label("", "title", bold=True, wrap=False)
        top.addWidget(self.outcome_score)
        self.outcome_verdict = pt.text_label("", "body", bold=True, wrap=False)
        top.addWidget(self.outcome_verdict)
        top.addStretch(1)
        out.addLayout(top)
        self.outcome_grid, self.outcome_rows = _captioned_rows(("Feels", "Thinks", "Comes back"))
        out.addLayout(self.outcome_grid)
        self.outcome_explain = pt.text_label("", "small", color=pt.MUTED)
        out.addWidget(self.outcome_explain)
        stage.addWidget(self.outcome)

        stage.addStretch(1)
        footer = QHBoxLayout()
        self.message_label = pt.text_label("", "small", bold=True)
        self.message_label.setAccessibleName("Message")
        footer.addWidget(self.message_label, 1)
        self.hint = pt.text_label("", "tiny", color=pt.MUTED, wrap=False)
        self.hint.setAccessibleName("Keys")
        footer.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignBottom)
        stage.addLayout(footer)

        self.add_overlays("Presenter keys", keys.PRESENTER_KEYS)
        self.refresh()

    # -- state the facilitator window reads ------------------------------------------------------

    @property
    def session(self) -> ClassroomSession:
        return self.flow.session

    @property
    def run(self) -> ClassRun:
        return self.flow.run

    @property
    def screen_kind(self) -> str:
        return self.flow.screen

    @property
    def revealed(self) -> bool:
        return self.flow.revealed

    @property
    def pending(self) -> str:
        return self.flow.pending

    @property
    def message(self) -> str:
        return self.flow.message

    def visible_texts(self) -> list[str]:
        """Every text the room can see now (for the facilitator's 'on the projector' line and for tests)."""
        if self.blanked:
            return []
        return [w.text() for w in self.stage.findChildren(QLabel) if w.isVisibleTo(self) and w.text()]

    # -- actions: the flow decides, this screen shows the result --------------------------------------

    def next(self) -> None:
        """→: start, play the pick (or the single reply with the most votes), show the outcome, go on."""
        self._after(self.flow.next())

    def back(self) -> None:
        """←: back one screen; leaving a decision backwards takes back the reply that led to it."""
        self.flow.back()
        self.refresh()

    def play(self, label: str | None = None) -> None:
        """Play a given reply (the facilitator window's buttons), or what → would play."""
        self._after(self.flow.play(label))

    def pick(self, label: str) -> None:
        """Pick (or unpick) the reply the class will play; nothing is played until →."""
        self.flow.pick(label)
        self.refresh()

    def record_votes(self, label: str, count: int) -> None:
        self.flow.record_votes(label, count)
        self.refresh()

    def time_out(self) -> None:
        self.flow.time_out()
        self.refresh()

    def reveal(self, on: bool | None = None) -> None:
        self.flow.reveal(on)
        self.refresh()

    def say(self, text: str) -> None:
        """A message in the footer (and the facilitator's window) until the next screen."""
        self.flow.say(text)
        self.refresh()

    def set_blank(self, on: bool) -> None:
        super().set_blank(on)
        self.state_changed.emit()

    def show_help(self, on: bool) -> None:
        super().show_help(on)
        self.state_changed.emit()

    def restart_session(self, session: ClassroomSession) -> None:
        self.flow.restart(session)
        self.refresh()

    # -- keys --------------------------------------------------------------------------------------

    def plain_key(self, key: int) -> bool:
        """The presenter's keys (see keys.py); Ctrl keys, the key help and the blank screen are ProjectorView's."""
        if key == Qt.Key.Key_F2:
            self.facilitator_requested.emit()
            return True
        if key == Qt.Key.Key_Period:
            self.set_blank(True)
            return True
        name = keys.presenter_key_name(key)
        if name is None:
            return False
        done = self.flow.press(name)
        self._after(done)
        return done != UNUSED

    def _after(self, done: str) -> None:
        """Show the flow's new state, then do what it asked of the window (blank, three levels, debrief)."""
        if done == UNUSED:
            return
        if done == BLANK:
            self.set_blank(True)
            return
        self.refresh()
        if done == THREE_LEVELS:
            self.three_levels_requested.emit()
        elif done == FINISHED:
            self.finished.emit()

    # -- presenting --------------------------------------------------------------------------------

    def refresh(self) -> None:
        flow = self.flow
        run = flow.run
        scenario = self.session.scenario
        customer = scenario.customer
        kind = flow.screen
        self.title.setText(scenario.title)
        self.team_label.setText(run.team)
        self.team_label.setVisible(self.session.has_teams)
        self.team_label.setAccessibleName(f"Playing: {run.team}")
        self.step_label.setText(flow.caption)
        timeout = run.node.timeout if kind == DECISION else None
        glyph = pt.font_glyph(self.timer_label.font(), TIMER_GLYPHS)
        self.timer_label.setText(f"{glyph} {timeout.seconds} s to answer".strip() if timeout else "")
        self.timer_label.setVisible(timeout is not None)
        self.who_box.show_state(run.session.emotion, introduced=kind == TITLE)

        self.brief.setVisible(kind == TITLE)
        self.top_space.setVisible(kind == TITLE or flow.outcome_shown)
        if kind == TITLE:
            self.brief_title.setText(scenario.title)
            self.brief_about.setText(" — ".join(x for x in (customer.name, customer.about) if x))
            _fill_rows(self.brief_rows, {"At": customer.organization, "Wants": customer.wants,
                                         "Expects": customer.expects})
        last = run.session.steps[-1] if run.session.steps and kind != TITLE else None
        self.said.setVisible(last is not None)
        if last is not None:
            who = run.team if self.session.has_teams else "The class"
            self.said_caption.setText(f"{who} replied:")
            self.said_text.setText(last.reply.say if last.reply else "(No answer: the time ran out.)")
        node = run.node
        self.narration.setText(node.narration.strip() if kind != TITLE else "")
        self.narration.setVisible(bool(self.narration.text()))
        self.customer.setText(node.customer.strip() if kind != TITLE else "")
        self.customer.setVisible(bool(self.customer.text()))
        self._build_cards()
        self._show_outcome()
        self.message_label.setText(flow.message)
        self.hint.setText(flow.hint())
        self.relayout()
        self.state_changed.emit()

    def _build_cards(self) -> None:
        """One card per reply on screen: built again whenever what is shown changes (``Shown``)."""
        flow = self.flow
        shown = flow.shown
        if shown != self.cards_shown:
            for card in self.cards:
                discard(card)
            self.cards = []
            for i, reply in enumerate(flow.replies):
                card = OptionCard(letter(i), reply.say, reply.level, reply.feedback, reply.breach)
                card.setProperty("replyKey", reply.key)
                card.clicked.connect(self.pick)
                self.options.addWidget(card)
                self.cards.append(card)
            show_items(self.options)
            self.cards_shown = shown
        any_votes = flow.any_votes
        for card, state in zip(self.cards, flow.reply_states(), strict=True):
            card.show_state(state.votes, state.share, any_votes, state.picked, flow.revealed, state.leader)

    def _show_outcome(self) -> None:
        show = self.flow.outcome_shown
        self.outcome.setVisible(show)
        if not show:
            return
        result = self.run.result()
        clear(self.outcome_badge_box)
        self.outcome_badge_box.addWidget(pt.level_badge(result.level, "title"))
        show_items(self.outcome_badge_box)
        self.outcome_score.setText(f"  {result.score}/100  ")
        self.outcome_score.setAccessibleName(f"Score {result.score} out of 100")
        self.outcome_verdict.setText(pt.verdict_text(result))
        self.outcome_verdict.setStyleSheet(
            f"color: {pt.PASS_COLOR if result.compliance_passed else pt.FAIL_COLOR}; background: transparent;")
        ending = result.ending
        _fill_rows(self.outcome_rows, {"Feels": ending.feels if ending else "",
                                       "Thinks": ending.thinks if ending else "",
                                       "Comes back": f"{result.value.returns}% likely"})
        self.outcome_explain.setText(result.explanation)

    # -- sizing: everything in view at the largest size that fits --------------------------------

    def _apply_size(self, body: int) -> None:
        self._body = body
        pt.apply_fonts(self.stage, body)
        gap = max(6, body // 2)
        margin = max(12, body)
        self.stage_layout.setContentsMargins(margin * 3 // 2, margin // 2, margin * 3 // 2, margin // 2)
        self.stage_layout.setSpacing(gap)
        self.scene_row.setSpacing(margin)
        self.words.setSpacing(gap)
        self.options.setSpacing(gap)
        self.said.layout().setContentsMargins(gap * 2, gap // 2, gap, gap // 2)
        self.outcome.layout().setContentsMargins(margin, gap, margin, gap)
        self.brief_grid.setHorizontalSpacing(body)
        self.brief_grid.setVerticalSpacing(gap)
        self.brief.layout().setSpacing(gap)
        self.outcome_grid.setHorizontalSpacing(body)
        self.who_box.apply_size(body, roomy=self.screen_kind != DECISION)
        for card in self.cards:
            card.apply_size(body)

    def fit_to_screen(self) -> None:
        """Largest text (up to the facilitator's scale) at which the whole screen fits without scrolling."""
        size = self.screen_size()
        base = pt.body_px(size.height(), self.scale)
        roomy = self.screen_kind == TITLE or self.flow.outcome_shown
        for factor in ROOMY_STEPS if roomy else FIT_STEPS:
            self._apply_size(max(pt.MIN_BODY_PX, round(base * factor)))
            layout = self.stage_layout
            layout.invalidate()
            needed = (layout.totalHeightForWidth(size.width()) if layout.hasHeightForWidth()
                      else layout.totalSizeHint().height())
            if needed <= size.height() * (0.85 if roomy else 1.0):  # a roomy screen keeps some air round it
                break


def _captioned_rows(captions: tuple[str, ...]) -> tuple[QGridLayout, dict[str, tuple[QLabel, QLabel]]]:
    """A grid of 'caption  value' rows, and each row's (caption, value) labels by caption."""
    grid = QGridLayout()
    rows: dict[str, tuple[QLabel, QLabel]] = {}
    for row, caption in enumerate(captions):
        head = pt.text_label(caption, "body", bold=True, color=pt.MUTED, wrap=False)
        value = pt.text_label("", "body")
        grid.addWidget(head, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, row, 1)
        rows[caption] = (head, value)
    grid.setColumnStretch(1, 1)
    return grid, rows


def _fill_rows(rows: dict[str, tuple[QLabel, QLabel]], values: dict[str, str]) -> None:
    """Set each row's value; a row without one is hidden, caption and all."""
    for caption, text in values.items():
        head, value = rows[caption]
        value.setText(text)
        head.setVisible(bool(text))
        value.setVisible(bool(text))
