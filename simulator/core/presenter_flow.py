"""Presenter mode's flow: which screen the room sees, what is revealed, what is being typed.

Plain Python (no Qt), so every screen of a classroom session can be stepped through in tests.
The projector's widgets (``simulator.gui.classroom.presenter``) draw ``PresenterFlow`` and
hand it the clicker's keys by name; the rules of play and voting stay in ``ClassRun``.

The presenter's screens: the brief (BRIEF), one screen per decision (DECISION), the end
(ENDING), whose outcome shows once ``revealed``. At a decision ``revealed`` shows the replies'
levels and feedback. The blank screen and the key help are overlays every projector view
shares, and the three levels and the class debrief are views of their own: the flow asks
for them (BLANK, THREE_LEVELS, FINISHED) and the window shows them.

What is on screen has an identity, ``Shown``: the team, the screen, the decision's node and
step number and the keys of the replies offered. A view keeps its reply widgets only while
``Shown`` stays the same, so two decisions with as many replies never share widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from .classroom import ClassroomSession, ClassRun, letter
from .engine import PlayError
from .model import Reply
from .wording import plural

BRIEF, DECISION, ENDING = "title", "decision", "ending"

# keys by name (the GUI maps its key codes to these); digits and letters are themselves
NEXT, BACK, ESCAPE, BACKSPACE = "next", "back", "escape", "backspace"

# what ``press`` did, or what it asks of the window around the presenter
USED, UNUSED, BLANK, THREE_LEVELS, FINISHED = "used", "unused", "blank", "three-levels", "finished"

MAX_TYPED_DIGITS = 4  # a vote count is at most 9999 (classroom.MAX_VOTES)


@dataclass(frozen=True)
class Shown:
    """The identity of what the presenter shows: when it changes, the reply widgets are rebuilt."""

    session: int  # how many times the session was started again (new teams)
    team: int  # the index of the team (run) on screen
    screen: str  # BRIEF, DECISION or ENDING
    node: str  # the current node's id
    step: int  # decisions played before this screen: the decision's number is step + 1
    replies: tuple[str, ...] = ()  # the keys of the replies offered, in on-screen order (A, B, ...)


@dataclass(frozen=True)
class ShownReply:
    """One reply on the screen now, with what its card shows besides its words."""

    letter: str
    reply: Reply
    votes: int
    share: float  # 0.0-1.0 of the votes at this decision
    picked: bool
    leader: bool  # the one reply with the most votes (none on a tie)


class PresenterFlow:
    """The presenter's state machine over a ClassroomSession (its current run is the team on screen)."""

    def __init__(self, session: ClassroomSession) -> None:
        self.session = session
        self.screen = BRIEF
        self.revealed = False
        self.pending = ""  # digits typed for a vote count, waiting for a letter
        self.message = ""
        self.restarts = 0

    # -- what is on screen -------------------------------------------------------------------------

    @property
    def run(self) -> ClassRun:
        return self.session.current

    @property
    def shown(self) -> Shown:
        run = self.run
        return Shown(self.restarts, self.session.index, self.screen, run.node.id, len(run.session.steps),
                     tuple(r.key for r in self.replies))

    @property
    def replies(self) -> tuple[Reply, ...]:
        """The replies the room sees now: the current decision's offered replies, else none."""
        return tuple(self.run.offered()) if self.screen == DECISION else ()

    def reply_states(self) -> tuple[ShownReply, ...]:
        """Each reply on screen with its votes, whether it is picked and whether it leads."""
        replies = self.replies
        if not replies:
            return ()
        run = self.run
        tally = run.tally
        picked, leader = run.picked, run.majority()
        return tuple(ShownReply(letter(i), r, tally.counts.get(r.key, 0), tally.share(r.key),
                                picked is not None and r.key == picked.key,
                                leader is not None and r.key == leader.key)
                     for i, r in enumerate(replies))

    @property
    def any_votes(self) -> bool:
        return self.screen == DECISION and self.run.tally.total > 0

    @property
    def decision_number(self) -> int:
        return len(self.run.session.steps) + 1

    @property
    def caption(self) -> str:
        """'Decision 3', 'The end' or 'The brief'."""
        if self.screen == DECISION:
            return f"Decision {self.decision_number}"
        return "The end" if self.screen == ENDING else "The brief"

    @property
    def outcome_shown(self) -> bool:
        return self.screen == ENDING and self.revealed

    def hint(self) -> str:
        """The keys that make sense now, for the screen's footer."""
        if self.screen == BRIEF:
            return "→ start   ·   L the three levels   ·   F1 keys"
        if self.screen == DECISION:
            return "A–D pick   ·   12 A votes   ·   R reveal   ·   → play   ·   F1 keys"
        if not self.revealed:
            return "→ or R the outcome   ·   ← back   ·   F1 keys"
        return ("→ next team" if self.session.has_next_team else "→ class debrief") + "   ·   F1 keys"

    # -- moves ---------------------------------------------------------------------------------------

    def next(self) -> str:
        """→: start, play the pick (or the single reply with the most votes), show the outcome, go on.

        FINISHED after the last team's outcome (time for the class debrief), else USED.
        """
        run = self.run
        if self.screen == BRIEF:
            self._go(ENDING if run.ended else DECISION)
        elif self.screen == DECISION:
            if self.pending:
                self.message = f"{self._pending_votes()} for which reply? Press its letter (Esc cancels)."
                return USED
            try:
                run.play()
            except PlayError as error:
                self.message = str(error)
                return USED
            self._go(ENDING if run.ended else DECISION)
        elif not self.revealed:
            self.reveal(True)
        elif self.session.next_team() is not None:
            self._go(BRIEF)
        else:
            return FINISHED
        return USED

    def back(self) -> None:
        """←: back one screen; leaving a decision backwards takes back the reply that led to it."""
        if self.screen == BRIEF:
            if self.session.previous_team() is not None:
                self._go(ENDING if self.run.ended else DECISION)
            return
        self._go(DECISION if self.run.undo() else BRIEF)

    def play(self, label: str | None = None) -> str:
        """Play a given reply (the facilitator's buttons), or what → would play."""
        if self.screen != DECISION:
            return UNUSED
        if label is None:
            return self.next()
        try:
            self.run.play(label)
        except PlayError as error:
            self.message = str(error)
            return USED
        self._go(ENDING if self.run.ended else DECISION)
        return USED

    def pick(self, label: str) -> None:
        """Pick (or unpick) the reply the class will play; nothing is played until →."""
        run = self.run
        reply = run.reply_for(label) if self.screen == DECISION else None
        if reply is None:
            return
        same = run.picked is not None and run.picked.key == reply.key
        run.pick(None if same else label)
        self.message = "" if same else f"Reply {run.letter_of(reply.key)} picked: → plays it."

    def record_votes(self, label: str, count: int) -> None:
        if self.screen != DECISION or self.run.reply_for(label) is None:
            return
        reply = self.run.set_votes(label, count)
        self.pending = ""
        self.message = f"{plural(self.run.votes(label), 'vote')} for {self.run.letter_of(reply.key)}."

    def time_out(self) -> None:
        if self.screen != DECISION or self.run.node.timeout is None:
            return
        self.run.time_out()
        self._go(ENDING if self.run.ended else DECISION)

    def reveal(self, on: bool | None = None) -> None:
        """R: show (or hide) the levels and feedback at a decision, the outcome at the end."""
        if self.screen == BRIEF:
            return
        self.revealed = (not self.revealed) if on is None else on
        self.message = ""

    def say(self, text: str) -> None:
        """A message for the facilitator in the screen's footer, until the next screen."""
        self.message = text

    def restart(self, session: ClassroomSession) -> None:
        """A new session (new teams): back to the first team's brief."""
        self.session = session
        self.restarts += 1
        self._go(BRIEF)

    # -- keys ----------------------------------------------------------------------------------------

    def press(self, key: str) -> str:
        """A key by name (NEXT, BACK, ESCAPE, BACKSPACE, a digit, a capital letter).

        Returns USED, UNUSED (the key means nothing here), or what the window must do:
        BLANK, THREE_LEVELS, FINISHED. The rule for B (blank, or the second reply) is in keys.py.
        """
        if key == NEXT:
            return self.next()
        if key == BACK:
            self.back()
        elif key == ESCAPE:
            if self.pending or self.message:
                self.pending = ""
                self.message = ""
        elif key.isdigit() and len(key) == 1 and self.screen == DECISION:
            self.pending = (self.pending + key)[-MAX_TYPED_DIGITS:].lstrip("0") or "0"
            self.message = f"{self._pending_votes()} for… press the reply's letter."
        elif key == BACKSPACE and self.pending:
            self.pending = self.pending[:-1]
            self.message = f"{self._pending_votes()} for… press the reply's letter." if self.pending else ""
        elif len(key) == 1 and "A" <= key <= "Z":
            return self._letter(key)
        else:
            return UNUSED
        return USED

    def _letter(self, char: str) -> str:
        if self.screen == DECISION and self.run.reply_for(char) is not None:
            if self.pending:
                self.record_votes(char, int(self.pending))
            else:
                self.pick(char)
        elif self.pending:
            self.message = (f"There is no reply {char} here. "
                            f"Type the count again, then A-{letter(len(self.replies) - 1)}.")
            self.pending = ""
        elif char == "B":
            return BLANK
        elif char == "R":
            self.reveal()
        elif char == "T":
            self.time_out()
        elif char == "L" and self.screen != DECISION:
            return THREE_LEVELS
        else:
            return UNUSED
        return USED

    def _pending_votes(self) -> str:
        """The vote count being typed, in words: '12 votes'."""
        return plural(int(self.pending or 0), "vote")

    def _go(self, screen: str) -> None:
        """A new screen: nothing revealed, nothing typed, no message."""
        self.screen = screen
        self.revealed = False
        self.pending = ""
        self.message = ""
