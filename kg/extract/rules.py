"""Claim rules over sentence skeletons (see :mod:`kg.extract.mentions`).

Three passes per sentence: (1) references and appositions ("Watford and England midfielder X",
"the Argentina international") give role claims and collapse to the person's placeholder;
(2) lists collapse to one placeholder and fixed constructions are read (bids rejected, "from
Club", "LaLiga leaders Barcelona"); (3) every object is paired with the nearest subject-eligible
mention on its left and the words between them pick the claim kind by trigger phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.extract.mentions import POSITIONS, Mention
from kg.vocab import Kind, TransferType

PH = r"«[A-Z][\d,]+»"
_PH = re.compile(r"«(?P<l>[A-Z])(?P<i>[\d,]+)»")
TEAMS = rf"(?:{PH}(?:'s|')?(?:\s*(?:,|and|&|/)\s*|\s+))*{PH}(?:'s|')?"
_TEAM_PH = re.compile(r"«(?P<l>[CN])(?P<i>[\d,]+)»")
_MODIFIERS = (
    r"(?:(?:\d+-year-old|teenage|young|veteran|experienced|talented|highly-rated|in-form|"
    r"out-of-favour|exciting|promising|prolific|unsettled|former|ex-|ex|record|current|"
    r"under-\d+|u\d+)\s+)*"
)
_APPOS = re.compile(
    rf"(?P<pre>\b(?:former|ex-|ex|then)\s+)?(?P<teams>{TEAMS})\s+{_MODIFIERS}"
    rf"(?:(?P<nat>«N\d+»)\s+)?(?:(?!{POSITIONS}\s)[a-z]+\s+)?(?:(?P<pos>{POSITIONS})\s+)?"
    rf"(?P<person>«P\d+»)"
)
_REVERSE = re.compile(
    rf"(?P<person>«P\d+»)\s*,\s+(?:the\s+)?(?P<teams>{TEAMS})\s+{_MODIFIERS}"
    rf"(?:(?P<nat>«N\d+»)\s+)?(?:[a-z]+\s+)?(?P<pos>{POSITIONS})\b"
)
_REF_PERSON = re.compile(
    rf"\bthe\s+(?P<mods>{_MODIFIERS})(?:(?P<teams>{TEAMS})\s+)?(?:[a-z]+\s+)?"
    rf"(?P<pos>{POSITIONS})\b|\bthe\s+(?P<age>\d+-year-old)\b|\b(?P<pron>him|he)\b"
)
_REF_CLUB = re.compile(
    r"\bthe\s+(?:[a-z-]+\s+){0,3}?(?:club|side|giants|champions|outfit|team)\b(?!\s+(?:captain|boss))"
)
_AS_BOSS = re.compile(r"\bas\s+(?P<club>«C\d+»)(?:'s)?\s+(?P<pos>boss|manager|head coach|coach)\b")
_AGE = re.compile(r"\s*,\s*\d{1,2}\s*(?=[,.;]|\s|$)|\s*\(\d{1,2}\)")
_LIST = re.compile(
    r"«(?P<l>[A-Z])(?P<i>[\d,]+)»(?P<rest>(?:\s*,\s*«(?P=l)[\d,]+»)*\s*,?\s*"
    r"(?:and|or|&|as well as|along with|(?:are |is |have |has )?(?:ahead of|joined))\s+"
    r"(?:also\s+)?«(?P=l)[\d,]+»)"
)
_BID_REJECTED = re.compile(
    r"«C(?P<a>[\d,]+)»[^«]*?\b(?:rejected|rejecting|turned down|rebuffed|knocked back|"
    r"refused|dismissed)\b[^«]*?\b(?:bid|offer|approach|proposal|enquiry)s?\b"
    r"(?:\s+from\s+«C(?P<b>[\d,]+)»)?(?:[^«.;]*?\bfor\s+(?P<p>«P[\d,]+»))?"
    r"(?:\s+from\s+«C(?P<b2>[\d,]+)»)?"
)
_BID_FOR_FROM = re.compile(
    r"\b(?:bid|offer|approach)s?\s+for\s+«P(?P<p>[\d,]+)»\s+from\s+«C(?P<c>[\d,]+)»"
)
_FROM_CLUB = re.compile(
    r"«P(?P<p>[\d,]+)»(?:'s)?(?P<mid>[^«.;]{0,60}?)\b(?:from|on loan at|currently at|at)\s+"
    r"«C(?P<c>[\d,]+)»"
)
_LEADERS = re.compile(
    r"«K(?P<k>\d+)»(?:\s+table)?[^«.;]{0,50}?\b(?:leaders|table-toppers|champions-elect)\s+"
    r"«C(?P<c>[\d,]+)»"
)
#: A title named before its holder: "League Cup holders Rangers", "Premier League champions
#: Liverpool", "Scottish Cup winners Aberdeen".
_TITLE_HOLDERS = re.compile(
    r"«K(?P<k>\d+)»\s+(?P<pos>champions|holders|winners|title-holders|runners-up)\s+"
    r"«C(?P<c>[\d,]+)»"
)
_LEADS = re.compile(
    r"«C(?P<c>[\d,]+)»\s+(?:lead|leads|top|tops|are top of)\s+(?:the\s+)?«K(?P<k>\d+)»"
)
_ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty-\w+|\d{1,2}(?:st|nd|rd|th)"
)
#: A stated table position: "Everton finished fourth in the Premier League", "Barrow sit bottom
#: of League Two", "Falkirk climbed to second in the Championship".
_RANKS = re.compile(
    r"«C(?P<c>[\d,]+)»(?:'s?)?[^«.;]{0,40}?\b(?:finish(?:ed|es|ing)?|sit|sits|sat|sitting|lie|"
    r"lies|lying|lay|are|is|were|was|stay|stays|stayed|remain|remains|remained|climb(?:ed|s)?|"
    r"mov(?:e|ed|es|ing)|rose|drop(?:ped|s)?|fell|slip(?:ped|s)?|end(?:ed|s)?|went|placed)\s+"
    r"(?:up\s+|down\s+|back\s+)?(?:to\s+|into\s+)?(?:the\s+)?"
    rf"(?P<pos>top|bottom|last|runners-up|mid-table|(?:top|bottom) (?:two|three|four|five|six|half)|"
    rf"{_ORDINALS})(?:\s+(?:place|spot|position))?\s+(?:of|in)\s+(?:the\s+)?(?:«N\d+»'s?\s+)?"
    r"«K(?P<k>\d+)»"
)
_POSITION = (
    rf"(?P<pos>top|bottom|last|runners-up|mid-table|(?:top|bottom) (?:two|three|four|five|six|half)|"
    rf"second-bottom|third-bottom|{_ORDINALS})"
)
#: A table position stated without its table ("Caernarfon drop to fifth", "Briton Ferry sit
#: 10th", "sixth-placed Plymouth", "Aberystwyth are bottom of the table"): the table is the
#: league the document follows (:attr:`Context.league`).
_RANKS_BARE = (
    re.compile(
        r"«C(?P<c>[\d,]+)»(?:'s?)?(?:\s+(?:side|team|men))?,?(?:\s+(?:who|which))?\s+(?:are\s+|were\s+|have\s+)?"
        r"(?:now\s+|currently\s+|still\s+|back\s+)?(?:finish(?:ed|es)?|sit|sits|sat|lie|lies|lay|"
        r"are|is|were|was|stay|stays|stayed|remain|remains|remained|climb(?:ed|s)?|mov(?:e|ed|es)|"
        r"rose|rise|rises|drop(?:ped|s)?|fell|fall|falls|slip(?:ped|s)?|end(?:ed|s)?|went|go|goes)\s+"
        r"(?:up\s+|down\s+|back\s+)?(?:to\s+|into\s+|in\s+)?(?:the\s+)?(?:joint[- ])?"
        rf"{_POSITION}(?:\s+(?:place|spot|position))?"
        r"(?=\s*(?:[,.;]|$|\s+(?:in|of|on|with|after|behind|ahead|above|below|and|but|at|,)\b))"
    ),
    re.compile(rf"\b{_POSITION}[- ]placed\s+«C(?P<c>[\d,]+)»", re.IGNORECASE),
)
#: A person with his team in brackets, as squad lists print them: "Given (Newcastle), Kenny
#: (Sheffield United)", "Marc Guehi (England)". In a transfer window's list the bracket is where
#: he came from ("In: X (Y)") or went ("Out: X (Y)", "Loan out: X (Y - loan)").
_BRACKETED = re.compile(
    r"«P(?P<p>\d+)»\s*\(\s*«(?:C|N)(?P<c>\d+)»\s*(?P<loan>[-–]\s*(?:on\s+)?loan)?[^()«]{0,12}\)"
)
_WINDOW_LIST = re.compile(r"^\W*(?P<side>(?:loan\s+)?(?:in|out)|loans?\s+(?:in|out))\s*:", re.I)
#: A score line between two teams: "Chelsea 3-0 Portsmouth", "Ireland 1 - 1 France".
_SCORE_LINE = re.compile(
    r"«(?P<la>[CN])(?P<a>\d+)»\s+(?P<x>\d{1,2})\s*[-–]\s*(?P<y>\d{1,2})\s+«(?P<lb>[CN])(?P<b>\d+)»"
)
_THUMPING = re.compile(
    r"«C(?P<loser>[\d,]+)»[^«]*?\b(?:bounced out|knocked out|eliminated|beaten|thrashed)\b[^«]*?"
    r"«K\d+»?[^«]*?(?:with\s+)?«C(?P<winner>[\d,]+)»"
)


@dataclass
class RawClaim:
    """A claim found in one sentence, before resolution: mentions, kind and the words used."""

    kind: Kind
    predicate: str
    subject: Mention
    object: Mention
    cue: str
    role_title: str | None = None
    transfer_type: TransferType | None = None
    fact: bool = False
    negated: bool = False
    #: A role or event of the past ("former Wales captain", "then Aberdeen manager").
    past: bool = False


@dataclass
class Context:
    """What a document has named so far, for references across sentences."""

    last_person: Mention | None = None
    last_club: Mention | None = None
    #: The league the document follows (its most-named league), for positions stated bare.
    league: Mention | None = None


@dataclass
class _State:
    skeleton: str
    mentions: list[Mention]
    context: Context
    claims: list[RawClaim] = field(default_factory=list)

    def add(self, mention: Mention) -> str:
        self.mentions.append(mention)
        return f"«{mention.letter}{len(self.mentions) - 1}»"

    def each(self, indices: str) -> list[Mention]:
        return [self.mentions[int(i)] for i in indices.split(",") if i]

    def last_before(self, position: int, letters: str) -> Mention | None:
        found = None
        for m in _PH.finditer(self.skeleton, 0, position):
            if m.group("l") in letters:
                found = self.mentions[int(m.group("i").split(",")[-1])]
        if found is None:
            return self.context.last_person if "P" in letters else self.context.last_club
        return found


def _role(pos: str | None) -> tuple[str, str | None]:
    """The role predicate and title a position word implies."""
    pos = (pos or "").strip()
    if pos in {
        "boss",
        "manager",
        "head coach",
        "coach",
        "interim manager",
        "interim boss",
        "caretaker manager",
        "caretaker boss",
    }:
        return "manages", "head coach" if pos in {"boss", "manager", "head coach", "coach"} else pos
    if pos in {
        "chairman",
        "president",
        "owner",
        "chief executive",
        "sporting director",
        "director of football",
        "technical director",
        "assistant manager",
        "assistant",
    }:
        return "holds_role", pos
    if pos in {"captain", "skipper"}:
        return "plays_for", "captain"
    return "plays_for", None


def _role_claims(
    state: _State, person: Mention, teams: str, pos: str | None, cue: str, *, past: bool = False
) -> None:
    predicate, title = _role(pos)
    for team in _TEAM_PH.finditer(teams):
        for mention in state.each(team.group("i")):
            if mention is person:
                continue
            pred = "plays_for" if mention.label == "NationalTeam" else predicate
            state.claims.append(
                RawClaim(
                    Kind.ROLE, pred, person, mention, cue, role_title=title, fact=True, past=past
                )
            )


def _references(state: _State) -> None:
    """Replace "the 23-year-old", "the Argentina international", "him" and "the club"."""

    def person(match: re.Match[str]) -> str:
        target = state.last_before(match.start(), "P")
        if target is None:
            return match.group()
        teams = match.group("teams")
        mods = match.group("mods") or ""
        if teams:
            past = "former" in mods or "ex" in mods
            _role_claims(state, target, teams, match.group("pos"), match.group(), past=past)
        return state.add(target)

    state.skeleton = _REF_PERSON.sub(person, state.skeleton)

    def club(match: re.Match[str]) -> str:
        target = state.last_before(match.start(), "C")
        return state.add(target) if target is not None else match.group()

    state.skeleton = _REF_CLUB.sub(club, state.skeleton)


def _appositions(state: _State) -> None:
    state.skeleton = _AGE.sub("", state.skeleton)

    def forward(match: re.Match[str]) -> str:
        person = state.each(match.group("person")[2:-1])[0]
        if match.group("pos") is None and not re.search(r"'s?\s*$", match.group("teams")):
            return match.group()
        teams = match.group("teams") + (" " + match.group("nat") if match.group("nat") else "")
        past = bool(match.group("pre"))
        _role_claims(state, person, teams, match.group("pos"), match.group(), past=past)
        return match.group("person")

    for _ in range(2):
        state.skeleton = _APPOS.sub(forward, state.skeleton)

    def reverse(match: re.Match[str]) -> str:
        person = state.each(match.group("person")[2:-1])[0]
        teams = match.group("teams") + (" " + match.group("nat") if match.group("nat") else "")
        _role_claims(state, person, teams, match.group("pos"), match.group())
        return match.group("person")

    state.skeleton = _REVERSE.sub(reverse, state.skeleton)
    for match in _AS_BOSS.finditer(state.skeleton):
        target = state.last_before(match.start(), "P")
        if target is not None:
            past = bool(re.search(r"\b(?:former|then)\s*$", state.skeleton[: match.start()]))
            _role_claims(
                state, target, match.group("club"), match.group("pos"), match.group(), past=past
            )


def _lists(state: _State) -> None:
    def merge(match: re.Match[str]) -> str:
        indices = [m.group("i") for m in _PH.finditer(match.group())]
        return f"«{match.group('l')}{','.join(indices)}»"

    for _ in range(3):
        state.skeleton = _LIST.sub(merge, state.skeleton)


def _bid_summary(m: re.Match[str]) -> str:
    """A rejected bid, once read, without its "for Player" part (already claimed)."""
    bidder = m.group("b") or m.group("b2")
    return f"«C{m.group('a')}» rejected a bid from «C{bidder}»" if bidder else m.group()


_BEATING_TO = re.compile(
    r"«C(?P<a>[\d,]+)»(?P<mid>[^«]*?)\bbeat(?:ing|en)?\s+«C(?P<b>[\d,]+)»\s+to\s+(?:the\s+)?"
    r"(?:signing|signature)(?:\s+of)?"
)


_MANAGERS_TEAM = re.compile(
    r"«P(?P<p>[\d,]+)»(?:'s|') «C(?P<c>[\d,]+)»"
    r"(?! (?:debut|career|contract|exit|move|departure|switch|transfer|spell|days))"
)


def _rank(state: _State, clubs: str, position: str, table: Mention, cue: str) -> None:
    """Each club's place in ``table``: top is a lead, any other place a rank titled with it."""
    position = position.lower()
    predicate = "leads" if position in {"top", "first", "1st"} else "ranks_in"
    title = None if predicate == "leads" else position
    for c in state.each(clubs):
        state.claims.append(
            RawClaim(Kind.RESULT, predicate, c, table, cue, role_title=title, fact=True)
        )


def _bracketed(state: _State, sk: str) -> None:
    """Players with their team in brackets (:data:`_BRACKETED`), read by the list they are in."""
    listed = _WINDOW_LIST.match(sk)
    side = " ".join(listed.group("side").lower().split()) if listed else None
    for m in _BRACKETED.finditer(sk):
        for p in state.each(m.group("p")):
            for c in state.each(m.group("c")):
                if side is None:
                    claim = RawClaim(Kind.ROLE, "plays_for", p, c, m.group(), fact=True)
                elif side.endswith("out") and (m.group("loan") or side.startswith("loan")):
                    claim = RawClaim(Kind.MOVE, "loaned_to", p, c, m.group(), fact=True)
                elif side.endswith("out"):
                    claim = RawClaim(Kind.MOVE, "joins", p, c, m.group(), fact=True)
                elif side.startswith("loan") or m.group("loan"):  # loaned in: Y is his club
                    claim = RawClaim(Kind.ROLE, "plays_for", p, c, m.group(), fact=True)
                else:  # "In: X (Y)": he came from Y
                    claim = RawClaim(Kind.ROLE, "plays_for", p, c, m.group(), fact=True, past=True)
                state.claims.append(claim)


def _fixed(state: _State) -> None:
    """Constructions read as a whole: rejected bids, bids from a club, leaders, results, a
    manager's team ("Liam Rosenior's Strasbourg")."""
    for m in _MANAGERS_TEAM.finditer(state.skeleton):
        for p in state.each(m.group("p")):
            for c in state.each(m.group("c")):
                state.claims.append(RawClaim(Kind.ROLE, "manages", p, c, m.group(), fact=True))
    state.skeleton = _BEATING_TO.sub(
        lambda m: f"«C{m.group('a')},{m.group('b')}»{m.group('mid')} in the race to sign",
        state.skeleton,
    )
    sk = state.skeleton
    for m in list(_BID_REJECTED.finditer(sk)):
        bidder = m.group("b") or m.group("b2")
        for rejecter in state.each(m.group("a")):
            for b in state.each(bidder or ""):
                state.claims.append(RawClaim(Kind.REJECTION, "rejects", rejecter, b, m.group()))
        if bidder and m.group("p"):
            for b in state.each(bidder):
                for p in state.each(m.group("p")[2:-1]):
                    state.claims.append(RawClaim(Kind.INTEREST, "bids_for", b, p, m.group()))
    state.skeleton = sk = _BID_REJECTED.sub(_bid_summary, sk)
    for m in _BID_FOR_FROM.finditer(sk):
        for b in state.each(m.group("c")):
            for p in state.each(m.group("p")):
                state.claims.append(RawClaim(Kind.INTEREST, "bids_for", b, p, m.group()))
    state.skeleton = sk = _BID_FOR_FROM.sub(lambda m: f"bid for «P{m.group('p')}»", sk)
    for m in _FROM_CLUB.finditer(sk):
        if re.search(r"\b(?:move|transfer|switch|loan)\b.*\bfrom\b", m.group()) or re.search(
            r"\b(?:release|released|sacked|left|leaving)\b", m.group("mid")
        ):
            continue
        for p in state.each(m.group("p")):
            for c in state.each(m.group("c")):
                state.claims.append(RawClaim(Kind.ROLE, "plays_for", p, c, m.group(), fact=True))
    for m in list(_LEADERS.finditer(sk)) + list(_LEADS.finditer(sk)):
        for c in state.each(m.group("c")):
            for k in state.each(m.group("k")):
                state.claims.append(RawClaim(Kind.RESULT, "leads", c, k, m.group(), fact=True))
    if state.context.league is not None and "«K" not in sk:
        for pattern in _RANKS_BARE:
            for m in pattern.finditer(sk):
                _rank(state, m.group("c"), m.group("pos"), state.context.league, m.group())
    _bracketed(state, sk)
    for m in _TITLE_HOLDERS.finditer(sk):
        for k in state.each(m.group("k")):
            _rank(state, m.group("c"), m.group("pos"), k, m.group())
    for m in _RANKS.finditer(sk):
        for k in state.each(m.group("k")):
            _rank(state, m.group("c"), m.group("pos"), k, m.group())
    for m in _SCORE_LINE.finditer(sk):
        home, away = int(m.group("x")), int(m.group("y"))
        first, second = (
            (m.group("a"), m.group("b")) if home >= away else (m.group("b"), m.group("a"))
        )
        predicate = "draws_with" if home == away else "beats"
        for w in state.each(first):
            for other in state.each(second):
                state.claims.append(
                    RawClaim(Kind.RESULT, predicate, w, other, m.group(), fact=True)
                )
    for m in _THUMPING.finditer(sk):
        for w in state.each(m.group("winner")):
            for loser in state.each(m.group("loser")):
                state.claims.append(RawClaim(Kind.RESULT, "beats", w, loser, m.group(), fact=True))


# Pair rules: (subject letters, object letters, trigger, kind, predicate, swap). The first rule
# whose letters fit and whose trigger occurs between subject and object decides the claim.
_T = tuple[str, str, str, Kind, str, bool]
_PAIR_RULES: tuple[_T, ...] = (
    # a person turning a club down
    ("P", "C", r"turn(?:ed|s)? down|reject|snub|rebuff", Kind.REJECTION, "rejects", False),
    # careers: appearances, spells and stints ("made 13 appearances for Exeter")
    (
        "P",
        "CN",
        r"\bappearances? for\b|\bspells? (?:with|at)\b|\byears at\b|\btime at\b|\bcareer at\b|"
        r"\bstints? (?:with|at)\b|\bplayed for\b|\bplaying for\b|\bcaps? for\b|\bscored\b.*\bfor\b|"
        r"\bwas with\b|\bcaptain(?:ed|s)?\b|\bdebut for\b|\bgoals? for\b",
        Kind.ROLE,
        "plays_for",
        False,
    ),
    (
        "P",
        "CNO",
        r"\bworked at\b|\bcoach(?:ed)? at\b|\bin charge of\b|\bmanaged\b|\bmanager of\b|"
        r"\bboss of\b|\bhis side\b|\bher side\b|'s? side\b",
        Kind.ROLE,
        "manages",
        False,
    ),
    # a post held ("his role as Head of Global Soccer with Red Bull")
    (
        "P",
        "CO",
        r"\b(?:role|position|post|job) as\b|\bwork(?:s|ing)? (?:as|for)\b|\bin charge (?:of|at)\b",
        Kind.ROLE,
        "holds_role",
        False,
    ),
    # contracts
    (
        "P",
        "C",
        r"new (?:\S+ )?(?:deal|contract)|extension|extend|renew|contract talks|talks over a new",
        Kind.CONTRACT,
        "extends_contract",
        False,
    ),
    (
        "C",
        "P",
        r"new (?:\S+ )?(?:deal|contract)|extension|extend (?:his|the)|renew|contract talks",
        Kind.CONTRACT,
        "extends_contract",
        True,
    ),
    # departures
    ("C", "P", r"\bsack|relieve|dismiss|\bfire\b|\baxe", Kind.DEPARTURE, "sacked_by", True),
    (
        "C",
        "P",
        r"\bsell|offload|let\b.*\bleave|loan out|release|transfer.list|make available|"
        r"made available|cash in|listen to offers|accept offers|part(?:ed|s|ing)? (?:ways|company)|"
        r"willing to let",
        Kind.DEPARTURE,
        "leaves",
        True,
    ),
    ("P", "C", r"(?:sacked|dismissed|axed|fired) by", Kind.DEPARTURE, "sacked_by", False),
    ("P", "C", r"resign|step(?:ped)? down", Kind.DEPARTURE, "resigns_from", False),
    (
        "P",
        "C",
        r"\bleav|\bleft\b|\bexit|depart|move on from|moving on from|walk out|part(?:ed|s|ing)? ways|quit|"
        r"released by|listed by|sold by|offered by|free to leave|end his .* stay|let go by",
        Kind.DEPARTURE,
        "leaves",
        False,
    ),
    # moves
    (
        "C",
        "P",
        r"appoint|hire|name[sd]? .*(?:manager|coach|boss)|unveil|install",
        Kind.MOVE,
        "appointed_by",
        True,
    ),
    (
        "C",
        "P",
        r"ha(?:ve|s) signed|\bsigned\b|complet\w* the signing|set to sign|close to signing|"
        r"closing in on|verge of signing|agreed (?:a |an )?(?:deal|terms|fee|agreement)|"
        r"reached (?:a |an )?(?:\S+ )?agreement|will sign|secure the signing|win the race",
        Kind.MOVE,
        "joins",
        True,
    ),
    (
        "P",
        "CN",
        r"take (?:over|the reins|charge)|become .*(?:manager|coach|boss)|\bappointed|replac|"
        r"\bjob\b",
        Kind.MOVE,
        "appointed_by",
        False,
    ),
    # interest, the wanting person first
    (
        "P",
        "C",
        r"open to|wants? to (?:join|move|play)|keen (?:on|to)|would (?:only )?(?:leave|join)|"
        r"willing to|dream|prefer|favour",
        Kind.INTEREST,
        "open_to",
        False,
    ),
    (
        "P",
        "C",
        r"\bjoin|move to|moving to|move back to|switch to|sign for|signing for|head(?:ing|s)? to|"
        r"arrive at|return to|rejoin|on loan to|loan move to|loan to|transfer to|moves to|"
        r"destination|become an? .*player|linked with|set for|close to|to sign|"
        r"complet\w* (?:his|a|the) move|bound for",
        Kind.MOVE,
        "joins",
        False,
    ),
    # interest, the wanted person first
    (
        "P",
        "CN",
        r"target for|interest from|interest of|wanted by|talks with|negotiations with|"
        r"on the radar|shortlist|attract|alternative|emerged as|linked|offered to|chased by|"
        r"monitored by|tracked by|scouted by|courted by",
        Kind.INTEREST,
        "targets",
        True,
    ),
    # interest, the wanting club first
    ("C", "P", r"\bbid|\boffer", Kind.INTEREST, "bids_for", False),
    ("C", "P", r"approach|contact|speak to|talk to|meet", Kind.INTEREST, "approaches", False),
    ("C", "P", r"monitor|track|watch|scout|keep(?:ing)? tabs", Kind.INTEREST, "monitors", False),
    ("C", "P", r"consider|weigh|mull|\bview|alternative", Kind.INTEREST, "considers", False),
    (
        "C",
        "P",
        r"interest|want|target|keen|\beye|pursu|race|move for|swoop|chas|admire|plot|talks|"
        r"negotiat|discussions|enquir|working on|push for|step(?:ped|s)? up|hijack|prepar|"
        r"lin(?:e|ing) up|lined up|dream|sights|shortlist|look(?:ing)? at|tempt|lure|launch|"
        r"attention|turn(?:ed|s)? to|\bsign",
        Kind.INTEREST,
        "targets",
        False,
    ),
    # results
    (
        "C",
        "C",
        r"\bbeat|\bwon\b|thrash|defeat|hammer|thump|edg(?:e[sd]?|ing) past|knock(?:ed)? out|"
        r"(?:victory|win|triumph) over|\bs(?:aw|ee|ees|eeing) off",
        Kind.RESULT,
        "beats",
        False,
    ),
    ("C", "C", r"\bdrew\b|\bdraw\b", Kind.RESULT, "draws_with", False),
)
_COMPILED = [(s, o, re.compile(t), k, p, w) for s, o, t, k, p, w in _PAIR_RULES]
#: The pair rules' compiled triggers, for the claim model's features.
TRIGGERS = tuple(_COMPILED)
_OBLIQUE = re.compile(
    r"(?:\b(?:with|from|of|to|at|by|against|for|over|than|in|on|into|after|ahead of|like)|'s)\s*$"
)
_CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:but|while|whereas|although|though)\b|, (?:who|which|whose)\b"
)
_LEADING_RELATIVE = re.compile(r"^\s*,?\s*(?:who|which)\b")
_LOAN = re.compile(r"\bloan")
_FREE = re.compile(r"\bfree (?:transfer|agent|agency)|\bon a free\b|\bfor free\b")


def _subjects_before(state: _State, position: int) -> list[re.Match[str]]:
    """Subject-eligible placeholders left of ``position`` (not after a preposition), nearest
    first, then the placeholder right before the object even if it is oblique."""
    eligible = []
    previous = None
    for m in _PH.finditer(state.skeleton, 0, position):
        previous = m
        before = state.skeleton[max(0, m.start() - 14) : m.start()]
        if not _OBLIQUE.search(before):
            eligible.append(m)
    found = eligible[::-1][:3]
    if previous is not None and all(previous.start() != m.start() for m in found):
        found.insert(1, previous)
    return found


def _pairs(state: _State) -> None:
    sk = state.skeleton
    for obj in _PH.finditer(sk):
        for s in _subjects_before(state, obj.start()):
            mid = sk[s.end() : obj.start()]
            if _CLAUSE_BREAK.search(_LEADING_RELATIVE.sub("", mid)) or len(mid) > 160:
                continue
            tail = sk[obj.end() : obj.end() + 40]
            if _classify(state, s, obj, mid, tail):
                break


def _classify(state: _State, s: re.Match[str], o: re.Match[str], mid: str, tail: str) -> bool:
    """Pick the claim for one subject-object pair: triggers nearest the object are tried first."""
    placeholders = list(_PH.finditer(mid))
    last = placeholders[-1] if placeholders else None
    if last is not None and _try(state, s, o, _PH.sub(" ", mid[last.end() :]), mid, tail):
        return True
    return _try(state, s, o, _PH.sub(" ", mid), mid, tail)


def _try(
    state: _State, s: re.Match[str], o: re.Match[str], words: str, mid: str, tail: str
) -> bool:
    fitting = []
    for order, (s_letters, o_letters, trigger, kind, predicate, swap) in enumerate(_COMPILED):
        if s.group("l") not in s_letters or o.group("l") not in o_letters:
            continue
        hits = list(trigger.finditer(words))
        if hits:
            fitting.append((hits[-1].end(), -order, hits[-1], kind, predicate, swap))
    # A departure trigger followed by a move's ("leave his post to take over at X") loses to
    # the move: the trigger nearest the object decides, then the rules' order.
    for _, _, found, kind, predicate, swap in sorted(fitting, key=lambda f: f[:2], reverse=True)[
        :1
    ]:
        negated = bool(re.search(r"\b(?:not|n't|no longer|never)\b", words[: found.start()][-30:]))
        for a in state.each(s.group("i")):
            for b in state.each(o.group("i")):
                subject, obj = (b, a) if swap else (a, b)
                if subject is obj or subject.label == "NationalTeam":
                    continue
                claim = RawClaim(
                    kind,
                    predicate,
                    subject,
                    obj,
                    mid + " " + tail,
                    negated=negated,
                    fact=kind is Kind.RESULT,
                )
                if kind is Kind.MOVE and predicate == "joins":
                    if _LOAN.search(mid + tail):
                        claim.predicate, claim.transfer_type = "loaned_to", TransferType.LOAN
                    elif _FREE.search(mid + tail):
                        claim.transfer_type = TransferType.FREE
                    if re.search(r"\breturn|\brejoin|move back", words):
                        claim.predicate = "returns_to"
                state.claims.append(claim)
        return True
    return False


def _not_also(state: _State) -> None:
    """ "appoint X and not Y": the same claim about Y, negated."""
    for m in re.finditer(
        r"«P(?P<a>[\d,]+)»\s*,?\s*(?:and|but)\s+not\s+«P(?P<b>[\d,]+)»", state.skeleton
    ):
        yes = state.each(m.group("a"))
        no = state.each(m.group("b"))
        state.claims = [
            c
            for c in state.claims
            if c.negated or not any(c.subject is n or c.object is n for n in no)
        ]
        for claim in list(state.claims):
            for y in yes:
                for n in no:
                    if claim.subject is y:
                        state.claims.append(_replace(claim, subject=n, negated=True))
                    elif claim.object is y:
                        state.claims.append(_replace(claim, object=n, negated=True))


def _replace(claim: RawClaim, **changes: object) -> RawClaim:
    from dataclasses import replace

    return replace(claim, **changes)  # type: ignore[arg-type]


def sentence_claims(skeleton: str, mentions: list[Mention], context: Context) -> Iterator[RawClaim]:
    """All raw claims of one sentence; updates ``context`` with the people and clubs it names."""
    state = _State(skeleton, list(mentions), context)
    _appositions(state)
    _references(state)
    _appositions(state)
    _fixed(state)
    _lists(state)
    _pairs(state)
    _not_also(state)
    seen: set[tuple[str, int, int, bool]] = set()
    for claim in state.claims:
        key = (claim.predicate, claim.subject.start, claim.object.start, claim.negated)
        if key not in seen:
            seen.add(key)
            yield claim
    for m in state.mentions[: len(mentions)]:
        if m.label == "Person":
            context.last_person = m
        elif m.label == "Club":
            context.last_club = m
