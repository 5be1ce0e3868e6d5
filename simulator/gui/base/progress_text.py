"""Words for progress figures, shared by the picker, the progress view, the class view and the
reports, so that the same date or count reads the same everywhere. Dates are shown in the
computer's time zone; a time without a zone is taken as local, as Python does."""

from __future__ import annotations

from datetime import date, datetime, timezone

from ...core.levels import Level
from ...core.wording import plural  # noqa: F401  (the app's views take it from here)
from . import theme

NOT_PLAYED = "—"
# The app speaks English, so its dates do too, whatever the computer's locale ('%b' would follow it).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def domain_name(domain: str) -> str:
    """A domain id as the library shows it: 'bank_compliance' -> 'Bank compliance'."""
    return (domain or "other").replace("_", " ").capitalize()


def level_text(level: Level | None) -> str:
    """'★ WOW', '● Standard', '▼ Low', or a dash when there is no level yet."""
    return theme.level_badge_text(level) if level is not None else NOT_PLAYED


def local_day(moment: datetime) -> date:
    return date.fromtimestamp(moment.timestamp())


def short_date(moment: datetime, now: datetime | None = None) -> str:
    """'3 Mar', with the year when it is not this year's: '3 Mar 2023'."""
    return _short_day(local_day(moment), local_day(now or datetime.now(timezone.utc)).year)


def _short_day(day: date, this_year: int) -> str:
    text = f"{day.day} {MONTHS[day.month - 1][:3]}"
    return text if day.year == this_year else f"{text} {day.year}"


def long_date(moment: datetime) -> str:
    """'3 March 2024, 09:05' (local time), for tooltips and reports."""
    local = moment.astimezone()
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local.hour:02d}:{local.minute:02d}"


def when(moment: datetime | None, now: datetime | None = None) -> str:
    """'today', 'yesterday', '4 days ago', then the date; 'never' when there is no time."""
    if moment is None:
        return "never"
    today, day = local_day(now or datetime.now(timezone.utc)), local_day(moment)
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    return _short_day(day, today.year)


def next_review(due_at: datetime | None, now: datetime | None = None) -> str:
    """'Next review: in 3 days.' after an attempt ('' when nothing is scheduled)."""
    if due_at is None:
        return ""
    now = now or datetime.now(timezone.utc)
    days = round((due_at - now).total_seconds() / 86400)
    return "Next review: later today." if days <= 0 else f"Next review: in {plural(days, 'day')}."
