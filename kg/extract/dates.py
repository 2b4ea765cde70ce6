"""Dates in a sentence, resolved against the document's publication date.

Only spans the NER tags as DATE are read (``search_dates`` would read the score "5-1" as a date);
ages ("26", "the 24-year-old") and durations ("four years") are skipped. Football's seasonal
phrases ("next summer", "in January", "the end of the season") have fixed meanings; the rest goes
to dateparser with the document date as ``RELATIVE_BASE``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

from kg.extract.pipeline import sentence_ents

_SKIP = re.compile(
    r"^\d{1,2}$|year-old|\byears?\b(?! ago)|\bmonths\b|\bweeks\b|\bdays\b|\bseason\b(?!.*end)|"
    r"^(?:the )?(?:last|past|previous)\b|\bago\b|^\d{4}-\d{2}$|^(?:19|20)\d{2}-(?:19|20)?\d{2}$"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


def _seasonal(text: str, base: date) -> date | None:
    t = text.lower().strip()
    if "summer" in t:
        year = base.year + (1 if "next" in t and base.month >= 6 else 0)
        if "this" in t and base.month >= 9:
            year += 1
        return date(year, 7, 1)
    if re.search(r"end of (?:the|this) season|season's end", t):
        return date(base.year + (1 if base.month >= 7 else 0), 5, 31)
    if "next season" in t:
        return date(base.year + (1 if base.month >= 7 else 0), 8, 1)
    if re.search(r"earlier this month|this month", t):
        return base.replace(day=1)
    if t in {"today", "this week"}:
        return base
    month = re.fullmatch(r"(?:in |this |next |the )?(\w+)(?: transfer window| window)?", t)
    if month and month.group(1) in _MONTHS:
        number = _MONTHS[month.group(1)]
        return date(base.year + (1 if number < base.month else 0), number, 1)
    return None


@cache
def _dateparser() -> Any:
    import dateparser

    return dateparser


def resolve(text: str, base: date | None) -> date | None:
    """The date ``text`` (a DATE span) names, relative to ``base``; None when unsure."""
    if base is None:
        explicit = re.search(r"\b(\d{1,2} \w+ (?:19|20)\d{2}|\w+ \d{1,2},? (?:19|20)\d{2})\b", text)
        if not explicit:
            return None
    if base is not None:
        seasonal = _seasonal(text, base)
        if seasonal is not None:
            return seasonal
    if _SKIP.search(text.lower()):
        return None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "current_period"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    parsed = _dateparser().parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def sentence_date(sent: Any, base: date | None) -> date | None:
    """The first resolvable DATE span of a spaCy sentence."""
    for ent in sentence_ents(sent):
        if ent.label_ == "DATE":
            found = resolve(ent.text, base)
            if found is not None:
                return found
    return None
