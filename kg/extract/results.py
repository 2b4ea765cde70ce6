"""Match results read from the dependency parse: who beat, lost to or drew with whom.

Match reports say it in many shapes: "Celtic thrashed Aberdeen 5-1", "Falkirk's 3-0 win at
Airdrie", "Hibs lost 2-0 at home to Rangers", "a 2-1 defeat by Chelsea", "the 1-1 draw with
Arsenal", "beaten by Hearts", "proved too strong for Hibernian". Each has a result word, the team
it is about (its subject, its possessor, or the team the article is following) and an opponent
(the object, or the noun after "over", "against", "to", "by", "with", "at", "past"). The word
says who won.
"""

from __future__ import annotations

from typing import Any

from kg.extract.mentions import Mention, token_span
from kg.extract.rules import RawClaim
from kg.vocab import EntityType, Kind

_TEAMS = {EntityType.CLUB.value, EntityType.NATIONAL_TEAM.value}
_WIN = {
    "win",
    "won",
    "wins",
    "winning",
    "beat",
    "beats",
    "beating",
    "victory",
    "victories",
    "thrash",
    "thrashed",
    "thrashing",
    "hammer",
    "hammered",
    "hammering",
    "thump",
    "thumped",
    "thumping",
    "rout",
    "routed",
    "edged",
    "overcame",
    "triumph",
    "eliminated",
    "knocked",
    "dumped",
    "strong",
}
_LOSE = {
    "lose",
    "lost",
    "loses",
    "losing",
    "loss",
    "defeat",
    "defeats",
    "beaten",
    "thrashed",
    "reverse",
    "exit",
}
#: Verbs that, passive with an agent ("were knocked out by Hearts"), say the subject lost.
_PASSIVE_WINS = {
    "beaten",
    "defeated",
    "knocked",
    "eliminated",
    "thrashed",
    "hammered",
    "overcome",
    "edged",
    "routed",
    "dumped",
    "humbled",
    "stunned",
}
_DRAW = {"draw", "draws", "drew", "drawn", "stalemate"}
_OPPONENT_PREPS = {"over", "against", "to", "by", "with", "at", "past", "for", "in"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_RELATIVES = {"who", "which", "that"}


def _team(token: Any, teams: list[tuple[Mention, Any]]) -> Mention | None:
    for mention, span in teams:
        if span.start <= token.i < span.end:
            return mention
    return None


def _with_conjuncts(token: Any) -> list[Any]:
    return [token, *token.conjuncts]


def _opponents(word: Any, teams: list[tuple[Mention, Any]], lose: bool) -> list[Mention]:
    found: list[Mention] = []
    heads = [word]
    if word.dep_ in {"dobj", "pobj", "attr", "npadvmod"} and word.head.pos_ in {"VERB", "AUX"}:
        heads.append(word.head)
    for head in heads:
        for child in head.children:
            targets = []
            if child.dep_ == "dobj" and head.pos_ == "VERB" and not lose:
                targets = _with_conjuncts(child)
            elif child.dep_ == "prep" and child.lower_ in _OPPONENT_PREPS:
                if (
                    lose
                    and child.lower_ == "at"
                    and any(c.dep_ == "prep" and c.lower_ in {"to", "by"} for c in head.children)
                ):
                    continue  # "lost 2-0 at home to Rangers": "to" names the winner
                targets = [
                    t for c in child.children if c.dep_ == "pobj" for t in _with_conjuncts(c)
                ]
                if lose and child.lower_ == "at":  # "exit at the hands of Iceland"
                    targets += [
                        t
                        for hands in targets
                        if hands.lower_ == "hands"
                        for of in hands.children
                        if of.dep_ == "prep" and of.lower_ == "of"
                        for c in of.children
                        if c.dep_ == "pobj"
                        for t in _with_conjuncts(c)
                    ]
            elif child.dep_ == "agent":
                targets = [
                    t for c in child.children if c.dep_ == "pobj" for t in _with_conjuncts(c)
                ]
            for target in targets:
                team = _team(target, teams)
                if team is not None and team not in found:
                    found.append(team)
    return found


def _subject(word: Any, teams: list[tuple[Mention, Any]]) -> Mention | None:
    for child in word.children:
        if child.dep_ == "poss" or child.dep_ in _SUBJECTS:
            team = _team(child, teams)
            if team is not None:
                return team
    node = word
    for _ in range(4):
        if node.head is node:
            break
        node = node.head
        for child in node.children:
            if child.dep_ in _SUBJECTS:
                team = _team(child, teams)
                if team is None and child.lower_ in _RELATIVES and node.dep_ == "relcl":
                    team = _team(node.head, teams)  # "leaders Barcelona, who won at Albacete"
                if team is not None:
                    return team
    return None


def result_claims(sent: Any, mentions: list[Mention], offset: int) -> list[RawClaim]:
    """The results one sentence states."""
    doc = sent.doc
    teams: list[tuple[Mention, Any]] = []
    for mention in mentions:
        if mention.label not in _TEAMS:
            continue
        span = token_span(doc, mention, offset)
        if span is not None:
            teams.append((mention, span))
    if len(teams) < 2:
        return []
    claims: list[RawClaim] = []
    for word in sent:
        lower = word.lower_
        passive = lower in _PASSIVE_WINS and any(c.dep_ == "agent" for c in word.children)
        if (lower == "defeat" and word.pos_ == "VERB") or (lower == "defeated" and not passive):
            outcome = "win"
        elif lower in _DRAW:
            outcome = "draw"
        elif passive or (lower in _LOSE and not (lower == "thrashed" and word.pos_ == "VERB")):
            outcome = "lose"
        elif lower in _WIN:
            if lower == "strong" and not any(c.lower_ == "for" for c in word.children):
                continue
            if lower == "knocked" and not any(c.lower_ == "out" for c in word.children):
                continue
            outcome = "win"
        else:
            continue
        if _team(word, teams) is not None:
            continue
        subject = _subject(word, teams)
        if subject is None:
            continue
        for opponent in _opponents(word, teams, outcome == "lose"):
            if opponent is subject or opponent.text == subject.text:
                continue
            if outcome == "win":
                claims.append(RawClaim(Kind.RESULT, "beats", subject, opponent, lower, fact=True))
            elif outcome == "lose":
                claims.append(RawClaim(Kind.RESULT, "beats", opponent, subject, lower, fact=True))
            else:
                claims.append(
                    RawClaim(Kind.RESULT, "draws_with", subject, opponent, lower, fact=True)
                )
    return claims
