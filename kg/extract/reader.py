"""Read one parsed document: its mentions, references, names, rule suggestions and candidates.

The same reading serves extraction (:mod:`kg.extract.graph`) and training
(:mod:`kg.extract.train`), so the model is trained on exactly the candidates it later scores.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.extract import cues
from kg.extract.candidates import Candidate, sentence_candidates
from kg.extract.coref import Coreference, Reference
from kg.extract.mentions import Mention, sentence_mentions, skeleton
from kg.extract.model import encode
from kg.extract.results import result_claims
from kg.extract.rules import Context, RawClaim, sentence_claims
from kg.extract.sanity import plausible
from kg.resolve import DocumentResolver, gazetteer
from kg.resolve.resolver import Resolved
from kg.vocab import EntityType, Kind

#: Competitions that are not a league table: cups, trophies and tournaments.
_NOT_A_LEAGUE = re.compile(
    r"cup|trophy|shield|champions league|euro|conference league|nations league|olymp|final|"
    r"tournament|world",
    re.IGNORECASE,
)


def hint(mention: Mention) -> EntityType:
    """The entity type a mention's label suggests (people for unknown labels)."""
    try:
        return EntityType(mention.label)
    except ValueError:
        return EntityType.PERSON


@dataclass
class SentenceReading:
    """What one sentence holds."""

    offset: int
    sent: Any
    start: int
    text: str
    mentions: list[Mention]
    credited: list[Mention]
    #: Whether the sentence starts inside a quotation opened by an earlier one.
    in_quote: bool = False
    rules: list[RawClaim] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


def _relabel_surnames(found: list[tuple[int, Any, list[Mention]]]) -> None:
    """A one-word "club" the model made of a surname the document spells out in full as a
    person's ("McCann" after "Grant McCann") is that person."""
    surnames = {
        m.text.split()[-1].lower()
        for _, _, ms in found
        for m in ms
        if m.label == "Person" and len(m.text.split()) > 1
    }
    for _, _, ms in found:
        for m in ms:
            if m.label == "Club" and not m.canonical and m.text.strip().lower() in surnames:
                m.label = "Person"


_TITLE_BEFORE = re.compile(
    r"(?:^|[\s,(:])(?P<title>(?:first[- ]team |caretaker |interim |assistant |joint |new )?"
    r"(?:manager|head coach|boss|coach|chairman|chairwoman|chief executive|ceo|owner|president|"
    r"director of football|sporting director|technical director|captain|skipper|goalkeeping coach|"
    r"managerial adviser|first[- ]team coach))\s*,?\s*$",
    re.IGNORECASE,
)
_MANAGING = re.compile(r"manager|head coach|boss|^coach|caretaker|interim", re.IGNORECASE)


def _titled(
    reading: SentenceReading, mentions: list[Mention], focal: Mention | None
) -> list[RawClaim]:
    """Roles given by a title before a name and no team beside it ("Manager Grant McCann",
    "Chairman Phil Wallace said"): at the sentence's only club, else the club the document is
    following. A team right before the title is the appositions' rule's business."""
    clubs = [m for m in mentions if m.label == "Club"]
    club = clubs[0] if len(clubs) == 1 else focal
    if club is None:
        return []
    out = []
    for person in (m for m in mentions if m.label == "Person"):
        before = reading.text[
            max(0, person.start - reading.start - 45) : person.start - reading.start
        ]
        match = _TITLE_BEFORE.search(before)
        if match is None:
            continue
        title_start = person.start - len(before) + match.start("title")
        if any(
            m.label in {"Club", "NationalTeam"} and 0 <= title_start - m.end <= 3 for m in mentions
        ):
            continue
        title = match.group("title").lower()
        if _MANAGING.search(title) and "assistant" not in title:
            predicate = "manages"
        elif title in {"captain", "skipper"}:
            predicate = "plays_for"
        else:
            predicate = "holds_role"
        out.append(RawClaim(Kind.ROLE, predicate, person, club, title, role_title=title, fact=True))
    return out


_IMPLICIT = (
    (
        re.compile(
            r"^\W*(?:\w+\W+){0,3}?(?:was|were|has been|have been|had been|is|will be)\s+"
            r"(?:\w+\s+)?(?:sacked|dismissed|relieved of (?:his|her) duties|axed|fired)\b"
        ),
        Kind.DEPARTURE,
        "sacked_by",
    ),
    (
        re.compile(
            r"^\W*(?:\w+\W+){0,3}?(?:has |have |had )?(?:resigned|stepped down|quit|left the club)\b"
        ),
        Kind.DEPARTURE,
        "resigns_from",
    ),
    (
        re.compile(
            r"^\W*(?:\w+\W+){0,3}?(?:is|are|was) (?:\w+ )?(?:expected|set|poised|due|going) to "
            r"(?:sign|join|complete|be unveiled)\b"
        ),
        Kind.MOVE,
        "joins",
    ),
)


def _implicit(
    reading: SentenceReading, mentions: list[Mention], focal: Mention | None
) -> list[RawClaim]:
    """A person sacked, resigning or expected to sign in a sentence that names no team: the
    club the document is following ("Smith was sacked last night")."""
    if focal is None or any(m.label in {"Club", "NationalTeam"} for m in mentions):
        return []
    out = []
    for person in (m for m in mentions if m.label == "Person"):
        after = reading.text[person.end - reading.start : person.end - reading.start + 80]
        for pattern, kind, predicate in _IMPLICIT:
            if pattern.search(after):
                out.append(RawClaim(kind, predicate, person, focal, after[:40]))
                break
    return out


def quoted(reading: SentenceReading, mention: Mention) -> bool:
    """Whether ``mention`` stands inside quotation marks (its sentence's or one still open)."""
    before = reading.text[: max(0, mention.start - reading.start)]
    curly = before.count("“") - before.count("”")
    if curly > 0 or before.count('"') % 2 == 1:
        return True
    return reading.in_quote and curly == 0 and '"' not in before and "”" not in before


def _reported(credits: list[Mention]) -> bool:
    """Whether a credit is an outlet's or journalist's report (it then runs to the paragraph's
    end; a speaker's credit covers only his own words)."""
    return any(m.label in {"Outlet", "Journalist"} for m in credits)


def _opens_quote(text: str, was_open: bool) -> bool:
    """Whether a quotation is still open after this sentence."""
    opening = text.count("“") + text.count("‘")
    closing = text.count("”") + text.count("’", 0) - text.count("’s")
    straight = text.count('"')
    state = was_open
    if opening or closing:
        state = opening > closing or (was_open and opening == closing)
    if straight % 2 == 1:
        state = not state
    return state


def _rule_feature(claim: RawClaim, candidate: Candidate, direction: str) -> str:
    """The rules' verdict as a feature, in the model's labels."""
    labels = (candidate.first.label, candidate.second.label)
    return "rule=" + encode(claim.kind.value, direction == "f", *labels)


#: Phrases of a club's own statement.
_STATEMENT = re.compile(
    r"\b(?:can confirm|(?:is|are) (?:delighted|pleased|saddened) to announce|has today|"
    r"have today|would like to (?:thank|place on record)|wish(?:es)? (?:him|them) (?:all )?"
    r"(?:the (?:very )?best|well)|relieved of (?:his|their) duties|parted company|"
    r"by mutual consent|the club(?:'s)? board)\b",
    re.IGNORECASE,
)
_SCOTTISH = re.compile(r"\b(?:Scotland|Scottish|SPFL|SPL|Celtic|Hibernian|Hearts|Aberdeen)\b")
_NORTHERN_IRISH = re.compile(
    r"\b(?:Northern Ireland|NIFL|Irish League|Irish Cup|Glentoran|Linfield|Larne|Crusaders|"
    r"Cliftonville|Coleraine|Glenavon|Portadown|Ballymena United|Dungannon Swifts|Carrick Rangers|"
    r"Loughgall)\b"
)


def _bare_premiership(text: str, found: list[tuple[int, Any, list[Mention]]]) -> None:
    """ "Premiership" alone is the Scottish Premiership's alias in the gazetteer, but English
    writing of 1993-2007 called the Premier League so, and Northern Irish writing calls its own
    top flight so: without Scottish context the bare word names the Irish Premiership in a
    document about Northern Irish football, else the Premier League."""
    if _SCOTTISH.search(text):
        return
    meant = "Irish Premiership" if _NORTHERN_IRISH.search(text) else "Premier League"
    for _, _, mentions in found:
        for m in mentions:
            if m.canonical == "Scottish Premiership" and "scottish" not in m.text.lower():
                m.canonical = meant


class DocumentReader:
    """Mentions, references and candidates of one document, with a resolver for its names."""

    def __init__(self) -> None:
        self.resolver = DocumentResolver()
        self._names: dict[tuple[str, str], Resolved] = {}
        #: The club a document reads as the statement of ("... Football Club can confirm that"),
        #: credited with its narrated claims when the document has no outlet.
        self.issuer: str | None = None

    def resolve(self, mention: Mention) -> Resolved:
        """The entity a mention names (memoised per document)."""
        key = (mention.canonical or mention.text, mention.label)
        found = self._names.get(key)
        if found is None:
            found = self.resolver.resolve(key[0], hint(mention))
            self._names[key] = found
        return found

    def read(self, pieces: list[tuple[int, Any]]) -> Iterator[SentenceReading]:
        """The sentences of a parsed document (``(offset, spaCy Doc)`` pieces), in order."""
        sentences = [(offset, sent) for offset, doc in pieces for sent in doc.sents]
        found = [
            (
                offset,
                sent,
                [m for m in sentence_mentions(sent, offset) if plausible(m, sent, offset)],
            )
            for offset, sent in sentences
        ]
        _relabel_surnames(found)
        whole = "".join(doc.text for _, doc in pieces)  # Doc.text rebuilds it: read it once
        _bare_premiership(whole, found)
        self.resolver.observe(
            (m.canonical or m.text, hint(m))
            for _, _, ms in found
            for m in ms
            if m.label in {"Person", "Club"}
        )
        clubs = Counter(self.resolve(m).name for _, _, ms in found for m in ms if m.label == "Club")
        main_club = clubs.most_common(1)[0][0] if clubs else None
        self.issuer = main_club if main_club and _STATEMENT.search(whole) else None
        main = next(
            (
                m
                for _, _, ms in found
                for m in ms
                if main_club and self.resolve(m).name == main_club
            ),
            None,
        )
        credit_of = self._paragraph_credits(whole, found)
        breaks = [end for _, end in cues.paragraphs(whole)]
        carry: list[Mention] = []
        carry_paragraph = -1
        quote_open = False
        coref = Coreference()
        context = Context(league=self._league(found))
        credits = cues.Credits()
        last_club: Mention | None = None
        for offset, sent, mentions in found:
            start = offset + sent.start_char
            text = sent.text
            skel = skeleton(text, start, mentions)
            credited = credits.sentence(skel, mentions) or credit_of.get(start, [])
            paragraph = bisect_right(breaks, start)
            if paragraph != carry_paragraph:
                carry, carry_paragraph, quote_open = [], paragraph, False
            if credited:
                carry = credited
            elif carry and (quote_open or _reported(carry)):
                credited = carry
            in_quote = quote_open
            quote_open = _opens_quote(text, quote_open)
            context.last_person = coref.salient("Person") or context.last_person
            context.last_club = coref.salient("Club") or context.last_club
            references = coref.references(sent, offset, mentions)
            reading = SentenceReading(offset, sent, start, text, mentions, credited, in_quote)
            reading.rules = list(sentence_claims(skel, mentions, context))
            everything = sorted([*mentions, *references], key=lambda m: m.start)
            reading.rules += result_claims(sent, everything, offset)
            names = {id(m): self.resolve(m).name for m in everything}
            focal = last_club or main
            if focal is not None:
                names[id(focal)] = self.resolve(focal).name
            reading.rules += _titled(reading, mentions, main)
            reading.rules += _implicit(reading, everything, focal)
            # "their" beside the team's own name would only pair the same two entities again, on
            # weaker evidence ("want Klopp as their next manager" is no post at Real Madrid)
            paired = [
                m
                for m in everything
                if not (
                    isinstance(m, Reference)
                    and m.sort == "team-pronoun"
                    and any(m.antecedent is n for n in mentions)
                )
            ]
            reading.candidates = sentence_candidates(sent, offset, paired, focal, names)
            self._add_rules(reading)
            for m in everything:
                target = m.antecedent if isinstance(m, Reference) else m
                if target is not None and target.label == "Club":
                    last_club = target
            yield reading

    @staticmethod
    def _paragraph_credits(
        text: str, found: list[tuple[int, Any, list[Mention]]]
    ) -> dict[int, list[Mention]]:
        """Credits that hold for whole paragraphs, by sentence start: a round-up item's bracketed
        outlet at its end ("... (Daily Mail)") and a section header naming an outlet ("THE SUN")
        for every item under it."""
        spans = cues.paragraphs(text)
        out: dict[int, list[Mention]] = {}
        header: Mention | None = None
        index = 0
        for p_start, p_end in spans:
            paragraph = text[p_start:p_end]
            sentences = []
            while index < len(found) and found[index][0] + found[index][1].start_char < p_end:
                offset, sent, mentions = found[index]
                sentences.append((offset + sent.start_char, mentions))
                index += 1
            named = cues.header_credit(paragraph)
            if named is not None and gazetteer().lookup(named, label="Outlet") is not None:
                header = Mention(p_start, p_end, named, "Outlet")
                continue
            credit: Mention | None = None
            trailing = cues.trailing_credit(paragraph)
            if trailing is not None:
                at, name = trailing
                credit = next(
                    (
                        m
                        for _, ms in sentences
                        for m in ms
                        if m.label in {"Outlet", "Journalist"} and m.start >= p_start + at
                    ),
                    Mention(p_start + at, p_start + at + len(name), name, "Outlet"),
                )
            credit = credit or header
            if credit is not None:
                for start, _ in sentences:
                    out[start] = [credit]
        return out

    def _league(self, found: list[tuple[int, Any, list[Mention]]]) -> Mention | None:
        """The league the document follows: its most-named league (not a cup or a tournament),
        first named wins a tie; None when it names no league."""
        leagues: Counter[str] = Counter()
        first: dict[str, Mention] = {}
        for _, _, mentions in found:
            for m in mentions:
                if m.label != "Competition":
                    continue
                name = self.resolve(m).name
                if _NOT_A_LEAGUE.search(name):
                    continue
                leagues[name] += 1
                first.setdefault(name, m)
        if not leagues:
            return None
        return first[max(leagues, key=lambda name: leagues[name])]

    def _add_rules(self, reading: SentenceReading) -> None:
        """The rules' claims as features of the candidates they concern; a rule claim about a pair
        no candidate holds (a reference the rules resolved themselves) becomes a candidate."""
        by_pair = {c.names: c for c in reading.candidates}
        for claim in reading.rules:
            subject = self.resolve(claim.subject).name
            obj = self.resolve(claim.object).name
            forward = by_pair.get((subject, obj))
            backward = by_pair.get((obj, subject))
            if forward is not None:
                forward.rules.append((claim, "f"))
                forward.features.append(_rule_feature(claim, forward, "f"))
            elif backward is not None:
                backward.rules.append((claim, "r"))
                backward.features.append(_rule_feature(claim, backward, "r"))
            elif subject != obj:
                types = f"types={claim.subject.label}>{claim.object.label}"
                candidate = Candidate(
                    claim.subject,
                    claim.object,
                    reading.start,
                    reading.start + len(reading.text),
                    [types, "ruleonly"],
                    claim.cue,
                    names=(subject, obj),
                    rules=[(claim, "f")],
                )
                candidate.features.append(_rule_feature(claim, candidate, "f"))
                reading.candidates.append(candidate)
                by_pair[candidate.names] = candidate
