"""The classroom's keys, in one place: the key codes the projector screens act on, and the lists
that the F1 overlays (presenter, three levels) and the facilitator's window show.

The blank-screen rule: presenter clickers send '.' or 'B' for "blank", but B is also the
second reply. '.' always blanks. B blanks too, except while a decision with a reply B is on
screen, where it picks reply B. Picking never plays anything (only → does), so a clicker's
B at a decision does no harm, and '.' is there when the facilitator wants the black screen.
While the screen is blank, B, '.', Esc and the arrow/page keys only bring the picture back.
(``simulator.core.presenter_flow`` applies the rule; ``presenter_key_name`` names its keys.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from ...core import presenter_flow as flow

_K = Qt.Key
NEXT_KEYS = (_K.Key_Right, _K.Key_PageDown, _K.Key_Space, _K.Key_Return, _K.Key_Enter)  # a clicker's "next"
BACK_KEYS = (_K.Key_Left, _K.Key_PageUp)                                             # and its "back"
CLOSE_HELP_KEYS = (_K.Key_F1, _K.Key_Escape, *NEXT_KEYS, *BACK_KEYS)  # while the key help is up
UNBLANK_KEYS = (_K.Key_B, _K.Key_Period, _K.Key_Escape, *NEXT_KEYS, *BACK_KEYS)  # while the screen is blank


def presenter_key_name(key: int) -> str | None:
    """The name the presenter's flow knows a key by (None: not one of its keys)."""
    if key in NEXT_KEYS:
        return flow.NEXT
    if key in BACK_KEYS:
        return flow.BACK
    if key == _K.Key_Escape:
        return flow.ESCAPE
    if key == _K.Key_Backspace:
        return flow.BACKSPACE
    if _K.Key_0 <= key <= _K.Key_9 or _K.Key_A <= key <= _K.Key_Z:
        return chr(key)
    return None


PRESENTER_KEYS: list[tuple[str, str]] = [
    ("→  Page Down  Space  Enter", "Next: start, play the picked reply (or the one with most votes), "
                                   "show the outcome, next team"),
    ("←  Page Up", "Back one screen (takes back the last reply)"),
    ("A  B  C  D …", "Pick the reply the class will play (press again to unpick)"),
    ("12 then A", "Record votes: type how many chose it, then its letter (0 then A clears)"),
    ("R", "Reveal the levels and feedback of the replies, or the outcome at the end"),
    ("T", "Let the time run out (decisions with a time limit)"),
    (".   or   B", "Blank the screen (B picks reply B when one is on screen)"),
    ("L", "The three levels side by side (on the first and last screens)"),
    ("F2", "Show the facilitator's window"),
    ("Ctrl+=  Ctrl+-  Ctrl+0", "Larger, smaller, normal text"),
    ("F1", "This help (Esc or F1 closes it)"),
    ("Ctrl+W", "Leave presenter mode"),
]

THREE_LEVELS_KEYS: list[tuple[str, str]] = [
    ("→  Page Down  Space", "Next step in all three conversations"),
    ("←  Page Up", "Previous step"),
    ("End  /  Home", "Show everything / start again"),
    ("↑  ↓", "Scroll the three columns"),
    (".  or  B", "Blank the screen"),
    ("Ctrl+=  Ctrl+-  Ctrl+0", "Larger, smaller, normal text"),
    ("F1", "This help (Esc or F1 closes it)"),
    ("Esc", "Back to the presenter"),
    ("Ctrl+W", "Leave presenter mode"),
]
