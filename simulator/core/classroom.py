"""The classroom: a room plays one scenario together, votes at each decision, teams take turns.

Plain Python (no Qt): the presenter screens only show this state and forward the facilitator's
keys. Every rule of play stays in ``PlaySession`` and every figure in ``PathResult``; this
module adds what a room needs on top: vote counts per decision, which reply was played and
why, team turns, a scoreboard, a summary for the facilitator's records and discussion prompts;
the three canonical playthroughs come from ``playthrough``.

Which reply is played at a decision:
- the reply the facilitator picked, when they picked one;
- otherwise the reply with the most votes;
- a tie for the most votes is not a decision: nothing is played until the facilitator picks
  one of the tied replies (the record then says "tie broken by the facilitator"). No reply is
  favoured by its position or its level, so the software never quietly decides for the room.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .engine import PlayError, PlaySession, Step
from .files import write_atomically
from .levels import Level
from .model import Node, Reply, Scenario
from .playthrough import Exchange, Playthrough, canonical_playthroughs, playthrough  # noqa: F401 (the three levels)
from .scoring import PathResult, best_reply
from .spreadsheet import spreadsheet_safe
from .wording import plural

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_VOTES = 9999  # a room, not a referendum: a typing slip cannot make a six-digit count
CLASS = "Class"  # the run's name when the room plays as one group

# How the played reply was decided (codes stored in the summary, with their wording).
MAJORITY, TIE_BREAK, FACILITATOR, TIME_OUT = "majority", "tie-break", "facilitator", "time-out"
HOW_WORDS = {
    MAJORITY: "most votes",
    TIE_BREAK: "tie broken by the facilitator",
    FACILITATOR: "facilitator's pick",
    TIME_OUT: "the time ran out",
}


def letter(index: int) -> str:
    """The on-screen label of the reply at ``index`` among those offered: A, B, C..."""
    return LETTERS[index] if 0 <= index < len(LETTERS) else f"#{index + 1}"


def clean_team_names(names: Iterable[str]) -> list[str]:
    """Trimmed, non-empty, without repeats (a repeated name would merge two teams' rows)."""
    seen: list[str] = []
    for name in names:
        name = " ".join(str(name).split())
        if name and name.casefold() not in (s.casefold() for s in seen):
            seen.append(name)
    return seen


# -- votes at one decision ------------------------------------------------------------------------


@dataclass
class VoteTally:
    """How many people chose each reply at one decision, and the facilitator's pick if any."""

    counts: dict[str, int] = field(default_factory=dict)  # reply key -> votes
    picked: str | None = None  # reply key

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def set(self, key: str, count: int) -> None:
        self.counts[key] = max(0, min(MAX_VOTES, int(count)))

    def add(self, key: str, delta: int = 1) -> None:
        self.set(key, self.counts.get(key, 0) + delta)

    def share(self, key: str) -> float:
        """The reply's share of the votes, 0.0-1.0 (0.0 when nobody voted)."""
        total = self.total
        return self.counts.get(key, 0) / total if total else 0.0

    def leaders(self, keys: Sequence[str]) -> list[str]:
        """The replies with the most votes, in on-screen order ([] when nobody voted)."""
        top = max((self.counts.get(k, 0) for k in keys), default=0)
        return [k for k in keys if top and self.counts.get(k, 0) == top]

    def majority(self, keys: Sequence[str]) -> str | None:
        """The one reply with the most votes; None when nobody voted or the top is tied."""
        leaders = self.leaders(keys)
        return leaders[0] if len(leaders) == 1 else None


def how_decided(tally: VoteTally, keys: Sequence[str], played: str | None) -> str:
    """Why this reply was played (one of MAJORITY, TIE_BREAK, FACILITATOR, TIME_OUT)."""
    if played is None:
        return TIME_OUT
    leaders = tally.leaders(keys)
    if played in leaders:
        return MAJORITY if len(leaders) == 1 else TIE_BREAK
    return FACILITATOR


# -- the summary's records -------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionVotes:
    """One reply at one decision, with its votes: what the class debrief lays out in a row."""

    letter: str
    key: str  # the reply's handle in this session (its id, else its position: never stored)
    say: str
    level: Level
    votes: int
    share: float  # 0.0-1.0
    played: bool
    feedback: str = ""
    breach: str = ""
    reply_id: str = ""  # the reply's stable id ('' when the file gives none): what records name it by


@dataclass(frozen=True)
class DecisionRecord:
    number: int
    node: str
    customer: str
    options: tuple[OptionVotes, ...]
    played_key: str | None  # None: the time ran out
    how: str  # MAJORITY, TIE_BREAK, FACILITATOR or TIME_OUT
    level: Level  # the level of what was played (a time-out counts as Low)

    @property
    def total_votes(self) -> int:
        return sum(o.votes for o in self.options)

    @property
    def played_letter(self) -> str:
        return next((o.letter for o in self.options if o.played), "")

    @property
    def how_words(self) -> str:
        return HOW_WORDS[self.how]

    @property
    def votes_words(self) -> str:
        """'12 votes', '1 vote' or 'no votes recorded'."""
        return plural(self.total_votes, "vote") if self.total_votes else "no votes recorded"

    @property
    def heading(self) -> str:
        """How the room voted and what was played: '12 votes · played C (most votes)'.

        The class debrief and the session summary's PDF both head a decision with it.
        """
        return f"{self.votes_words} · played {self.played_letter or 'no answer'} ({self.how_words})"


@dataclass(frozen=True)
class ScoreRow:
    """One line of the team scoreboard; every figure is the engine's ``PathResult``."""

    rank: int  # 1 = best; equal results share a rank; 0 = not finished
    team: str
    level: Level
    score: int
    compliance_passed: bool
    complete: bool
    decisions: int
    ending: str = ""
    returns: int = 0
    breaches: tuple[str, ...] = ()


# -- one group playing once -----------------------------------------------------------------------


class ClassRun:
    """The whole class or one team playing the scenario once, with the votes at each decision."""

    def __init__(self, scenario: Scenario, team: str = CLASS) -> None:
        self.scenario = scenario
        self.team = team
        self.session = PlaySession(scenario)
        self.tallies: dict[str, VoteTally] = {}  # by node id: a path never visits a node twice

    # -- the current decision
    @property
    def ended(self) -> bool:
        return self.session.ended

    @property
    def started(self) -> bool:
        return bool(self.session.steps)

    @property
    def node(self) -> Node:
        return self.session.node

    def offered(self) -> list[Reply]:
        return [] if self.ended else self.session.available_replies()

    def keys(self) -> list[str]:
        return [r.key for r in self.offered()]

    def reply_for(self, label: str) -> Reply | None:
        """The offered reply with this letter (A, B...) or key; None when there is none."""
        offered = self.offered()
        text = label.strip()
        if len(text) == 1 and text.upper() in LETTERS:
            index = LETTERS.index(text.upper())
            return offered[index] if index < len(offered) else None
        return next((r for r in offered if r.key == text), None)

    def letter_of(self, key: str) -> str:
        keys = self.keys()
        return letter(keys.index(key)) if key in keys else ""

    @property
    def tally(self) -> VoteTally:
        """The votes at the current decision (created on first use)."""
        return self.tallies.setdefault(self.node.id, VoteTally())

    def set_votes(self, label: str, count: int) -> Reply:
        reply = self._require(label)
        self.tally.set(reply.key, count)
        return reply

    def votes(self, label: str) -> int:
        reply = self.reply_for(label)
        return self.tally.counts.get(reply.key, 0) if reply else 0

    def pick(self, label: str | None) -> Reply | None:
        """The facilitator's pick at this decision (None clears it)."""
        reply = None if label is None else self._require(label)
        self.tally.picked = reply.key if reply else None
        return reply

    @property
    def picked(self) -> Reply | None:
        key = self.tally.picked if not self.ended else None
        return next((r for r in self.offered() if r.key == key), None)

    def majority(self) -> Reply | None:
        key = self.tally.majority(self.keys()) if not self.ended else None
        return next((r for r in self.offered() if r.key == key), None)

    def to_play(self) -> Reply | None:
        """What confirming would play: the pick, else the single reply with the most votes."""
        return self.picked or self.majority()

    def why_not(self) -> str:
        """'' when a reply can be played, else what the facilitator must do first."""
        if self.ended:
            return "The conversation has ended."
        if self.to_play() is not None:
            return ""
        leaders = self.tally.leaders(self.keys())
        if len(leaders) > 1:
            tied = " and ".join(self.letter_of(k) for k in leaders)
            return f"{tied} are tied: pick one of them with its letter."
        return "Pick a reply with its letter, or record the class's votes first."

    # -- moves
    def play(self, label: str | None = None) -> Step:
        """Play the reply ``label``, or what ``to_play`` says; PlayError says why not."""
        reply = self._require(label) if label is not None else self.to_play()
        if reply is None:
            raise PlayError(self.why_not())
        return self.session.choose(reply)

    def time_out(self) -> Step:
        return self.session.time_out()

    def undo(self) -> bool:
        """Back one decision: its votes are kept (the room rarely votes twice), the pick is cleared."""
        if not self.session.undo():
            return False
        self.tally.picked = None
        return True

    def restart(self) -> None:
        self.session.restart()
        self.tallies.clear()

    # -- results
    def result(self) -> PathResult:
        return self.session.result()

    def decisions(self) -> list[DecisionRecord]:
        records = []
        for number, step in enumerate(self.session.steps, 1):
            tally = self.tallies.get(step.node, VoteTally())
            keys = [r.key for r in step.offered]
            played = step.reply.key if step.reply else None
            options = tuple(
                OptionVotes(letter(i), r.key, r.say, r.level, tally.counts.get(r.key, 0), tally.share(r.key),
                            r.key == played, r.feedback, r.breach, r.id)
                for i, r in enumerate(step.offered))
            records.append(DecisionRecord(number, step.node, step.customer, options, played,
                                          how_decided(tally, keys, played), step.level))
        return records

    def _require(self, label: str) -> Reply:
        reply = self.reply_for(label)
        if reply is None:
            raise PlayError(f"there is no reply {label!r} at this decision")
        return reply


# -- a session: one or more runs ------------------------------------------------------------------


class ClassroomSession:
    """A session in front of a room: the class as one group, or named teams taking turns."""

    def __init__(self, scenario: Scenario, teams: Sequence[str] = ()) -> None:
        self.scenario = scenario
        names = clean_team_names(teams) or [CLASS]
        self.runs = [ClassRun(scenario, name) for name in names]
        self.index = 0
        self.started_at = _dt.datetime.now()

    @property
    def current(self) -> ClassRun:
        return self.runs[self.index]

    @property
    def has_teams(self) -> bool:
        return len(self.runs) > 1 or self.runs[0].team != CLASS

    @property
    def has_next_team(self) -> bool:
        return self.index + 1 < len(self.runs)

    def next_team(self) -> ClassRun | None:
        """The next team's turn (None after the last team)."""
        if not self.has_next_team:
            return None
        self.index += 1
        return self.current

    def previous_team(self) -> ClassRun | None:
        if self.index == 0:
            return None
        self.index -= 1
        return self.current

    @property
    def finished(self) -> bool:
        return all(run.ended for run in self.runs)

    def scoreboard(self) -> list[ScoreRow]:
        return scoreboard(self.runs)

    def summary(self, when: _dt.datetime | None = None) -> "SessionSummary":
        return session_summary(self, when)


def scoreboard(runs: Sequence[ClassRun]) -> list[ScoreRow]:
    """Finished runs ranked by level, then score (equal results share a rank); then the others."""
    rows = []
    for run in runs:
        result = run.result()
        ending = result.ending
        rows.append(ScoreRow(0, run.team, result.level, result.score, result.compliance_passed, run.ended,
                             len(result.steps), (ending.title if ending else "") if run.ended else "",
                             result.value.returns, tuple(result.breaches)))
    finished = sorted((r for r in rows if r.complete), key=lambda r: (-r.level.rank, -r.score))
    ranked: list[ScoreRow] = []
    for i, row in enumerate(finished):
        same = ranked and (ranked[-1].level, ranked[-1].score) == (row.level, row.score)
        ranked.append(_with_rank(row, ranked[-1].rank if same else i + 1))
    return ranked + [r for r in rows if not r.complete]


def _with_rank(row: ScoreRow, rank: int) -> ScoreRow:
    return ScoreRow(rank, row.team, row.level, row.score, row.compliance_passed, row.complete, row.decisions,
                    row.ending, row.returns, row.breaches)


# -- the summary for the facilitator's records ----------------------------------------------------


@dataclass(frozen=True)
class TeamSummary:
    team: str
    result: PathResult
    decisions: tuple[DecisionRecord, ...]
    complete: bool


@dataclass(frozen=True)
class SessionSummary:
    scenario_id: str
    title: str
    when: _dt.datetime
    teams: tuple[TeamSummary, ...]
    scoreboard: tuple[ScoreRow, ...]


def session_summary(session: ClassroomSession, when: _dt.datetime | None = None) -> SessionSummary:
    """Everything the class debrief, the PDF and the CSV show, computed once."""
    teams = tuple(TeamSummary(run.team, run.result(), tuple(run.decisions()), run.ended)
                  for run in session.runs if run.started or run.ended)
    return SessionSummary(session.scenario.id, session.scenario.title, when or session.started_at, teams,
                          tuple(session.scoreboard()))


CSV_COLUMNS = ["record", "scenario", "team", "decision", "node", "letter", "reply", "level", "votes", "share",
               "played", "how", "score", "compliance", "ending", "returns", "reply_id"]


def summary_rows(summary: SessionSummary) -> list[dict[str, str]]:
    """One 'vote' row per reply offered at each decision, then one 'result' row per team.

    One flat table (filter on 'record') opens cleanly in any spreadsheet.
    """
    rows: list[dict[str, str]] = []
    for team in summary.teams:
        for decision in team.decisions:
            for option in decision.options:
                rows.append({"record": "vote", "team": team.team, "decision": str(decision.number),
                             "node": decision.node, "letter": option.letter, "reply": option.say,
                             "reply_id": option.reply_id,
                             "level": option.level.label, "votes": str(option.votes),
                             "share": f"{option.share * 100:.0f}%" if decision.total_votes else "",
                             "played": "yes" if option.played else "",
                             "how": decision.how_words if option.played else ""})
            if decision.played_key is None:
                rows.append({"record": "vote", "team": team.team, "decision": str(decision.number),
                             "node": decision.node, "reply": "(no answer: the time ran out)",
                             "level": Level.LOW.label, "played": "yes", "how": decision.how_words})
    for row in summary.scoreboard:
        rows.append({"record": "result", "team": row.team, "decision": str(row.decisions),
                     "level": row.level.label if row.complete else "", "score": str(row.score),
                     "compliance": "passed" if row.compliance_passed else "failed",
                     "ending": row.ending if row.complete else "(not finished)", "returns": f"{row.returns}%"})
    for row in rows:
        row["scenario"] = summary.scenario_id
    return [{c: row.get(c, "") for c in CSV_COLUMNS} for row in rows]


def summary_csv(summary: SessionSummary) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in summary_rows(summary))
    return out.getvalue()


def write_summary_csv(path: str, summary: SessionSummary) -> None:
    """UTF-8 with a byte-order mark, so spreadsheet programs read accents and symbols right;
    written atomically, so a failed export leaves an earlier file with that name as it was."""
    text = summary_csv(summary)
    write_atomically(path, lambda f: f.write(text), encoding="utf-8-sig", newline="")


# -- what the facilitator can ask the room ---------------------------------------------------------


def discussion_prompts(node: Node, offered: Sequence[Reply]) -> list[str]:
    """The author's ``discuss`` question first, then questions drawn from the replies on offer."""
    prompts = [node.discuss.strip()] if node.discuss.strip() else []
    labels = {r.key: letter(i) for i, r in enumerate(offered)}
    for reply in offered:
        if reply.breach:
            prompts.append(f"Reply {labels[reply.key]} breaks a rule ({reply.breach.rstrip('.')}). "
                           "Why is it tempting, and what would it cost the customer and the business?")
    best = best_reply(tuple(offered))
    if best is not None and best.level is Level.WOW:
        skills = ", ".join(s.replace("_", " ") for s in best.skills)
        shows = f" It shows {skills}." if skills else ""
        prompts.append(f"Reply {labels[best.key]} is the WOW reply.{shows} What does it give the customer "
                       "that the others do not?")
    lows = [r for r in offered if r.level is Level.LOW and not r.breach]
    if lows and lows[0].feedback:
        prompts.append(f"After reply {labels[lows[0].key]}: \"{lows[0].feedback.strip()}\" "
                       "What did the customer hear that the employee did not mean?")
    if node.timeout is not None:
        prompts.append(f"There are {node.timeout.seconds} seconds to answer. What does silence say to this customer?")
    return prompts
