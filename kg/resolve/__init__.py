"""Entity resolution, kg's one name resolver: the football gazetteer, safe typed name matching,
and the comparison keys every part of kg uses to tell whether two spellings name one thing.

See :mod:`kg.resolve.resolver` for the rules and thresholds, :mod:`kg.resolve.keys` for the keys
and :mod:`kg.resolve.gazetteer` for the data (names, aliases and nicknames). (Deciding claims by
their outcomes is another matter, in :mod:`kg.outcomes`.)
"""

from kg.resolve.gazetteer import Entry, Gazetteer, gazetteer, read_gazetteer
from kg.resolve.keys import name_key
from kg.resolve.resolver import (
    DocumentResolver,
    Resolved,
    credit_source,
    known_entity,
    normalise_name,
    outlet_source,
    resolve_entity,
    same_person,
)

__all__ = [
    "DocumentResolver",
    "Entry",
    "Gazetteer",
    "Resolved",
    "credit_source",
    "gazetteer",
    "known_entity",
    "name_key",
    "normalise_name",
    "outlet_source",
    "read_gazetteer",
    "resolve_entity",
    "same_person",
]
