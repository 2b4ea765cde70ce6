"""How much one input may hold: the limits every reader checks before the data grows.

One place for them, so that a hostile file (a 5,000-level nest, an alias bomb, a 17 MB field)
costs a one-line refusal instead of memory and time, and nothing too large for a Bolt message
(16 MiB) ever reaches the database. Many records of one document may pass that limit together:
the store sends them in batches that each fit a message (kg/store/messages.py).
"""

from __future__ import annotations

import reprlib

#: Characters in one CSV/TSV field; a rumour's text may be a whole article (cut afterwards to
#: the document cap of loaders/_prose.py, with the cut reported).
MAX_FIELD_CHARS = 1_100_000
#: Characters in one record (a CSV row, a JSON Lines line, a YAML or JSON list item). A UTF-8
#: character is at most 4 bytes, so a record stays far below Bolt's 16 MiB message limit.
MAX_RECORD_CHARS = 2_000_000
#: Characters in one claim record's text fields together (names, qualifiers, evidence, note):
#: at most 4 MB of UTF-8, so one record always fits a Bolt message.
MAX_CLAIM_CHARS = 1_000_000
#: Nesting of lists and mappings inside one record (a claim record needs 3).
MAX_DEPTH = 32
#: Values one YAML record may expand to once aliases are followed (a claim record has ~40).
MAX_YAML_VALUES = 10_000
#: Characters of a rejected value quoted in an error line.
SHOWN_CHARS = 60

_SHORT = reprlib.Repr()
_SHORT.maxstring = SHOWN_CHARS
_SHORT.maxother = SHOWN_CHARS
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxtuple = _SHORT.maxset = 4
_SHORT.maxlevel = 2


def shown(value: object) -> str:
    """``repr(value)`` cut short, for error lines: a rejected value is quoted, never dumped.

    >>> print(shown("x" * 100))
    'xxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxx'
    >>> len(shown(["y" * 10**6] * 10**6)) < 300
    True
    >>> shown([[1, 2], [3, [4, [5]]]])
    '[[1, 2], [3, [...]]]'
    """
    return _SHORT.repr(value)
