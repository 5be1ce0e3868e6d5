"""The scoring rule, in one place (documented for authors in docs/scoring.md).

- Level: how the customer left, i.e. the level of the ending reached; but a single
  compliance breach makes it Low, however happy the customer is.
- Score (0-100): the average of the replies' points, WOW 100, Standard 50, Low 0;
  letting the time run out counts as a Low reply.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .levels import Level
from .model import Customer, Ending, Reply
from .records import Step


def score_of(units: int, decisions: int) -> int:
    """The score of a path whose replies total ``units`` (WOW 2, Standard 1, Low 0), rounded half up."""
    if decisions <= 0:
        return 0
    return (100 * units + decisions) // (2 * decisions)


def level_of(ending_level: Level | None, breached: bool) -> Level:
    """A breach fails the attempt; an unfinished conversation or a loose end counts as Low."""
    if breached or ending_level is None:
        return Level.LOW
    return ending_level


@dataclass(frozen=True)
class SkillTally:
    skill: str
    shown: int  # decisions where the chosen reply showed it
    missed: int  # decisions where a reply offered it and the chosen one did not


@dataclass(frozen=True)
class LifetimeValue:
    """The classic lost-customer sum: yearly value growing each year, over a number of years, at a margin."""

    yearly_value: float
    yearly_growth: float
    years: int
    margin: float
    revenue: float
    profit: float
    returns: int  # likelihood to return, percent
    kept: float
    lost: float
    currency: str = ""

    @classmethod
    def of(cls, customer: Customer, returns: int) -> "LifetimeValue":
        revenue = sum(customer.yearly_value + year * customer.yearly_growth for year in range(customer.years))
        profit = revenue * customer.margin / 100
        kept = profit * returns / 100
        return cls(customer.yearly_value, customer.yearly_growth, customer.years, customer.margin,
                   revenue, profit, returns, kept, profit - kept, customer.currency)


@dataclass(frozen=True)
class StepReview:
    """One decision as the debrief shows it."""

    number: int
    node: str
    customer: str
    said: str  # '' when the time ran out
    level: Level
    feedback: str
    breach: str
    best_say: str  # the best reply that was available at this point
    best_level: Level
    mood_before: int
    mood_after: int
    seconds: float
    timed_out: bool

    @property
    def shows_best(self) -> bool:
        """Whether the debrief names the best reply here: one was offered and the trainee did not give it."""
        return bool(self.best_say) and (self.timed_out or self.said != self.best_say)


@dataclass(frozen=True)
class PathResult:
    level: Level
    score: int
    complete: bool
    compliance_passed: bool
    breaches: list[str]
    skills: list[SkillTally]
    mood_curve: list[int]
    value: LifetimeValue
    steps: list[StepReview]
    ending_id: str = ""
    ending: Ending | None = None
    closing_words: str = ""
    explanation: str = ""
    units: int = field(default=0, repr=False)

    def to_json(self) -> dict:
        data = asdict(self)
        data["level"] = self.level.value
        for step in data["steps"]:
            step["level"] = step["level"].value
            step["best_level"] = step["best_level"].value
        if self.ending is not None:
            data["ending"] = {**data["ending"], "level": self.ending.level.value}
            data["ending"].pop("pos", None)
        return data


def best_reply(offered: tuple[Reply, ...]) -> Reply | None:
    """The highest-level reply offered; among equals, the first written."""
    best = None
    for reply in offered:
        if best is None or reply.level.rank > best.level.rank:
            best = reply
    return best


def path_result(customer: Customer, start_mood: int, steps: list[Step], ending_id: str,
                ending: Ending | None, closing_words: str, complete: bool) -> PathResult:
    units = sum(s.level.rank for s in steps)
    score = score_of(units, len(steps))
    breaches = [f"{s.breach} (decision {i})" for i, s in enumerate(steps, 1) if s.breach]
    level = level_of(ending.level if (ending and complete) else None, bool(breaches))
    shown: dict[str, int] = {}
    missed: dict[str, int] = {}
    reviews = []
    for i, step in enumerate(steps, 1):
        chosen = set(step.reply.skills) if step.reply else set()
        offered = {skill for r in step.offered for skill in r.skills}
        for skill in chosen:
            shown[skill] = shown.get(skill, 0) + 1
        for skill in offered - chosen:
            missed[skill] = missed.get(skill, 0) + 1
        best = best_reply(step.offered)
        reviews.append(StepReview(
            number=i, node=step.node, customer=step.customer, said=step.reply.say if step.reply else "",
            level=step.level, feedback=step.feedback, breach=step.breach,
            best_say=best.say if best else "", best_level=best.level if best else step.level,
            mood_before=step.mood_before, mood_after=step.mood_after, seconds=step.seconds,
            timed_out=step.reply is None,
        ))
    skills = [SkillTally(k, shown.get(k, 0), missed.get(k, 0)) for k in sorted(set(shown) | set(missed))]
    returns = ending.returns if (ending and complete) else 0
    return PathResult(
        level=level, score=score, complete=complete, compliance_passed=not breaches, breaches=breaches,
        skills=skills, mood_curve=[start_mood] + [s.mood_after for s in steps],
        value=LifetimeValue.of(customer, returns), steps=reviews, ending_id=ending_id, ending=ending,
        closing_words=closing_words, explanation=explain(level, score, breaches, ending, complete), units=units,
    )


def explain(level: Level, score: int, breaches: list[str], ending: Ending | None, complete: bool) -> str:
    """The scoring rule applied to one path, in one sentence for the debrief."""
    points = f"your replies averaged {score}/100 (WOW 100, Standard 50, Low 0)"
    if breaches:
        return (f"{level.label}: you broke a rule ({breaches[0]}), and a single breach fails the attempt "
                f"however happy the customer is; {points}.")
    if not complete or ending is None:
        return f"{level.label}: the conversation did not reach an ending; {points}."
    name = f" '{ending.title}'" if ending.title else ""
    return (f"{level.label}: the customer left with {level.meaning} (the ending{name} is a {ending.level.label} "
            f"outcome); {points}.")

