"""What the projector's three screens (presenter, three levels, class debrief) have in common.

Each is sized from the height of the window it fills and the facilitator's text scale, takes
the same Ctrl keys (Ctrl+= Ctrl+- Ctrl+0 for the text size, Ctrl+W to leave presenter mode),
and answers ``handle_key`` so that the ClassroomWindow and the facilitator's window can hand
it the keys pressed elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLayout, QWidget

from . import keys
from . import presenter_theme as pt
from .overlays import BlankOverlay, HelpOverlay

FALLBACK_SIZE = QSize(1920, 1080)  # before the window is laid out, size as for a full-HD projector


class ProjectorView(QWidget):
    """A projector screen. Subclasses implement ``fit_to_screen`` and, for their own keys, ``plain_key``.

    A screen that calls ``add_overlays`` can be blanked ('.', B) and shows its keys with F1;
    while either is up, the keys only take it away again (see keys.py).
    """

    blank_overlay: BlankOverlay | None = None
    help_overlay: HelpOverlay | None = None

    library_requested = Signal()        # Ctrl+W: leave presenter mode
    font_scale_changed = Signal(float)  # the facilitator changed the text size

    def __init__(self, font_scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = pt.clamp_scale(font_scale)
        self._body = pt.body_px(FALLBACK_SIZE.height(), self.scale)  # body text in pixels: fit_to_screen sets it
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(pt.stylesheet())

    # -- size --------------------------------------------------------------------------------------

    def fit_to_screen(self) -> None:
        """Size the text and spacing for the window and the scale; sets ``_body``."""
        raise NotImplementedError

    def fit_text(self, per_height: float, outer: QLayout) -> int:
        """Text sized from the window's height (``per_height``: body pixels per pixel of height) and the
        scale, with margins and spacing to match on ``outer``; returns the body size in pixels."""
        body = pt.body_px(self.screen_size().height(), self.scale, per_height)
        self._body = body
        pt.apply_fonts(self, body)
        margin = max(12, body)
        outer.setContentsMargins(margin, margin // 2, margin, margin // 2)
        outer.setSpacing(max(4, body // 3))
        return body

    def relayout(self) -> None:
        self.fit_to_screen()
        if self.help_visible:
            self.help_overlay.apply_size(self._body)

    def screen_size(self) -> QSize:
        """The window's size, or a projector's while the window is not laid out yet."""
        return QSize(self.width() if self.width() > 100 else FALLBACK_SIZE.width(),
                     self.height() if self.height() > 100 else FALLBACK_SIZE.height())

    def set_font_scale(self, scale: float) -> None:
        scale = pt.clamp_scale(scale)
        if scale != self.scale:
            self.scale = scale
            self.font_scale_changed.emit(scale)
        self.relayout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.relayout()

    def sizeHint(self) -> QSize:
        return QSize(1280, 720)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- blank screen and key help -------------------------------------------------------------------

    def add_overlays(self, title: str, key_list: list[tuple[str, str]]) -> None:
        """The black screen and the F1 key help (``key_list``: the rows of keys.py to show)."""
        self.blank_overlay = BlankOverlay(self)
        self.help_overlay = HelpOverlay(self, title, key_list)

    @property
    def blanked(self) -> bool:
        return self.blank_overlay is not None and self.blank_overlay.isVisibleTo(self)

    @property
    def help_visible(self) -> bool:
        return self.help_overlay is not None and self.help_overlay.isVisibleTo(self)

    def set_blank(self, on: bool) -> None:
        if self.blank_overlay is not None:
            self.blank_overlay.cover(on)

    def toggle_blank(self) -> None:
        self.set_blank(not self.blanked)

    def show_help(self, on: bool) -> None:
        if self.help_overlay is not None:
            self.help_overlay.apply_size(self._body)
            self.help_overlay.cover(on)

    def _overlay_key(self, key: int) -> bool:
        """While the help or the blank screen is up, a key only takes it away (True: the key is used)."""
        if self.help_visible:
            if key in keys.CLOSE_HELP_KEYS:
                self.show_help(False)
            return True
        if self.blanked:
            if key in keys.UNBLANK_KEYS:
                self.set_blank(False)
            return True
        if self.help_overlay is not None and key == Qt.Key.Key_F1:
            self.show_help(True)
            return True
        return False

    # -- keys ------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a key (pressed here or in the facilitator's window); False when it means nothing here."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & Qt.KeyboardModifier.ControlModifier:
            return self.control_key(event.key())
        if mods & ~Qt.KeyboardModifier.ShiftModifier:
            return False
        return self._overlay_key(event.key()) or self.plain_key(event.key())

    def control_key(self, key: int) -> bool:
        """Ctrl+= (or Ctrl++) larger text, Ctrl+- smaller, Ctrl+0 normal, Ctrl+W leave presenter mode."""
        if key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            self.set_font_scale(self.scale * pt.SCALE_STEP)
        elif key == Qt.Key.Key_Minus:
            self.set_font_scale(self.scale / pt.SCALE_STEP)
        elif key == Qt.Key.Key_0:
            self.set_font_scale(1.0)
        elif key == Qt.Key.Key_W:
            self.library_requested.emit()
        else:
            return False
        return True

    def plain_key(self, key: int) -> bool:
        """The view's own keys, without Ctrl."""
        return False
