"""Entity resolution: the football gazetteer and safe, typed name matching.

See :mod:`kg.resolve.resolver` for the rules and :mod:`kg.resolve.gazetteer` for the data.
"""

from kg.resolve.gazetteer import Entry, Gazetteer, gazetteer, read_gazetteer
from kg.resolve.resolver import (
    DocumentResolver,
    Resolved,
    credit_source,
    normalise_name,
    outlet_source,
    resolve_entity,
)

__all__ = [
    "DocumentResolver",
    "Entry",
    "Gazetteer",
    "Resolved",
    "credit_source",
    "gazetteer",
    "normalise_name",
    "outlet_source",
    "read_gazetteer",
    "resolve_entity",
]
