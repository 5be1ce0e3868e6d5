"""The projector at 1920x1080: glyphs the font has, the brief and the outcome using the screen,
scroll bars only on a column that overflows, and scores in their level's colour."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QRect, Qt  # noqa: E402
from PySide6.QtGui import QFontMetrics  # noqa: E402

from simulator.core.analysis import analyze  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402
from simulator.gui.base import theme  # noqa: E402
from simulator.gui.classroom import ClassroomWindow  # noqa: E402
from simulator.gui.classroom import presenter_theme as pt  # noqa: E402
from simulator.gui.classroom.presenter import DECISION, ENDING, TITLE  # noqa: E402
from simulator.gui.classroom.three_levels import ClosingCard  # noqa: E402

CASH = Path(__file__).resolve().parents[2] / "scenarios" / "cash-withdrawal-queue.yaml"


@pytest.fixture(scope="module")
def cash():
    return ScenarioLoader().load(CASH).scenario


def projector(qtbot, scenario, start="presenter") -> ClassroomWindow:
    window = ClassroomWindow(scenario, analyze(scenario), facilitator=False, start=start)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return window


def used_band(view, widgets) -> QRect:
    """The part of the screen the visible ``widgets`` cover, in the view's coordinates."""
    band = QRect()
    for w in widgets:
        if w.isVisibleTo(view):
            band = band.united(QRect(w.mapTo(view, w.rect().topLeft()), w.size()))
    return band


def test_the_time_limit_pill_uses_only_glyphs_its_font_has(qtbot, cash):
    window = projector(qtbot, cash)
    view = window.presenter
    qtbot.keyClick(view, Qt.Key.Key_Right)
    while view.run.node.timeout is None:
        qtbot.keyClick(view, Qt.Key.Key_A)
        qtbot.keyClick(view, Qt.Key.Key_Right)
        assert view.screen_kind == DECISION
    label = view.timer_label
    assert label.isVisibleTo(view) and label.text().endswith(f"{view.run.node.timeout.seconds} s to answer")
    metrics = QFontMetrics(label.font())
    missing = [c for c in label.text() if c != " " and not metrics.inFontUcs4(ord(c))]
    assert missing == [], f"{label.font().family()} has no glyph for {missing}"
    assert pt.font_glyph(label.font(), "\U0010fffd") == ""  # a glyph no font has: none at all, never a box


def test_the_brief_and_the_outcome_use_the_screen_centred(qtbot, cash):
    window = projector(qtbot, cash)
    view = window.presenter
    height = view.height()
    assert view.screen_kind == TITLE
    band = used_band(view, [view.who_box, view.brief])
    assert band.height() > height * 0.5, band  # not just the top third
    assert abs(band.center().y() - height / 2) < height * 0.12, band
    brief_px = view.brief_rows["Wants"][1].font().pixelSize()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    while not view.run.ended:
        qtbot.keyClick(view, Qt.Key.Key_A)
        qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert view.screen_kind == ENDING and view.outcome.isVisibleTo(view)
    band = used_band(view, [view.who_box, view.said, view.narration, view.customer, view.outcome])
    assert band.height() > height * 0.5, band
    assert abs(band.center().y() - height / 2) < height * 0.12, band
    assert brief_px > pt.body_px(height, 1.0) * 1.1  # larger text than a decision's at the same scale


def test_three_levels_show_a_scroll_bar_only_on_a_column_that_overflows(qtbot, cash):
    window = projector(qtbot, cash, start="three-levels")
    levels = window.three_levels

    def bars_match_overflow() -> bool:
        for column in levels.columns:
            content = max(b.geometry().bottom() for b in column.blocks if b.isVisibleTo(column))
            overflows = content > column.scroll.viewport().height()
            if column.scroll.verticalScrollBar().isVisible() != overflows:
                return False
        return True

    qtbot.waitUntil(lambda: all(c.shown() == 1 for c in levels.columns))
    qtbot.waitUntil(bars_match_overflow)
    assert not any(c.scroll.verticalScrollBar().isVisible() for c in levels.columns)  # step 1 fits every column
    qtbot.keyClick(levels, Qt.Key.Key_End)
    qtbot.waitUntil(bars_match_overflow)


def test_a_columns_score_takes_its_levels_colour_never_the_compliance_colour(qtbot, cash):
    window = projector(qtbot, cash, start="three-levels")
    levels = window.three_levels
    qtbot.keyClick(levels, Qt.Key.Key_End)
    for column in levels.columns:
        card = column.blocks[-1]
        assert isinstance(card, ClosingCard)
        result = column.play.result
        assert card.score.text() == f"Score {result.score}/100"
        assert f"color: {theme.LEVEL_COLORS[result.level]}" in card.score.styleSheet()
        compliance = pt.PASS_COLOR if result.compliance_passed else pt.FAIL_COLOR
        if compliance != theme.LEVEL_COLORS[result.level]:
            assert compliance not in card.score.styleSheet()
        assert f"color: {compliance}" in card.compliance.styleSheet()
