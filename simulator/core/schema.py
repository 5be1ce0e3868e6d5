"""The scenario format's keys, declared once.

The loader checks files against these declarations, the JSON Schema shipped for editors
is generated from them, and the format reference lists them. Change a key here and all
three follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from .channels import CHANNELS, DEFAULT_CHANNEL
from .levels import EMOTION_NAMES, LEVEL_NAMES

DIFFICULTIES = ("easy", "medium", "hard")
ID_PATTERN = r"^[A-Za-z0-9_-]+$"
# A reply's id: a name as above, but not digits alone (older saved attempts named replies by position).
REPLY_ID_PATTERN = r"^(?![0-9]+$)[A-Za-z0-9_-]+$"


@dataclass(frozen=True)
class Key:
    """One key of a block. ``kind`` is one of: text, integer, number, choice, id, reply-id, text-list,
    id-list, condition, route, section (another block), list-of (a list of blocks),
    map-of (named blocks)."""

    name: str
    kind: str
    doc: str
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    section: str = ""
    default: object = None


def _keys(*keys: Key) -> dict[str, Key]:
    return {k.name: k for k in keys}


SECTIONS: dict[str, dict[str, Key]] = {
    "scenario": _keys(
        Key("format", "integer", "Format version of the file. Always 1 for now.", required=True, minimum=1, maximum=1),
        Key("id", "id", "Short unique name, lower case with dashes: 'bereaved-traveller'.", required=True),
        Key("title", "text", "Title shown in the library.", required=True),
        Key("domain", "text", "Area of service: refunds, difficult clients, bank compliance, retail, tourism, education..."),
        Key("difficulty", "choice", "How hard the scenario is.", choices=DIFFICULTIES, default="medium"),
        Key("channel", "choice", "How the conversation happens: face to face, on the phone, in a chat, by e-mail, "
                                 "or in public on social media. The play screen looks like it.",
            choices=tuple(CHANNELS), default=DEFAULT_CHANNEL),
        Key("minutes", "integer", "Estimated minutes to play once.", minimum=1, maximum=240),
        Key("summary", "text", "One paragraph shown in the library."),
        Key("tags", "text-list", "Words to search by."),
        Key("skills", "id-list", "Extra skill names this scenario uses, beyond the built-in ones."),
        Key("customer", "section", "The customer brief shown before play.", required=True, section="customer"),
        Key("start", "id", "The node where the conversation begins.", required=True),
        Key("nodes", "map-of", "The conversation: each node is one moment, named by its id.", required=True,
            section="node"),
    ),
    "customer": _keys(
        Key("name", "text", "The customer's name.", required=True),
        Key("about", "text", "Who they are, in a sentence."),
        Key("portrait", "text", "A bundled portrait (e.g. 'maria') or an image file next to the scenario "
                                "('images/anna.png'); a folder holding angry.png, upset.png, neutral.png, pleased.png "
                                "and delighted.png (or .svg) gives one image per emotion."),
        Key("organization", "text", "Which organization they are visiting.", required=True),
        Key("wants", "text", "What they want.", required=True),
        Key("expects", "text", "What they expect.", required=True),
        Key("mood", "integer", "Starting mood, 0 (furious) to 100 (delighted).", minimum=0, maximum=100, default=50),
        Key("yearly_value", "number", "What the customer spends with the business in a year.", minimum=0, default=0),
        Key("yearly_growth", "number", "How much more they spend each following year.", default=0),
        Key("years", "integer", "Years counted in the customer's lifetime value.", minimum=1, maximum=50, default=5),
        Key("margin", "number", "Profit margin in percent, for the lost-customer cost.", minimum=0, maximum=100,
            default=20),
        Key("currency", "text", "Currency shown with amounts, e.g. 'EUR' or '$'."),
    ),
    "node": _keys(
        Key("customer", "text", "What the customer says at this moment (at an ending: their closing words)."),
        Key("narration", "text", "What happens, told in the third person (shown in italics)."),
        Key("emotion", "choice", "Overrides the face shown; otherwise the mood decides.", choices=tuple(EMOTION_NAMES)),
        Key("replies", "list-of", "What the employee can say. A node has replies or an ending.", section="reply"),
        Key("ending", "section", "Makes this node an ending of the conversation.", section="ending"),
        Key("timeout", "section", "A time limit on the decision, and what happens when it runs out.",
            section="timeout"),
        Key("discuss", "text", "A question for the class, shown to the facilitator at this decision."),
        Key("weight", "integer", "How much this decision counts in the score (default 1): give the pivotal moment "
                                 "2 or 3.", minimum=1, maximum=10, default=1),
    ),
    "reply": _keys(
        Key("say", "text", "The words the employee says.", required=True),
        Key("level", "choice", "The service level this reply represents.", required=True, choices=tuple(LEVEL_NAMES)),
        Key("goto", "route", "Where the conversation goes next: a node id, or a list of if/then branches ending with "
                             "else.", required=True),
        Key("mood", "integer", "How the customer's mood changes (e.g. -15 or +10).", minimum=-100, maximum=100,
            default=0),
        Key("skills", "id-list", "Skills this reply shows."),
        Key("feedback", "text", "What the reply did, shown as a consequence in the story."),
        Key("breach", "text", "The rule this reply breaks. A breach fails the attempt; the reply must be level low."),
        Key("breach_cost", "number", "What the breach costs the business, in the customer's currency: a fine, a "
                                     "fraud loss, a lost licence. The debrief takes it off the value kept.",
            minimum=0, default=0),
        Key("sets", "id-list", "Flags this reply sets, for conditions later on."),
        Key("if", "condition", "The reply is offered only when this condition holds."),
        Key("id", "reply-id", "The reply's stable name, unique in its node: saved attempts, class votes and "
                              "reports name the reply by it, whatever is reordered, added or removed around it. "
                              "'simulator ids FILE' writes one into every reply without."),
    ),
    "ending": _keys(
        Key("level", "choice", "The outcome this ending represents.", required=True, choices=tuple(LEVEL_NAMES)),
        Key("title", "text", "A short name for the ending, shown in the debrief."),
        Key("feels", "text", "What the customer feels afterwards."),
        Key("thinks", "text", "What the customer thinks afterwards."),
        Key("returns", "integer", "How likely the customer is to come back, in percent.", minimum=0, maximum=100,
            default=50),
    ),
    "timeout": _keys(
        Key("seconds", "integer", "The time limit in seconds.", required=True, minimum=1, maximum=3600),
        Key("goto", "route", "Where the conversation goes when time runs out.", required=True),
        Key("mood", "integer", "How the mood changes when time runs out.", minimum=-100, maximum=100, default=0),
        Key("feedback", "text", "What the silence did."),
    ),
    "branch": _keys(
        Key("if", "condition", "The condition for this branch."),
        Key("then", "id", "The node to go to when the condition holds."),
        Key("else", "id", "The node to go to when no branch above applies. The last branch must be else."),
    ),
}
