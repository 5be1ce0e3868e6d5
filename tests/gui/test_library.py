"""The library screen on its own, filled with many catalogue entries: keys, clicks, scrolling and
the due-for-review section, through the real list."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from simulator.core.catalog import CatalogEntry
from simulator.core.levels import Level
from simulator.core.progress import ScenarioProgress
from simulator.gui.practice.library import LibraryView
from simulator.gui.base.progress_text import local_day, long_date

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


def entry(i: int) -> CatalogEntry:
    return CatalogEntry(f"/library/scenario-{i:02d}.yaml", True, f"Scenario {i:02d}", f"scenario-{i:02d}", "banking",
                        "easy", 5, "A customer with a problem that takes a sentence or two to tell." * (1 + i % 3))


@pytest.fixture
def library(qtbot):
    view = LibraryView()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    for i in range(30):
        view.add_entry("bundled", entry(i))
    view.finish_loading()
    qtbot.waitUntil(lambda: not view.card_rect(view.shown_cards()[-1]).isEmpty())
    return view


def due_for(*ids: str) -> dict:
    """Progress in which ``ids`` are due for review and every other scenario was never played."""
    progress = {f"scenario-{i:02d}": ScenarioProgress(f"scenario-{i:02d}") for i in range(30)}
    for sid in ids:
        progress[sid] = ScenarioProgress(sid, 1, Level.LOW, NOW - timedelta(days=3), NOW - timedelta(days=1), 0)
    return progress


def test_a_click_opens_the_card_clicked_even_when_none_was_current(qtbot, library):
    bar = library.list.verticalScrollBar()
    bar.setValue(bar.maximum())
    last = library.shown_cards()[-1]
    assert library.current_card() is None
    with qtbot.waitSignal(library.scenario_chosen) as chosen:
        qtbot.mouseClick(library.list.viewport(), Qt.MouseButton.LeftButton, pos=library.card_rect(last).center())
    assert chosen.args[0] is last.entry
    assert bar.value() == bar.maximum()  # the list did not jump back to the top


def test_page_home_and_end_keys_move_between_cards(qtbot, library):
    shown = library.shown_cards()
    library.focus_card(shown[0])
    qtbot.waitUntil(library.list.hasFocus)
    qtbot.keyClick(library.list, Qt.Key.Key_PageDown)
    assert library.current_card() is shown[2]  # a row down: two columns at this width
    qtbot.keyClick(library.list, Qt.Key.Key_End)
    assert library.current_card() is shown[-1]
    qtbot.keyClick(library.list, Qt.Key.Key_Home)
    assert library.current_card() is shown[0]
    qtbot.keyClick(library.list, Qt.Key.Key_PageUp)
    assert library.search.hasFocus()


def test_up_from_the_first_row_under_the_due_section_goes_to_the_due_cards(qtbot, library):
    library.set_progress(due_for("scenario-05", "scenario-07", "scenario-09"), NOW)
    assert library.headings() == ["Due for review (3)", "All scenarios"]
    shown = library.shown_cards()
    assert [c.entry.id for c in shown[:3]] == ["scenario-05", "scenario-07", "scenario-09"]
    library.focus_card(shown[3])  # the first card after the "All scenarios" heading
    qtbot.waitUntil(library.list.hasFocus)
    qtbot.keyClick(library.list, Qt.Key.Key_Up)
    assert library.current_card() is shown[2]  # the last due card, above it: not the heading
    qtbot.keyClick(library.list, Qt.Key.Key_Home)
    assert library.current_card() is shown[0]  # Home skips the heading on the first row


def test_a_refresh_keeps_the_scroll_position_and_the_current_card(qtbot, library):
    shown = library.shown_cards()
    library.focus_card(shown[20])
    bar = library.list.verticalScrollBar()
    at = bar.value()
    assert at > 0
    library.set_progress(due_for(), NOW)  # every card gets a status line
    assert bar.value() == at and library.current_card() is shown[20]
    # the same file listed again (it changed on disk) replaces its card and stays current
    again = library.add_entry("bundled", entry(20))
    library.finish_loading()
    assert library.current_card() is again and again is not shown[20]
    assert bar.value() == at


def test_rows_of_cards_share_their_height_after_filtering(qtbot, library):
    qtbot.keyClicks(library.search, "1")
    shown = library.shown_cards()
    assert 0 < len(shown) < 30 and all("1" in c.search_text() for c in shown)
    rects = [library.card_rect(c) for c in shown]
    for top in {r.y() for r in rects}:
        row = [r for r in rects if r.y() == top]
        assert len({r.height() for r in row}) == 1
        needed = max(library.look.layout(c, r.width() - 18)[1] for c, r in zip(shown, rects) if r.y() == top)
        assert row[0].height() >= needed


def test_a_cards_status_line_reads_the_same_whatever_the_computers_language(library):
    """Dates are written in English like the rest of the app (the system locale could make '%b' French)."""
    played = datetime(2024, 3, 3, 12, 0, tzinfo=timezone.utc)
    progress = due_for()
    progress["scenario-01"] = ScenarioProgress("scenario-01", 12, Level.WOW, played, NOW - timedelta(days=1), 2)
    progress["scenario-02"] = ScenarioProgress("scenario-02", 1, Level.STANDARD, NOW - timedelta(days=2),
                                               NOW + timedelta(days=3), 0)
    library.set_progress(progress, NOW)
    status = {c.entry.id: c.status for c in library.cards}
    assert status["scenario-01"] == "Best: ★ WOW · 12 attempts · last played 3 Mar 2024 · due for review"
    assert status["scenario-02"] == "Best: ● Standard · 1 attempt · last played 2 days ago"
    assert status["scenario-03"] == "○ Never played"
    assert [c.entry.id for c in library.due_cards()] == ["scenario-01"]
    assert long_date(datetime(2024, 3, 3, 9, 5)) == "3 March 2024, 09:05"  # a time without a zone is local
    for moment in (played, datetime(2024, 12, 31, 23, 30, tzinfo=timezone.utc), datetime(2025, 1, 1, 0, 30)):
        assert local_day(moment) == moment.astimezone().date()


def test_a_broken_cards_problems_name_line_and_column_as_the_command_line_does(qtbot, library, tmp_path):
    from simulator.core.loader import ScenarioLoader
    from tests.scenario_text import edit

    path = tmp_path / "lowish.yaml"
    path.write_text(edit(replace={19: "        level: lowish"}), encoding="utf-8")
    result = ScenarioLoader().load(path)
    problem = next(d for d in result.diagnostics if d.is_error)
    assert problem.line == 19 and problem.column > 1
    card = library.add_entry("user", CatalogEntry.from_result(result))
    library.finish_loading()
    assert not card.playable
    assert f"lowish.yaml:19:{problem.column}  {problem.message}" in card.problems_text()
    assert problem.format().startswith(f"{path}:19:{problem.column}:")  # the command line's place for it
