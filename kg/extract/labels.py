"""From a candidate and its kind to a claim's predicate, title, transfer type, polarity and tense.

The claim model decides the kind and direction; the specific predicate within the kind, the
role title and the transfer type are read from the words of the sentence, and the rules'
predicate is kept when the rules found the same claim (they read constructions the words alone
do not show).
"""

from __future__ import annotations

import re

from kg.vocab import EntityType, Kind, TransferType

_P, _C, _N, _K = (
    EntityType.PERSON.value,
    EntityType.CLUB.value,
    EntityType.NATIONAL_TEAM.value,
    EntityType.COMPETITION.value,
)
_MANAGER = re.compile(
    r"\b(?:manager|boss|head coach|coach|caretaker|interim|gaffer|managerial|manage[sd]?|"
    r"in charge|at the helm|took charge|take charge|reins)\b"
)
_STAFF = re.compile(
    r"\b(?P<t>chairman|chairwoman|owner|co-owner|chief executive|ceo|director of football|"
    r"sporting director|technical director|president|vice-president|assistant manager|assistant|"
    r"first-team coach|goalkeeping coach|scout|director|secretary|academy manager)\b"
)
_SACK = re.compile(r"\b(?:sack|sacked|sacking|dismiss|dismissed|relieved|fired|axed|axe)\b")
_RESIGN = re.compile(r"\b(?:resign|resigned|resigns|resignation|stepped down|step down|quit)\b")
_BID = re.compile(r"\b(?:bid|bids|offer|offers|offered)\b")
_APPROACH = re.compile(r"\b(?:approach|approached|contact|talks|talking|negotiat\w*)\b")
_MONITOR = re.compile(r"\b(?:monitor\w*|track\w*|watch\w*|scout\w*|tabs)\b")
_CONSIDER = re.compile(r"\b(?:consider\w*|weigh\w*|mull\w*|view|views|shortlist\w*)\b")
_TALKS = re.compile(r"\b(?:talks|negotiat\w*|offer\w*|discuss\w*|on the table)\b")
_LOAN = re.compile(r"\bloan")
_FREE = re.compile(r"\bfree (?:transfer|agent|agency)|\bon a free\b|\bfor free\b|\bfree agency\b")
_RETURN = re.compile(r"\breturn|\brejoin|\bmove back|\bback to\b")
_LEAD = re.compile(r"\b(?:top|lead|leads|leaders|summit|first place|table-toppers)\b")
_NEGATIVE = re.compile(
    r"\b(?:not|n't|never|no longer|no intention|no plans|cooled|collapsed|called off|"
    r"fell through|abandoned|ended (?:their|his|its) interest|pulled out)\b"
)
_PAST = re.compile(
    r"\b(?:former|ex-|ex|then|formerly|previously|once|spent|onetime|one-time|erstwhile)\b"
)


def predicate(kind: Kind, subject_label: str, object_label: str, words: str) -> str:
    """The predicate of a claim of ``kind`` between these types, given the sentence's words."""
    if kind is Kind.ROLE:
        if _STAFF.search(words) and not _MANAGER.search(words):
            return "holds_role"
        if _MANAGER.search(words) and object_label != _N:
            return "manages"
        return "plays_for"
    if kind is Kind.MOVE:
        if _LOAN.search(words):
            return "loaned_to"
        if _RETURN.search(words):
            return "returns_to"
        if _MANAGER.search(words) or re.search(r"\bappoint|\bhire|\bnamed\b", words):
            return "appointed_by"
        return "joins"
    if kind is Kind.INTEREST:
        if subject_label == _P and object_label in {_C, _N}:
            return "open_to"
        for pattern, name in (
            (_BID, "bids_for"),
            (_APPROACH, "approaches"),
            (_MONITOR, "monitors"),
            (_CONSIDER, "considers"),
        ):
            if pattern.search(words):
                return name
        return "targets"
    if kind is Kind.DEPARTURE:
        if _SACK.search(words):
            return "sacked_by"
        if _RESIGN.search(words):
            return "resigns_from"
        return "leaves"
    if kind is Kind.CONTRACT:
        return "in_contract_talks" if _TALKS.search(words) else "extends_contract"
    if kind is Kind.REJECTION:
        return "rejects"
    if object_label == _K:
        return "leads" if _LEAD.search(words) else "ranks_in"
    return (
        "draws_with" if re.search(r"\b(?:draw|drew|drawn|goalless|stalemate)\b", words) else "beats"
    )


_AS_TITLE = re.compile(
    r"\b(?:role|position|post|job) as (?:the )?(?P<t>[a-z][a-z' -]{2,40}) (?:with|at)\b"
)


def role_title(words: str) -> str | None:
    """The title a role claim's words give ("head coach", "captain", "chairman")."""
    named = _AS_TITLE.search(words)
    if named:
        return named.group("t")
    staff = _STAFF.search(words)
    if staff:
        return staff.group("t")
    if _MANAGER.search(words):
        return "head coach"
    if re.search(r"\b(?:captain|skipper)\b", words):
        return "captain"
    return None


def transfer_type(words: str) -> TransferType | None:
    """Loan or free transfer, when the words say so."""
    if _LOAN.search(words):
        return TransferType.LOAN
    if _FREE.search(words):
        return TransferType.FREE
    return None


def negative(words: str) -> bool:
    """Whether the words between and around a pair negate it."""
    return bool(_NEGATIVE.search(words))


def past(words: str) -> bool:
    """Whether the words make a role or event a thing of the past ("former", "ex-", "then")."""
    return bool(_PAST.search(words))


_RIVAL = re.compile(r"\b(?:take on|taking on|to face|facing|against|rivals?|to beat)\b")


def rivalry(words: str) -> bool:
    """Whether the words between a club and a person make the person a rival, not a target
    ("view Klopp as the coach to take on Hansi Flick")."""
    return bool(_RIVAL.search(words))
