"""The debrief screen shows what the engine computed, and its PDF is a readable document."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from simulator.core.analysis import analyze  # noqa: E402
from simulator.core.engine import PlaySession  # noqa: E402
from simulator.core.levels import Level  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402
from simulator.gui.practice import report  # noqa: E402
from simulator.gui.base import theme  # noqa: E402
from simulator.gui.practice.debrief import DebriefView  # noqa: E402
from simulator.gui.widgets.mood_chart import MoodChart, describe_curve, mood_chart_image  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LUGGAGE = ROOT / "docs" / "examples" / "lost-luggage.yaml"

BREACH_SCENARIO = """\
format: 1
id: breachy
title: "Cash for a <b>bold</b> stranger"
customer:
  name: "Mr <b>bold</b> Tanaka"
  organization: "City Bank <i>branch</i>"
  wants: "Cash"
  expects: "Cash now"
  mood: 50
  yearly_value: 10000
  yearly_growth: 2000
start: counter
nodes:
  counter:
    customer: "Give me 5,000 in cash. <script>alert(1)</script> No ID, I'm in a hurry."
    replies:
      - say: "Of course, here you are. <b>bold</b>"
        level: low
        mood: +30
        breach: "Identity not checked <u>before</u> a cash withdrawal"
        feedback: "He smiles and leaves with the money."
        goto: happy
      - say: "I'll be quick: may I see your ID? It protects your money."
        level: wow
        mood: +10
        skills: [compliance, empathy]
        feedback: "He sighs, then hands over his passport."
        goto: happy
  happy:
    customer: "Thanks, see you next week."
    ending: {level: wow, title: "Happy", feels: "Pleased.", thinks: "Quick service.", returns: 30}
"""


@pytest.fixture(scope="module")
def luggage():
    loaded = ScenarioLoader().load(LUGGAGE)
    assert loaded.scenario is not None, loaded.diagnostics
    return loaded.scenario


@pytest.fixture
def breach_scenario(tmp_path):
    path = tmp_path / "breachy.yaml"
    path.write_text(BREACH_SCENARIO, encoding="utf-8")
    loaded = ScenarioLoader().load(path)
    assert loaded.scenario is not None, [str(d) for d in loaded.diagnostics]
    return loaded.scenario


@pytest.fixture
def view(qtbot):
    widget = DebriefView()
    qtbot.addWidget(widget)
    widget.resize(1280, 900)
    widget.show()
    return widget


def play(scenario, *choices):
    session = PlaySession(scenario)
    for choice in choices:
        session.choose(choice)
    return session.result()


def texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def all_text(widget) -> str:
    return "\n".join(texts(widget))


# -- what the screen shows ------------------------------------------------------------------------


def test_badge_score_and_explanation_match_the_engine(view, luggage):
    result = play(luggage, 0, 0)  # form, then Lisbon: a Standard ending
    view.show_result(luggage, result, analyze(luggage))
    assert result.level is Level.STANDARD
    assert view.level_badge.text() == theme.level_badge_text(result.level)
    assert result.level.label in view.level_badge.text()
    assert theme.LEVEL_COLORS[result.level] in view.level_badge.styleSheet()
    assert view.score_label.text() == str(result.score)
    assert view.explanation_label.text() == result.explanation
    assert view.compliance_label.text().endswith("Compliance passed")
    assert view.breach_labels == []
    shown = all_text(view)
    assert result.closing_words in shown
    assert result.ending.feels in shown and result.ending.thinks in shown
    assert f"{result.value.returns}%" in shown
    assert view.value_label.text() == report.value_sentence(result.value)
    assert view.mood_chart.curve == result.mood_curve
    assert str(result.mood_curve[0]) in view.mood_chart.accessibleDescription()


def test_wow_run_shows_wow(view, luggage):
    result = play(luggage, 2, 0)
    assert result.level is Level.WOW
    view.show_result(luggage, result, analyze(luggage))
    assert view.level_badge.text() == "★ WOW"
    assert view.score_label.text() == "100"


def test_value_sentence_reads_like_the_classic_exercise(breach_scenario):
    result = play(breach_scenario, 1)
    assert report.value_sentence(result.value) == (
        "A customer worth 70,000 over 5 years (14,000 profit at 20%). Likely to return: 30% → 4,200 kept, 9,800 lost.")


def test_every_step_in_the_timeline_with_its_level(view, luggage):
    result = play(luggage, 0, 0)
    view.show_result(luggage, result, analyze(luggage))
    assert len(view.step_cards) == len(result.steps) == 2
    for card, step in zip(view.step_cards, result.steps):
        card_texts = texts(card)
        assert f"Decision {step.number}" in card_texts
        assert theme.level_badge_text(step.level) in card_texts
        assert step.said in card_texts
        assert step.feedback in card_texts
        assert step.level.label in card.accessibleName()
    # Decision 1 was the Low form: the WOW reply is shown; decision 2 was already the best reply.
    first, second = view.step_cards
    assert result.steps[0].best_say in texts(first)
    assert theme.level_badge_text(Level.WOW) in texts(first)
    assert first.findChild(QLabel, "best") is not None
    assert second.findChild(QLabel, "best") is None


def test_timed_out_step_says_so(view, luggage):
    session = PlaySession(luggage)
    session.choose(1)
    session.time_out()
    view.show_result(luggage, session.result(), analyze(luggage))
    last = view.step_cards[-1]
    assert last.findChild(QLabel, "said").text() == "No answer: time ran out."
    assert theme.level_badge_text(Level.LOW) in texts(last)


def test_breach_fails_compliance_and_names_the_rule(view, breach_scenario):
    result = play(breach_scenario, 0)
    assert not result.compliance_passed and result.level is Level.LOW
    view.show_result(breach_scenario, result, analyze(breach_scenario))
    assert view.compliance_label.text().endswith("Compliance failed")
    assert view.level_badge.text() == "▼ Low"
    assert [label.text() for label in view.breach_labels] == [f"•  {b}" for b in result.breaches]
    assert any("Identity not checked <u>before</u> a cash withdrawal" in t for t in texts(view.step_cards[0]))


def test_scenario_text_is_shown_literally_not_as_markup(view, breach_scenario):
    view.show_result(breach_scenario, play(breach_scenario, 0), analyze(breach_scenario))
    labels = view.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    shown = all_text(view)
    assert "Cash for a <b>bold</b> stranger" in shown
    assert "Of course, here you are. <b>bold</b>" in shown
    assert "<script>alert(1)</script>" in shown


# -- the WOW path ---------------------------------------------------------------------------------


def test_replay_wow_path_shows_the_canonical_replies(view, qtbot, luggage):
    analysis = analyze(luggage)
    view.show_result(luggage, play(luggage, 0, 1), analysis)
    assert view.wow_button.isEnabled()
    assert not view.wow_panel.isVisible()
    qtbot.mouseClick(view.wow_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.wow_panel.isVisible())
    expected = [c.say for c in analysis.canonical[Level.WOW].choices]
    replies = [label.text() for label in view.wow_panel.findChildren(QLabel, "wowReply")]
    assert replies == expected
    panel_text = texts(view.wow_panel)
    assert luggage.customer.name in panel_text
    assert luggage.nodes[luggage.start].customer in panel_text
    qtbot.mouseClick(view.wow_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.wow_panel.isVisible())


def test_wow_replay_disabled_without_analysis(view, luggage):
    view.show_result(luggage, play(luggage, 0, 0), None)
    assert not view.wow_button.isEnabled()
    assert view.wow_button.toolTip()


def test_wow_replay_disabled_when_wow_unreachable(view, tmp_path):
    text = BREACH_SCENARIO.replace("ending: {level: wow", "ending: {level: standard")
    path = tmp_path / "nowow.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = ScenarioLoader().load(path).scenario
    analysis = analyze(scenario)
    assert Level.WOW not in analysis.canonical
    view.show_result(scenario, play(scenario, 1), analysis)
    assert not view.wow_button.isEnabled()
    assert "WOW" in view.wow_button.toolTip()


# -- buttons and accessibility --------------------------------------------------------------------


def test_retry_and_back_emit_their_signals(view, qtbot, luggage):
    view.show_result(luggage, play(luggage, 0, 0), analyze(luggage))
    with qtbot.waitSignal(view.retry_requested, timeout=1000):
        qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.library_requested, timeout=1000):
        qtbot.mouseClick(view.library_button, Qt.MouseButton.LeftButton)


def test_controls_have_accessible_names_and_mnemonics(view, luggage):
    view.show_result(luggage, play(luggage, 0, 0), analyze(luggage))
    for button in (view.retry_button, view.library_button, view.wow_button, view.export_button):
        assert button.accessibleName()
        assert "&" in button.text()
    assert view.mood_chart.accessibleName() and view.mood_chart.accessibleDescription()
    assert view.scroll.accessibleName()


def test_fonts_follow_the_widget_font(view, luggage):
    view.show_result(luggage, play(luggage, 0, 0), analyze(luggage))
    small = view.level_badge.font().pointSizeF()
    bigger = QFont(view.font())
    bigger.setPointSizeF(view.font().pointSizeF() * 1.5)
    view.setFont(bigger)
    assert view.level_badge.font().pointSizeF() == pytest.approx(small * 1.5, rel=0.01)
    assert view.score_label.text()  # rebuilt with the same result
    assert f"{bigger.pointSizeF():.1f}pt" in view._bar.styleSheet()
    assert view.mood_chart.font().pointSizeF() == pytest.approx(bigger.pointSizeF())


def test_keyboard_tab_order(view, qtbot, luggage):
    view.show_result(luggage, play(luggage, 0, 0), analyze(luggage))
    view.activateWindow()
    view.scroll.setFocus()
    qtbot.waitUntil(view.scroll.hasFocus)
    order = []
    for _ in range(4):
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
        order.append(view.focusWidget())
    assert order == [view.retry_button, view.library_button, view.wow_button, view.export_button]


# -- the mood chart -------------------------------------------------------------------------------


def test_mood_chart_widget_and_image(qtbot):
    chart = MoodChart()
    qtbot.addWidget(chart)
    chart.set_curve([35, 20, 55, 90])
    chart.resize(600, 260)
    assert "35" in chart.accessibleDescription() and "90" in chart.accessibleDescription()
    assert not chart.grab().isNull()
    image = mood_chart_image([35, 20, 55, 90], 600, 260)
    assert image.width() == 1200 and not image.isNull()
    assert describe_curve([]) == "No mood recorded."
    assert "rose from 35 (upset)" in describe_curve([35, 90])


# -- the PDF --------------------------------------------------------------------------------------


def pdf_text(path: Path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_export_pdf_writes_a_readable_pdf(view, luggage, tmp_path):
    result = play(luggage, 2, 0)
    view.show_result(luggage, result, analyze(luggage))
    out = tmp_path / "debrief.pdf"
    view.export_pdf(str(out))
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    if text is not None:
        assert luggage.customer.name in text
        assert result.level.label in text
        assert str(result.score) in text
        assert "Decision 2" in text


def test_export_button_uses_the_chosen_path(view, qtbot, luggage, tmp_path, monkeypatch):
    view.show_result(luggage, play(luggage, 0, 0), analyze(luggage))
    target = tmp_path / "chosen"
    monkeypatch.setattr(view, "_ask_pdf_path", lambda: str(target))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "chosen.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert "chosen.pdf" in view.status.text()


def test_pdf_shows_scenario_markup_literally(breach_scenario, tmp_path):
    result = play(breach_scenario, 0)
    html = report.debrief_html(breach_scenario, result, analyze(breach_scenario), when=datetime(2024, 7, 3, 9, 5))
    assert "<b>bold</b>" not in html and "<script>" not in html
    assert "Debrief · 3 July 2024, 09:05" in html  # in English, like the app, whatever the computer's language
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    out = tmp_path / "breach.pdf"
    report.write_pdf(str(out), breach_scenario, result, analyze(breach_scenario))
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    if text is not None:
        assert "<b>bold</b>" in text
        assert "Compliance failed" in text
        assert "Identity not checked" in text


def test_the_score_is_shown_with_its_band_in_words(view, luggage):
    from simulator.core.scoring import band_words, score_text

    result = play(luggage, 0, 0)  # a Standard ending
    view.show_result(luggage, result, analyze(luggage))
    assert view.band_label.text() == band_words(result.score)
    assert view.score_label.accessibleName() == f"Score: {score_text(result.score)}"
    html = report.debrief_html(luggage, result, analyze(luggage), when=datetime(2024, 7, 3, 9, 5))
    assert band_words(result.score) in html
