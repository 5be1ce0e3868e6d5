"""Quality bar for the bundled scenario library (scenarios/*.yaml).

Every scenario must load without errors or warnings and meet the writing rules in
docs/writing-scenarios.md that can be measured: all three levels reachable, enough
decisions and endings, three or more replies at most decisions, consequence feedback
instead of verdicts, no reply given away by its length or its position, a complete
customer brief. The library as a whole must cover mood branches, time limits and
compliance traps.

The tiny format example (docs/examples/lost-luggage.yaml, the one in docs/scenario-format.md)
is not a trainee scenario and lives outside the library; it is exempt from the size rules and
from the writing-style rules, but not from validation, and must stay identical to the text
embedded in the format reference.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from simulator.core.analysis import analyze
from simulator.core.levels import Level
from simulator.core.loader import ScenarioLoader

ROOT = Path(__file__).resolve().parent.parent
SCENARIO_DIR = ROOT / "scenarios"
FORMAT_EXAMPLE = ROOT / "docs" / "examples" / "lost-luggage.yaml"
FULL = sorted(SCENARIO_DIR.glob("*.yaml"))  # the trainee library: the size and style rules apply to these
FILES = FULL + [FORMAT_EXAMPLE]  # everything that must validate strictly


def _domain(path: Path) -> str:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return ""
    return str(raw.get("domain", "")) if isinstance(raw, dict) else ""


COMPLIANCE = [f for f in FULL if "compliance" in _domain(f).lower()]

MIN_LIBRARY = 12  # trainee scenarios in scenarios/
MIN_ENDINGS = 3
MIN_MAX_DECISIONS = 6
MIN_WOW_DECISIONS = 4
MIN_SHARE_THREE_REPLIES = 0.8
MAX_LENGTH_RATIO = 2.5

VERDICT = re.compile(
    r"\b(wrong\w*|correct\w*|incorrect\w*|mistakes?|excellent\w*|good job|well done|"
    r"bad answer|great answer|right answer|best answer)\b",
    re.IGNORECASE,
)
BRIEF_KEYS = ("name", "about", "portrait", "organization", "wants", "expects", "mood",
              "yearly_value", "yearly_growth", "currency")


@lru_cache(maxsize=None)
def _load(path: Path):
    result = ScenarioLoader().load(path)
    analysis = analyze(result.scenario) if result.scenario is not None else None
    return result, analysis


def _scenario(path: Path):
    result, analysis = _load(path)
    assert result.scenario is not None, f"{path.name}: does not load: " + "; ".join(map(str, result.errors))
    return result.scenario, analysis


def _decisions(scenario):
    """Nodes where the trainee picks a reply."""
    return [n for n in scenario.nodes.values() if n.replies]


def _routes(scenario):
    for node in scenario.nodes.values():
        for reply in node.replies:
            yield node, reply.route
        if node.timeout:
            yield node, node.timeout.route


def _ids(files):
    return [f.name for f in files]


def test_library_folder_has_scenarios():
    assert FULL, f"no scenario files in {SCENARIO_DIR}"


def test_format_example_is_the_one_in_the_format_reference():
    doc = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    embedded = re.search(r"```yaml\n(format: 1.*?)```", doc, re.S)
    assert embedded, "docs/scenario-format.md has no embedded example starting with 'format: 1'"
    assert embedded.group(1) == FORMAT_EXAMPLE.read_text(encoding="utf-8"), (
        f"{FORMAT_EXAMPLE.name} and the example in docs/scenario-format.md differ; keep them identical")


def test_format_example_is_not_in_the_trainee_library():
    ids = {_scenario(p)[0].id for p in FULL}
    assert _scenario(FORMAT_EXAMPLE)[0].id not in ids, "the format example is not a trainee scenario"


# ---------------------------------------------------------------- every file, the example too

@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_validates_with_no_errors_and_no_warnings(path):
    result, _ = _load(path)
    problems = [d.format() for d in result.diagnostics]
    assert not problems, f"{path.name}: validate --strict would fail:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_id_matches_file_name(path):
    scenario, _ = _scenario(path)
    assert scenario.id == path.stem, f"{path.name}: id is '{scenario.id}', expected '{path.stem}'"


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_all_three_levels_reachable(path):
    _, analysis = _scenario(path)
    missing = [lv.label for lv in Level if lv not in analysis.reachable_levels]
    assert not missing, f"{path.name}: no path reaches a {', '.join(missing)} ending"


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_every_reply_and_timeout_has_consequence_feedback(path):
    scenario, _ = _scenario(path)
    problems = []
    for node in scenario.nodes.values():
        items = [(f"reply {r.index + 1} ('{r.say[:40]}...')", r.feedback) for r in node.replies]
        if node.timeout:
            items.append(("the timeout", node.timeout.feedback))
        for what, feedback in items:
            if not feedback.strip():
                problems.append(f"node '{node.id}', {what}: no feedback")
            elif VERDICT.search(feedback):
                problems.append(f"node '{node.id}', {what}: feedback '{feedback}' is a verdict "
                                f"('{VERDICT.search(feedback).group(0)}'); show what happens instead")
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_customer_brief_is_complete(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    brief = raw.get("customer") or {}
    missing = [k for k in BRIEF_KEYS if k not in brief or brief[k] in (None, "")]
    assert not missing, f"{path.name}: the customer brief lacks {', '.join(missing)}"
    scenario, _ = _scenario(path)
    assert scenario.customer.yearly_value > 0, f"{path.name}: customer yearly_value must be above 0"


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_library_metadata_filled_in(path):
    scenario, _ = _scenario(path)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [k for k in ("summary", "tags", "minutes", "difficulty", "domain") if not raw.get(k)]
    assert not missing, f"{path.name}: fill in {', '.join(missing)} for the library"
    assert scenario.summary.strip() and scenario.tags, f"{path.name}: summary and tags must not be empty"


# ---------------------------------------------------------------- size and style rules (not the example)

@pytest.mark.parametrize("path", FULL, ids=_ids(FULL))
def test_enough_decisions(path):
    _, analysis = _scenario(path)
    assert analysis.max_decisions >= MIN_MAX_DECISIONS, (
        f"{path.name}: the longest path has {analysis.max_decisions} decisions, need {MIN_MAX_DECISIONS}+")
    wow = analysis.canonical.get(Level.WOW)
    assert wow is not None, f"{path.name}: no canonical WOW path"
    assert len(wow.choices) >= MIN_WOW_DECISIONS, (
        f"{path.name}: the canonical WOW path has {len(wow.choices)} decisions, need {MIN_WOW_DECISIONS}+")


@pytest.mark.parametrize("path", FULL, ids=_ids(FULL))
def test_enough_reachable_endings(path):
    _, analysis = _scenario(path)
    endings = analysis.reachable_endings
    assert len(endings) >= MIN_ENDINGS, f"{path.name}: only {len(endings)} reachable endings ({endings}), need {MIN_ENDINGS}+"


@pytest.mark.parametrize("path", FULL, ids=_ids(FULL))
def test_most_decisions_offer_three_replies(path):
    scenario, _ = _scenario(path)
    decisions = _decisions(scenario)
    thin = [n.id for n in decisions if len(n.replies) < 3]
    share = 1 - len(thin) / len(decisions)
    assert share >= MIN_SHARE_THREE_REPLIES, (
        f"{path.name}: only {share:.0%} of decisions offer 3+ replies (need {MIN_SHARE_THREE_REPLIES:.0%}); "
        f"fewer at: {', '.join(thin)}")


@pytest.mark.parametrize("path", FULL, ids=_ids(FULL))
def test_no_reply_given_away_by_length(path):
    scenario, _ = _scenario(path)
    problems = []
    for node in _decisions(scenario):
        if len(node.replies) < 2:
            continue
        lengths = sorted((len(r.say.strip()), r.index + 1) for r in node.replies)
        (short, short_i), (long, long_i) = lengths[0], lengths[-1]
        if long > MAX_LENGTH_RATIO * short:
            problems.append(f"node '{node.id}': reply {long_i} has {long} characters, reply {short_i} only {short} "
                            f"(more than {MAX_LENGTH_RATIO}x)")
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", FULL, ids=_ids(FULL))
def test_wow_reply_position_is_shuffled(path):
    scenario, _ = _scenario(path)
    places = []  # (node id, is first, is last) for each decision that offers a WOW reply
    for node in _decisions(scenario):
        count = len(node.replies)
        for r in node.replies:
            if r.level is Level.WOW and count >= 3:
                places.append((node.id, r.index == 0, r.index == count - 1))
    if len(places) < 2:
        return
    assert not all(first for _, first, _ in places), (
        f"{path.name}: the WOW reply is always the first one ({', '.join(p[0] for p in places)}); shuffle the order")
    assert not all(last for _, _, last in places), (
        f"{path.name}: the WOW reply is always the last one ({', '.join(p[0] for p in places)}); shuffle the order")


@pytest.mark.parametrize("path", FULL, ids=_ids(FULL))
def test_skills_named_on_replies(path):
    scenario, _ = _scenario(path)
    bare = [f"'{n.id}' reply {r.index + 1}" for n in _decisions(scenario) for r in n.replies if not r.skills]
    assert not bare, f"{path.name}: replies without skills: {', '.join(bare)}"


@pytest.mark.parametrize("path", FULL, ids=_ids(FULL))
def test_has_a_question_for_the_class(path):
    scenario, _ = _scenario(path)
    assert any(n.discuss.strip() for n in scenario.nodes.values()), (
        f"{path.name}: no 'discuss:' question for the class at any decision")


@pytest.mark.parametrize("path", COMPLIANCE, ids=_ids(COMPLIANCE))
def test_compliance_scenarios_contain_a_reachable_breach(path):
    scenario, analysis = _scenario(path)
    breaches = [f"'{n.id}'" for n in scenario.nodes.values() if n.id in analysis.reachable_nodes
                for r in n.replies if r.breach]
    assert breaches, (f"{path.name}: a '{scenario.domain}' scenario needs a tempting reply with 'breach:' "
                      f"on a node a path can reach")


# ---------------------------------------------------------------- the library as a whole

def _loaded_full():
    return [(p, *_scenario(p)) for p in FULL]


# LIBRARY SIZE: fails until both authors' sets of six scenarios are in scenarios/.
def test_library_has_at_least_twelve_scenarios_besides_the_format_example():
    """The shipped library: 12+ full scenarios; the format example lives elsewhere."""
    names = [p.name for p in FULL]
    assert len(names) >= MIN_LIBRARY, (
        f"the library has {len(names)} scenarios, need {MIN_LIBRARY}: {', '.join(names)}")


def test_at_least_two_scenarios_branch_on_mood():
    with_mood = [p.name for p, scenario, _ in _loaded_full()
                 if any(b.condition is not None and b.condition.uses_mood
                        for _, route in _routes(scenario) for b in route.branches)]
    assert len(with_mood) >= 2, f"only {len(with_mood)} scenarios route on mood ({with_mood}), need 2+"


def test_at_least_two_scenarios_use_a_time_limit():
    timed = [p.name for p, scenario, analysis in _loaded_full()
             if any(n.timeout for n in scenario.nodes.values() if n.id in analysis.reachable_nodes)]
    assert len(timed) >= 2, f"only {len(timed)} scenarios have a reachable timeout ({timed}), need 2+"


def test_scenario_ids_are_unique():
    ids = [scenario.id for _, scenario, _ in _loaded_full()]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"scenario ids used more than once: {dupes}"
