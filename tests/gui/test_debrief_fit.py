"""The debrief says who played and how, its PDF keeps the skills together, and its bar never clips."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from simulator.gui.practice import report

from .conftest import _make_window
from .test_app import open_by_keyboard, press_reply
from .test_debrief import pdf_text, play  # noqa: F401  (shared helpers)


@pytest.fixture
def signed_in(qtbot, data_dir, user_folder):
    window = _make_window(qtbot, data_dir, user_folder)
    assert window.record.open(), window.record.error
    window.sign_in(window.record.store.add_trainee("Ann"))
    return window


@pytest.mark.parametrize("mode, label", [("practice", "Practice"), ("assessment", "Assessment")])
def test_the_debrief_and_its_pdf_say_who_played_and_in_which_mode(qtbot, signed_in, tmp_path, mode, label):
    window = signed_in
    open_by_keyboard(qtbot, window, "tiny-timer", mode)
    press_reply(qtbot, window.play, 0)
    with qtbot.waitSignal(window.debrief_shown, timeout=5000):
        qtbot.keyClick(window.play.debrief_button, Qt.Key.Key_Return)
    expected = f"Played by Ann · {label}"
    assert window.debrief.player_label is not None and window.debrief.player_label.text() == expected
    out = tmp_path / "debrief.pdf"
    window.debrief.export_pdf(str(out))
    assert expected in report.debrief_html(window.debrief._scenario, window.debrief._result, None,
                                           player=window.debrief.player_note)
    text = pdf_text(out)
    if text is not None:
        assert expected in text


def test_played_by_leaves_out_what_is_not_known():
    assert report.played_by("Ann", "Practice") == "Played by Ann · Practice"
    assert report.played_by("", "Assessment") == "Assessment"
    assert report.played_by(" ", "") == ""


@pytest.mark.parametrize("scale", [1.0, 1.5, 1.9])
def test_no_debrief_bar_button_clips_in_a_1280_wide_window(qtbot, signed_in, scale):
    from PySide6.QtWidgets import QPushButton

    window = signed_in
    window.resize(1280, 764)
    open_by_keyboard(qtbot, window, "tiny-timer", "practice")
    press_reply(qtbot, window.play, 0)
    with qtbot.waitSignal(window.debrief_shown, timeout=5000):
        qtbot.keyClick(window.play.debrief_button, Qt.Key.Key_Return)
    window.apply_font_scale(scale)
    view = window.debrief
    bar = view._bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.width() <= window.width())
    buttons = bar.findChildren(QPushButton)
    assert {b.text().replace("&", "") for b in buttons} >= {"Retry", "Replay the WOW path", "Export to PDF…"}

    def fits() -> bool:
        for button in buttons:
            text = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
            inside = button.mapTo(window, button.rect().topLeft()).x() + button.width() <= window.width()
            if not (button.isVisible() and text < button.width() and button.width() >= button.sizeHint().width()
                    and inside):
                return False
        return True

    qtbot.waitUntil(fits, timeout=3000)
    assert bar.wrapped == (bar.one_row_width() > bar.width())
    if scale == 1.0:
        assert not bar.wrapped  # one row at the usual size


def _skills_span(doc_pages):
    from PySide6.QtGui import QTextCursor

    doc = doc_pages.doc
    found = doc.find("Skills", 0)
    while not found.isNull() and found.block().text() != "Skills":
        found = doc.find("Skills", found)
    assert not found.isNull()
    note = doc.find("Shown: decisions where your reply showed")
    assert not note.isNull()
    layout = doc.documentLayout()
    height = doc_pages.page_height

    def page(cursor: QTextCursor) -> int:
        return int(layout.blockBoundingRect(cursor.block()).top() // height)

    table = doc.find("Missed", found)
    return page(found), page(table), page(note)


@pytest.mark.parametrize("choices", [(0, 0), (2, 0), (1,), (2, 1)])
def test_the_pdf_keeps_the_skills_heading_its_table_and_its_note_on_one_page(choices):
    from simulator.core.analysis import analyze
    from simulator.core.loader import ScenarioLoader
    from simulator.gui.widgets.a4_pages import A4Pages

    from .test_debrief import LUGGAGE

    luggage = ScenarioLoader().load(LUGGAGE).scenario
    try:
        result = play(luggage, *choices)
    except Exception:
        pytest.skip("not a path of this scenario")
    if not result.skills:
        pytest.skip("no skills on this path")
    pages = A4Pages(report.build_document(luggage, result, analyze(luggage), player="Played by Ann · Practice"))
    heading, table, note = _skills_span(pages)
    assert heading == table == note, (heading, table, note)
    assert pages.pdf_bytes().startswith(b"%PDF")


def test_the_debrief_page_needs_no_sideways_scrolling_at_150_percent_in_a_1280_wide_window(qtbot, signed_in):
    window = signed_in
    window.resize(1280, 764)
    open_by_keyboard(qtbot, window, "tiny-timer", "practice")
    press_reply(qtbot, window.play, 0)
    with qtbot.waitSignal(window.debrief_shown, timeout=5000):
        qtbot.keyClick(window.play.debrief_button, Qt.Key.Key_Return)
    window.apply_font_scale(1.5)
    scroll = window.debrief.scroll
    qtbot.waitUntil(lambda: scroll.widget() is not None and scroll.viewport().width() > 0)
    qtbot.waitUntil(lambda: scroll.widget().minimumSizeHint().width() <= scroll.viewport().width(), timeout=3000)
    qtbot.waitUntil(lambda: not scroll.horizontalScrollBar().isVisible(), timeout=3000)
