"""The modes of play: what each allows, and that the stored strings are the ones the store accepts."""

import re
import sqlite3

from simulator.core.modes import MODE_NAMES, Mode
from simulator.core.progress import schema


def test_practice_teaches_and_assessment_measures():
    assert Mode.PRACTICE.shows_feedback and Mode.PRACTICE.allows_step_back
    assert not Mode.ASSESSMENT.shows_feedback and not Mode.ASSESSMENT.allows_step_back
    assert [m.label for m in Mode] == ["Practice", "Assessment"]


def test_a_mode_is_stored_as_the_string_the_store_always_kept():
    assert MODE_NAMES == ("practice", "assessment") == schema.MODES
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (m TEXT)")
    db.execute("INSERT INTO t VALUES (?)", (Mode.ASSESSMENT,))
    assert db.execute("SELECT m, typeof(m) FROM t").fetchone() == ("assessment", "text")


def test_the_store_schema_allows_exactly_the_modes():
    source = open(schema.__file__, encoding="utf-8").read()
    check = re.search(r"mode TEXT NOT NULL CHECK \(mode IN \(([^)]*)\)\)", source)
    assert check is not None
    assert tuple(name.strip(" '") for name in check.group(1).split(",")) == MODE_NAMES


def test_unknown_text_falls_back_to_practice_only_where_asked():
    assert Mode.parse(" Assessment ") is Mode.ASSESSMENT
    assert Mode.parse("class") is None and Mode.parse(None) is None
    assert Mode.or_default("nonsense") is Mode.PRACTICE
