"""Every window and dialog opens within the screen's available area (the test screen is a
1366x768 laptop's), at the default text size and at 150%, and a remembered size is used only
while it still fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from simulator.core.progress import ProgressStore
from simulator.gui.base import fonts, geometry

from .conftest import FORMAT_EXAMPLE


def area() -> QRect:
    return QApplication.primaryScreen().availableGeometry()


def on_screen(widget: QWidget) -> bool:
    """The window, with its frame, lies within the available area."""
    return area().contains(widget.frameGeometry())


def shown_whole(child: QWidget) -> bool:
    """``child`` is visible and lies wholly inside its window, and the window on the screen."""
    window = child.window()
    inside = QRect(child.mapTo(window, QPoint(0, 0)), child.size())
    return child.isVisible() and window.rect().contains(inside) and on_screen(window)


@pytest.fixture
def text_scale(qapp):
    def apply(scale: float) -> None:
        font = QFont(qapp.font())
        font.setPointSizeF(fonts.base_point_size(9.0, scale))
        QApplication.setFont(font)
    return apply


@pytest.mark.parametrize("scale, trainees", [(1.0, 0), (1.0, 3), (1.33, 3), (1.5, 12)])
def test_the_picker_opens_on_screen_with_its_field_and_button_in_view_every_time(qtbot, data_dir, text_scale,
                                                                                  scale, trainees):
    from simulator.gui.base.style import stylesheet
    from simulator.gui.progress.trainee_picker import TraineePicker

    QApplication.instance().setStyleSheet(stylesheet())  # as in the app: it changes the sizes
    text_scale(scale)
    sizes = []
    with ProgressStore(data_dir) as store:
        for n in range(trainees):
            store.add_trainee(f"Trainee number {n}")
        for _start in range(2):  # a second start opens at the same size: it never grows
            picker = TraineePicker(store)
            qtbot.addWidget(picker)
            picker.show()
            qtbot.waitExposed(picker)
            qtbot.waitUntil(lambda: on_screen(picker))
            assert shown_whole(picker.name_edit) and shown_whole(picker.start_button)
            sizes.append(picker.size())
            qtbot.keyClicks(picker.name_edit, "Zoe")
            qtbot.keyClick(picker.name_edit, Qt.Key.Key_Return)  # adds her: the dialog still fits
            qtbot.waitUntil(lambda: picker.selected() is not None and picker.selected().name == "Zoe")
            assert on_screen(picker) and shown_whole(picker.start_button)
            store.remove_trainee(picker.selected().id)
            picker.close()
    assert sizes[0] == sizes[1]


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_main_window_opens_on_screen_and_forgets_a_size_that_no_longer_fits(qtbot, data_dir, text_scale, scale):
    from simulator.gui.main_window import MainWindow
    from simulator.gui.settings import Settings

    settings = Settings(str(data_dir))
    settings.font_scale = scale
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: on_screen(window))
    assert window.width() >= 900  # as wide as it can, not shrunk for nothing
    window.close()  # remembered: it fits

    saved = settings.geometry
    assert saved is not None
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.size() == window.size()

    # a geometry remembered on a bigger screen is not used here
    big = QWidget()
    qtbot.addWidget(big)
    big.setGeometry(0, 0, area().width() + 400, area().height() + 300)
    settings.geometry = big.saveGeometry()
    third = MainWindow(settings)
    qtbot.addWidget(third)
    third.show()
    qtbot.waitExposed(third)
    qtbot.waitUntil(lambda: on_screen(third))
    third.resize(area().width() + 200, area().height() + 200)  # dragged past the screen: not remembered
    third.close()
    assert settings.geometry is None


def test_the_preview_opens_on_screen_and_can_be_made_narrow_enough_to_fit(qtbot, data_dir):
    from simulator.gui.settings import Settings
    from simulator.gui.workbench.preview_window import PreviewWindow

    window = PreviewWindow(str(FORMAT_EXAMPLE), Settings(str(data_dir)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: on_screen(window))
    room = geometry.room(window)
    assert window.minimumSizeHint().width() <= room.width()
    assert window.minimumSizeHint().height() <= room.height()
    guess = geometry.FRAME_GUESS
    assert window.width() >= min(1440, area().width() - guess.left() - guess.right())  # not shrunk for nothing
