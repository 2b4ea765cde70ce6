"""Modality, attribution and the credit chain of a document.

Modality comes from the words around a claim ("set to" → expected, "could" → rumoured, "played
down" → denied). Attribution comes from in-text credits: "according to X", "X reported/told/
revealed/said", "says X", and echoes ("Sport echoed UOL" → UOL first, Sport after). Sentences that
only point back ("they stated", "the report added", "reportedly") inherit the last credit chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.mentions import Mention
from kg.vocab import Modality

_DENIED = re.compile(
    r"\bden(?:y|ied|ies|ying)\b|played down|plays? down|ruled out|rules? out|no truth|"
    r"dismiss(?:ed|es)? (?:the )?(?:rumours|reports|talk|speculation)|out of the question"
)
_CONFIRMED = re.compile(
    r"\bconfirm|\bannounc|\bofficial|\bcomplet(?:ed|es)\b|\bha(?:ve|s) signed\b|\bsealed\b|\bunveil|"
    r"\bha(?:ve|s) (?:appointed|sacked|parted|agreed|been appointed|been sacked|joined|left)\b|"
    r"\bwas (?:appointed|sacked|named)\b|\bterminated\b"
)
_EXPECTED = re.compile(
    r"\bset to\b|\bexpect|\bwill\b|\bpoised\b|\bclose to\b|\bclosing in\b|\bverge\b|lined up|"
    r"\bin line\b|\blikely\b|\bagreed\b|\bagreement\b|\bprepar|\bgoing to\b|\bwould take\b|"
    r"\bplan(?:s|ning)?\b|\bready to\b|\bset for\b|\bcompleting\b|\bwould\b|\b'll\b|\bto be made\b"
)
_RUMOURED = re.compile(
    r"\bcould\b|\bmight\b|\bmay\b|\bsaid to\b|\blinked\b|\brumou?r|\bspeculat|\bpossible\b|"
    r"\bpotential\b|\bcandidate\b|\bhinted\b|\breportedly\b|\ba target for\b|\beyeing\b"
)
_PLAIN_FACT = re.compile(
    r"'s sacking|\breleased by\b|\bsacked\b|\bleft\b|\bjoined\b|\bsigned\b|\bbeat\b|\bwon\b|"
    r"\bappointed\b|\bresigned\b|\bspent\b"
)


def modality(cue: str, sentence: str, *, fact: bool) -> Modality:
    """How firmly the claim is put, from its own words (``cue``) and its sentence."""
    if fact:
        return Modality.FACT
    if _DENIED.search(sentence):
        return Modality.DENIED
    if _CONFIRMED.search(cue):
        return Modality.CONFIRMED
    if _RUMOURED.search(cue):
        return Modality.RUMOURED
    if _EXPECTED.search(cue):
        return Modality.EXPECTED
    if _PLAIN_FACT.search(cue):
        return Modality.FACT
    return Modality.REPORTED


_SAY = (
    r"(?:reported|reports|revealed|reveals|revealing|said|says|told|tells|claims|claimed|stated|"
    r"stating|added|adds|understands|declared|declares|insists|insisted|confirmed|confirms|"
    r"admitted|admits|hinted|hints|believes|explained|led the way|report|suggests|suggested|writes|"
    r"wrote|disclosed|announced|reporting|claiming|suggesting|says|telling|told|revealing)"
)
_SRC = r"«(?P<l>[SJP])(?P<i>\d+)»"
_ACCORDING = re.compile(
    rf"according to (?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){{0,4}}?(?:from\s+)?{_SRC}"
)
_SUBJECT_SAYS = re.compile(
    rf"{_SRC}(?:'s\s+[a-z]+)?(?:,\s+(?:who|whose)\s+[^«;]*?,)?\s+(?:[a-z]+\s+){{0,3}}?"
    rf"(?:ha[sv]e?\s+)?(?<!is )(?<!are )(?<!was )(?<!were )(?<!be ){_SAY}\b(?! to\b)"
)
_SAYS_OBJECT = re.compile(
    rf"\b(?:says|said|claims|insists|admits)\s+(?P<between>[^«,.]{{0,60}}?){_SRC}"
)
_AGE = re.compile(r"\s*,\s*\d{1,2}\s*(?=,)")
_PRONOUN = re.compile(r"\b(?:he|she|they|it|that|i|we|his|her)\b")
_ECHO = re.compile(rf"(?:{_SRC}|\bthey)\s+(?:[a-z]+\s+)?echo(?:ed|es|ing)\s+(?P<origin>«[SJ]\d+»)")
_POINT_BACK = re.compile(
    r"\bthey (?:stated|reported|said|added|claimed|revealed|claim|say|report|echoed)|"
    r"\bthe (?:report|outlet|newspaper|paper|publication) (?:added|adds|concluded|said|says|"
    r"claims|claimed|stated|reported)|\breportedly\b|\b(?:is|are) said to\b|"
    r"\baccording to (?:the|that|this) report\b|\bit is understood\b|\bthe report\b|"
    r"\b(?:his|her|their) report\b|\bthe (?:outlet|newspaper|paper) (?:also )?(?:claims|says|adds)\b"
)


@dataclass
class Credits:
    """The credit chain in force in a document (origin first, echoes after)."""

    chain: list[Mention] = field(default_factory=list)

    def sentence(self, skeleton: str, mentions: list[Mention]) -> list[Mention]:
        """The credits of one sentence (given its original skeleton); updates the chain."""

        def pick(match: re.Match[str]) -> Mention:
            return mentions[int(match.group("i"))]

        echo = _ECHO.search(skeleton)
        if echo:
            origin = mentions[int(echo.group("origin")[2:-1])]
            echoer = pick(echo) if echo.group("i") else (self.chain[-1] if self.chain else None)
            chain = [origin] + ([echoer] if echoer is not None and echoer is not origin else [])
            self.chain = chain
            return chain
        found: list[tuple[int, Mention]] = []
        skeleton = _AGE.sub("", skeleton)
        for pattern in (_ACCORDING, _SUBJECT_SAYS, _SAYS_OBJECT):
            if pattern is _SAYS_OBJECT and found:
                break  # "X says Y will…": Y is what is said about, not who says it
            for match in pattern.finditer(skeleton):
                between = match.groupdict().get("between")
                if between and _PRONOUN.search(between):
                    continue
                found.append((match.start(), pick(match)))
        if found:
            found.sort(key=lambda item: item[0])
            chain = []
            for _, mention in found:
                if all(mention.text != m.text for m in chain):
                    chain.append(mention)
            if any(m.label in {"Outlet", "Journalist"} for m in chain):
                self.chain = chain
            return chain
        if _POINT_BACK.search(skeleton) and self.chain:
            return list(self.chain)
        return []


#: "(Daily Mail)", "(Times - subscription required)", "(L'Equipe - in French)", and on the BBC's
#: pages "(The Herald), external" (the marker of a link that leaves the site).
_TRAILING = re.compile(
    r"\((?P<name>[^()\n]{2,60}?)(?:\s+-\s+[^()\n]{1,40})?\)(?:,?\s*external)?\s*$", re.I
)
#: Bracketed words that are no credit: a score or a bare number ("(2-1)", "(25)").
_NOT_CREDIT = re.compile(r"^[\d\s.,:%-]+$|\d\s*[-–]\s*\d")
#: A lower-case credit is a web address ("(hitc.com)").
_DOMAIN = re.compile(r"^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$")
_HEADER = re.compile(r"^\s*(?P<name>[A-Z][A-Za-z&'’. ]{1,40}?)\s*:?\s*$")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of ``text``: paragraphs of articles and round-ups."""
    out = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((position, position + len(line)))
        position += len(line) + 1
    return out


def trailing_credit(paragraph: str) -> tuple[int, str] | None:
    """A round-up item's credit in brackets at its end ("... (Daily Mail)"): (offset, name)."""
    match = _TRAILING.search(paragraph)
    if match is None:
        return None
    name = match.group("name").strip()
    if _NOT_CREDIT.search(name) or not (
        name[0].isupper() or name[0].isdigit() or _DOMAIN.match(name)
    ):
        return None
    return match.start("name"), name


def header_credit(paragraph: str) -> str | None:
    """A round-up's section header naming an outlet ("THE SUN", "Daily Mail:"), or None."""
    match = _HEADER.match(paragraph)
    if match is None or len(match.group("name").split()) > 5:
        return None
    name = match.group("name").strip()
    return name if name.isupper() or paragraph.rstrip().endswith(":") else None
