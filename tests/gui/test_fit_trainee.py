"""A trainee's screens fit a 1366x768 laptop at 100%, 125% and 150% text: the library, the
brief, play with four replies and a running timer, and the debrief. On each, no label's or
button's words are cut or elided (the cards and the replies, drawn by hand, are measured the
same way), no window is larger than the screen, and nothing scrolls sideways.

Set FIT_SHOTS to a folder to keep a picture of every screen checked."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from simulator.core.analysis import analyze
from simulator.core.engine import PlaySession
from simulator.core.levels import Level
from simulator.core.modes import Mode
from simulator.gui.widgets import ReplyButton

from .conftest import _make_window
from .fit_checks import card_problems, fit_problems, reply_problems, save_shot
from .test_app import card_for, focus_card

SCALES = (1.0, 1.25, 1.5)
SCENARIO = "cash-withdrawal-queue"  # four replies, then a timed decision
HISTORY = ("cash-withdrawal-queue", "lost-luggage", "sea-view-room", "the-last-person-promised")


def take(session, choice):
    """One decision of a canonical path: its reply, or letting the time run out (no reply)."""
    return session.time_out() if choice.reply is None else session.choose(choice.reply, 3.0)


def play_into(store, trainee_id: str, scenario, level: Level, when: datetime) -> None:
    """A finished attempt along the canonical path of ``level``, saved step by step as the app does."""
    attempt = store.start_attempt(trainee_id, scenario, "practice", now=when)
    session = PlaySession(scenario)
    for choice in analyze(scenario).canonical[level].choices:
        store.record_step(attempt, take(session, choice), now=when)
    store.finish_attempt(attempt, session.result(), now=when)


def record_history(window, trainee_id: str, days_ago: int = 20) -> None:
    """A few finished attempts over the last weeks, at every level, so that the cards, the charts
    and the tables have something to show."""
    store = window.record.store
    start = datetime.now(timezone.utc) - timedelta(days=days_ago)
    levels = (Level.LOW, Level.STANDARD, Level.WOW)
    for i, scenario_id in enumerate(HISTORY):
        scenario = window.scenario_for(card_for(window, scenario_id).entry)
        for j in range(1 + i % 2):
            play_into(store, trainee_id, scenario, levels[(i + j) % 3], start + timedelta(days=3 * i + j))


def signed_in_window(qtbot, data_dir):
    """The main window, maximized on the laptop's screen, with Ann signed in and her history."""
    window = _make_window(qtbot, data_dir)
    assert window.record.open(), window.record.error
    ann = window.record.store.add_trainee("Ann")
    record_history(window, ann.id)
    window.sign_in(ann)
    window.showMaximized()
    qtbot.waitUntil(lambda: window.isMaximized() or window.width() >= 1300)
    return window


@pytest.fixture
def trainee_window(qtbot, data_dir):
    return signed_in_window(qtbot, data_dir)


def settle() -> None:
    """Let the layouts, the zero-delay timers that re-fit a screen and the style sheets finish."""
    for _ in range(3):
        QApplication.processEvents()


def check_screen(window, name: str, scale: float, extra: list[str] = ()) -> None:
    settle()
    save_shot(window, f"{name}-{round(scale * 100)}")
    problems = fit_problems(window, skip=(ReplyButton,)) + list(extra)
    assert problems == [], f"{name} at {scale:.0%}:\n" + "\n".join(problems)


def open_briefing(qtbot, window, scenario_id: str = SCENARIO):
    qtbot.keyClick(focus_card(qtbot, window, card_for(window, scenario_id)), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.briefing
    return window.briefing


def open_play(qtbot, window, scenario_id: str = SCENARIO):
    briefing = open_briefing(qtbot, window, scenario_id)
    briefing.mode_buttons[Mode.PRACTICE].setChecked(True)
    qtbot.keyClick(briefing.start_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.play
    return window.play


@pytest.mark.parametrize("scale", SCALES)
def test_the_library_fits(qtbot, trainee_window, scale):
    window = trainee_window
    window.apply_font_scale(scale)
    library = window.library
    qtbot.waitUntil(lambda: library.list.isVisible() and bool(library.shown_cards()))
    settle()
    assert any(card.status for card in library.shown_cards())  # Ann's progress is on the cards
    check_screen(window, "library", scale, card_problems(library))


@pytest.mark.parametrize("scale", SCALES)
def test_the_brief_fits(qtbot, trainee_window, scale):
    window = trainee_window
    window.apply_font_scale(scale)
    briefing = open_briefing(qtbot, window)
    assert briefing.timers_row.isVisible()  # the timed decisions' setting is on show too
    check_screen(window, "briefing", scale)


@pytest.mark.parametrize("scale", SCALES)
def test_play_with_four_replies_and_a_running_timer_fits(qtbot, trainee_window, scale):
    window = trainee_window
    window.apply_font_scale(scale)
    play = open_play(qtbot, window)
    play.reply_buttons[1].click()
    play.reply_buttons[2].click()  # to the first timed decision
    assert len(play.reply_buttons) == 4 and play.countdown_timer.isActive()
    qtbot.waitUntil(lambda: all(b.isVisible() and b.height() > 0 for b in play.reply_buttons))
    settle()
    check_screen(window, "play", scale, reply_problems(play.reply_buttons))


@pytest.mark.parametrize("scale", SCALES)
def test_the_debrief_after_a_finished_attempt_fits(qtbot, trainee_window, scale):
    window = trainee_window
    window.apply_font_scale(scale)
    play = open_play(qtbot, window)
    for choice in window.analysis_for(play.scenario).canonical[Level.STANDARD].choices:
        if choice.reply is None:
            play.time_out()
        else:
            keys = [reply.key for reply in play.session.available_replies()]
            play.reply_buttons[keys.index(choice.reply)].click()
    assert play.session.ended
    with qtbot.waitSignal(window.debrief_shown, timeout=5000):
        qtbot.keyClick(play.debrief_button, Qt.Key.Key_Return)
    debrief = window.debrief
    qtbot.waitUntil(lambda: debrief.scroll.widget() is not None and debrief.scroll.widget().isVisible())
    settle()
    save_shot(debrief.scroll.widget(), f"debrief-page-{round(scale * 100)}")
    check_screen(window, "debrief", scale)


def test_at_larger_text_still_the_side_panel_leaves_the_organization_to_the_brief_rather_than_cut_it(
        qtbot, trainee_window):
    window = trainee_window
    window.apply_font_scale(1.75)
    play = open_play(qtbot, window)
    play.reply_buttons[1].click()
    play.reply_buttons[2].click()  # the countdown too
    organization = play.customer_panel.organization
    qtbot.waitUntil(lambda: play.countdown_box.isVisible() and not organization.isVisible())
    settle()
    assert fit_problems(play.side) == []
    window.apply_font_scale(1.0)
    qtbot.waitUntil(organization.isVisible)
    settle()
    assert fit_problems(play.side) == []


@pytest.mark.parametrize("scenario_id, words", [("cash-withdrawal-queue", "VISITING"), ("bereaved-traveller", "CALLING"),
                                                ("the-last-person-promised", "CHATTING WITH"),
                                                ("one-star-in-public", "POSTING ABOUT"), ("tiny-email", "WRITING TO")])
def test_the_brief_says_how_the_customer_reaches_the_organization_and_fits(qtbot, trainee_window, tmp_path,
                                                                        scenario_id, words):
    from simulator.core.loader import ScenarioLoader

    from .test_channels_gui import EMAIL_SCENARIO

    window = trainee_window
    window.apply_font_scale(1.5)
    if scenario_id == "tiny-email":  # no bundled scenario is an e-mail: this one is opened as a file
        path = tmp_path / "tiny-email.yaml"
        path.write_text(EMAIL_SCENARIO, encoding="utf-8")
        window.open_briefing(ScenarioLoader().load(path).scenario)
        briefing = window.briefing
    else:
        briefing = open_briefing(qtbot, window, scenario_id)
    caption, organization = briefing.fact_labels["organization"]
    assert caption.text() == words and caption.isVisible()
    assert organization.text() == briefing.scenario.customer.organization
    check_screen(window, f"briefing-{scenario_id}", 1.5)


@pytest.mark.parametrize("scale", SCALES)
def test_the_keyboard_help_fits(qtbot, trainee_window, scale):
    window = trainee_window
    window.apply_font_scale(scale)
    box = window.shortcuts_box()
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    settle()
    save_shot(box, f"keys-help-{round(scale * 100)}")
    problems = fit_problems(box)
    assert problems == [], f"the keyboard help at {scale:.0%}:\n" + "\n".join(problems)


LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung"


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_a_word_too_long_for_a_line_wraps_on_every_screen_instead_of_being_cut(qtbot, trainee_window, tmp_path,
                                                                              scale):
    from .conftest import TIMER_SCENARIO

    text = (TIMER_SCENARIO.replace("id: tiny-timer", "id: long-words")
            .replace('title: "The customer who will not <b>wait</b>"', f'title: "The {LONG_WORD}"')
            .replace('organization: "Test shop"', f'organization: "{LONG_WORD} office"')
            .replace('say: "Yes."', f'say: "Yes, the {LONG_WORD}."'))
    path = tmp_path / "long-words.yaml"
    path.write_text(text, encoding="utf-8")
    window = trainee_window
    window.opened_files.append(str(path))
    with qtbot.waitSignal(window.library_ready, timeout=20000):
        window.load_library()
    window.apply_font_scale(scale)
    window.library.focus_card(card_for(window, "long-words"))
    settle()
    assert card_problems(window.library) == []
    play = open_play(qtbot, window, "long-words")
    qtbot.waitUntil(lambda: all(b.isVisible() and b.height() > 0 for b in play.reply_buttons))
    check_screen(window, "long-word-play", scale, reply_problems(play.reply_buttons))
    assert LONG_WORD in play.reply_buttons[0].accessibleName()  # the words themselves are unchanged
    window.show_library()
    open_briefing(qtbot, window, "long-words")
    check_screen(window, "long-word-brief", scale)
