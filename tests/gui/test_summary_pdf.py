"""The class session's PDF: badges on one line, every decision (heading and replies) on one page."""

from __future__ import annotations

import os
import re
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from simulator.core.classroom import ClassroomSession  # noqa: E402
from simulator.core.levels import Level  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402
from simulator.gui.base import theme  # noqa: E402
from simulator.gui.classroom.summary_report import (A4Pages, build_document, top_tables,  # noqa: E402
                                                    write_summary_pdf)

CASH = Path(__file__).resolve().parents[2] / "scenarios" / "cash-withdrawal-queue.yaml"


def three_teams():
    """Three teams play the whole scenario, with votes: several pages of decisions."""
    scenario = ScenarioLoader().load(CASH).scenario
    session = ClassroomSession(scenario, ["Red", "Blue", "Green"])
    for t, run in enumerate(session.runs):
        i = 0
        while not run.ended:
            run.set_votes("A", 3 + i)
            run.set_votes("B", 2)
            run.play("ABCD"[(i + t) % len(run.keys())])
            i += 1
    return session.summary()


def test_each_decision_stays_on_one_page_and_badges_on_one_line(qapp, tmp_path):
    summary = three_teams()
    pages = A4Pages(build_document(summary))
    doc = pages.doc
    tables = top_tables(doc)
    decisions = sum(len(team.decisions) for team in summary.teams)
    assert len(tables) == 1 + decisions  # the scoreboard, then one table a decision, its heading in it
    assert doc.pageCount() >= 3
    for table in tables:
        first, last = pages.page_span(table)
        assert first == last, table.firstCursorPosition().block().text()
    layout = doc.documentLayout()
    badges = [theme.level_badge_text(level) for level in Level]
    seen = 0
    block = doc.begin()
    while block.isValid():
        for badge in badges:
            at = block.text().find(badge.replace(" ", "\xa0"))
            if at >= 0:
                seen += 1
                lines = block.layout()
                assert lines.lineForTextPosition(at).lineNumber() == \
                    lines.lineForTextPosition(at + len(badge) - 1).lineNumber(), block.text()
        block = block.next()
    assert seen > decisions * 2
    assert layout.pageCount() == doc.pageCount()
    path = tmp_path / "session.pdf"
    write_summary_pdf(str(path), summary)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![a-z])", data)) == doc.pageCount()  # the pages measured are the pages written
