"""The scoring rule, in one place (documented for authors in docs/scoring.md).

- Level: how the customer left, i.e. the level of the ending reached; but a single
  compliance breach makes it Low, however happy the customer is.
- Score (0-100): the weighted average of the replies' points, WOW 100, Standard 60, Low 0,
  each decision counting its ``weight`` (default 1); letting the time run out counts as a Low
  reply. Meeting expectations at every decision is 60, a pass: the bands below agree with
  the levels.
- Value: a path with a breach never keeps more of the customer's value than the best path
  by the book, and what the breach costs (``breach_cost``) is taken off.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .levels import Level
from .model import Customer, Ending, Reply
from .records import Step


POINTS = {Level.LOW: 0, Level.STANDARD: 60, Level.WOW: 100}  # what one decision's reply earns
BANDS = ((Level.WOW, 90), (Level.STANDARD, 60), (Level.LOW, 0))  # a score's band: the first whose floor it reaches


def score_of(points: int, weights: int) -> int:
    """The score of a path whose replies earn ``points`` (each POINTS x its decision's weight) over
    decisions weighing ``weights`` in all, rounded half up."""
    if weights <= 0:
        return 0
    return (2 * points + weights) // (2 * weights)


def band_of(score: int) -> Level:
    """The level a score's band names: 90-100 WOW, 60-89 Standard, 0-59 Low."""
    return next(level for level, floor in BANDS if score >= floor)


def band_text(level: Level) -> str:
    """'60-89: expectations met', for the debrief, the PDF and the reports."""
    floors = dict(BANDS)
    ceiling = {Level.WOW: 100, Level.STANDARD: floors[Level.WOW] - 1, Level.LOW: floors[Level.STANDARD] - 1}[level]
    return f"{floors[level]}-{ceiling}: {level.meaning}"


def band_words(score: int) -> str:
    """'Standard band 60-89: expectations met': a score's band named in words, one phrasing everywhere."""
    level = band_of(score)
    return f"{level.label} band {band_text(level)}"


def score_text(score: int) -> str:
    """'72/100 · Standard band 60-89: expectations met', for the debrief, the PDF and the reports."""
    return f"{score}/100 · {band_words(score)}"


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
    breach_cost: float = 0  # what the path's breaches cost the business, taken off ``kept``
    capped: bool = False  # a breach path kept no more than the best path by the book

    @classmethod
    def of(cls, customer: Customer, returns: int, breach_cost: float = 0,
           compliant_returns: int | None = None) -> "LifetimeValue":
        """``compliant_returns``: for a path with a breach, the best likelihood to return of a path
        without one; the breach path is never shown keeping more, and its cost comes off."""
        revenue = sum(customer.yearly_value + year * customer.yearly_growth for year in range(customer.years))
        profit = revenue * customer.margin / 100
        capped = compliant_returns is not None and compliant_returns < returns
        if capped:
            returns = compliant_returns
        kept = profit * returns / 100 - breach_cost
        return cls(customer.yearly_value, customer.yearly_growth, customer.years, customer.margin,
                   revenue, profit, returns, kept, profit - kept, customer.currency, breach_cost, capped)


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
    points: int = field(default=0, repr=False)  # the weighted points behind the score
    deciding: int | None = None  # the decision that set the level, where level and score differ or a rule broke

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
                ending: Ending | None, closing_words: str, complete: bool, weights: dict[str, int] | None = None,
                compliant_returns: int | None = None, deciding: int | None = None) -> PathResult:
    """``weights``: each decision node's weight (default 1); ``compliant_returns``: the best likelihood
    to return of a path without a breach (caps a breach path's value); ``deciding``: the number of the
    decision after which nothing better than the level reached was possible, when known."""
    weights = weights or {}
    weight_of = [max(1, weights.get(s.node, 1)) for s in steps]
    points = sum(POINTS[s.level] * w for s, w in zip(steps, weight_of))
    score = score_of(points, sum(weight_of))
    breaches = [f"{s.breach} (decision {i})" for i, s in enumerate(steps, 1) if s.breach]
    level = level_of(ending.level if (ending and complete) else None, bool(breaches))
    shown: dict[str, int] = {}
    missed: dict[str, int] = {}
    reviews = []
    for i, step in enumerate(steps, 1):
        chosen = set(step.reply.skills) if step.reply else set()
        better = {skill for r in step.offered if r.level.rank > step.level.rank for skill in r.skills}
        for skill in chosen:
            shown[skill] = shown.get(skill, 0) + 1
        for skill in better - chosen:  # missed only where a better reply showed it
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
    cost = sum(s.reply.breach_cost for s in steps if s.reply is not None and s.breach)
    value = LifetimeValue.of(customer, returns, cost, compliant_returns if breaches else None)
    return PathResult(
        level=level, score=score, complete=complete, compliance_passed=not breaches, breaches=breaches,
        skills=skills, mood_curve=[start_mood] + [s.mood_after for s in steps],
        value=value, steps=reviews, ending_id=ending_id, ending=ending, closing_words=closing_words,
        explanation=explain(level, score, next((s.breach for s in steps if s.breach), ""), ending, complete,
                            deciding_step(steps, breaches, deciding)),
        points=points, deciding=deciding_step(steps, breaches, deciding),
    )


def deciding_step(steps: list["Step"], breaches: list[str], deciding: int | None) -> int | None:
    """The decision that set the level: the first breach, else the one ``deciding`` names."""
    first_breach = next((i for i, s in enumerate(steps, 1) if s.breach), None)
    return first_breach if first_breach is not None else deciding


def explain(level: Level, score: int, breach: str, ending: Ending | None, complete: bool,
            deciding: int | None = None) -> str:
    """The scoring rule applied to one path, in a sentence for the debrief (two after a breach).

    ``breach``: the first rule broken, in the scenario's words; ``deciding``: the decision that set
    the level (the breach's, when there is one). The breach's words end their own sentence, since
    they may hold brackets and a full stop of their own ("... (anti-money-laundering law).")."""
    points = (f"your replies scored {score}/100 ({band_text(band_of(score))}; WOW 100, Standard 60 and Low 0 "
              f"a decision)")
    if breach:
        words = breach.strip()
        where = f" at decision {deciding}" if deciding is not None else ""
        stop = "" if words.endswith((".", "!", "?")) else "."
        return (f"{level.label}: you broke a rule{where}: {words}{stop} A single breach fails the attempt "
                f"however happy the customer is; {points}.")
    if not complete or ending is None:
        return f"{level.label}: the conversation did not reach an ending; {points}."
    name = f" '{ending.title}'" if ending.title else ""
    moment = ""
    if deciding is not None and band_of(score).rank > level.rank:
        moment = f"; decision {deciding} set the level: after it no better ending was within reach"
    return (f"{level.label}: the customer left with {level.meaning} (the ending{name} is a {ending.level.label} "
            f"outcome){moment}; {points}.")

