"""SPARQL over a claim graph: its export loaded into an in-memory pyoxigraph store.

Each claim sits in its own named graph and the ontology in another, with the default graph as
their union, so ``?c kg:predicate/rdfs:subPropertyOf kg:interest`` and ``GRAPH ?g { … }`` both
work. The usual prefixes (``kg:``, ``prov:``, ``person:``, ``club:`` …) are predeclared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Store,
    parse,
    serialize,
)

import ontology
from kg.errors import QueryError
from kg.model import ClaimGraph
from kg.rdf.iri import DEFAULT_BASE
from kg.rdf.triples import prefixes, quads


@dataclass
class SparqlResult:
    """A query's answer: rows for SELECT, a boolean for ASK, Turtle for CONSTRUCT/DESCRIBE."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[NamedNode | Literal | None]] = field(default_factory=list)
    boolean: bool | None = None
    turtle: bytes | None = None


def load_store(graph: ClaimGraph, *, base: str = DEFAULT_BASE) -> Store:
    """An in-memory store holding ``graph`` (a named graph per claim) and the ontology."""
    store = Store()
    store.bulk_extend(quads(graph, base=base, named_graphs=True))
    ontology_graph = NamedNode(ontology.ONTOLOGY_IRI)
    store.bulk_extend(
        Quad(t.subject, t.predicate, t.object, ontology_graph)
        for t in parse(path=ontology.ONTOLOGY_TTL, format=RdfFormat.TURTLE)
        if isinstance(t.graph_name, DefaultGraph)
    )
    return store


#: The pieces of a SPARQL query that can hide a keyword: strings, IRIs and comments.
_TOKEN = re.compile(
    "|".join(
        (
            r"'{3}.*?'{3}",  # long strings
            r'"{3}.*?"{3}',
            r"'(?:[^'\\\n]|\\.)*'",  # short strings
            r'"(?:[^"\\\n]|\\.)*"',
            r"<[^<>\"{}|^`\\\s]*>",  # IRIs
            r"#[^\n]*",  # comments
            r"[?$]\w+",  # variables
            r"(?:[A-Za-z_][\w-]*)?:[\w.-]*",  # prefixed names
            r"[A-Za-z_][\w-]*",  # keywords
            r"\S",
        )
    ),
    re.S,
)


def refuse_remote(query: str, store: Store, names: dict[str, str]) -> None:
    """Raise :class:`QueryError` for a query that would reach outside the local graph: any
    ``SERVICE`` (Oxigraph would send it over HTTP), or a ``FROM`` / ``FROM NAMED`` graph that is
    not one of the graph's own (kg never fetches a graph)."""
    local = {g.value for g in store.named_graphs() if isinstance(g, NamedNode)}
    tokens = [t for t in _TOKEN.findall(query) if not t.startswith("#")]
    for i, token in enumerate(tokens):
        word = token.upper()
        if word == "SERVICE":
            target = tokens[i + 1] if i + 1 < len(tokens) else ""
            if target.upper() == "SILENT" and i + 2 < len(tokens):
                target = tokens[i + 2]
            raise QueryError(
                f"SERVICE {target} refused: kg's SPARQL runs over the local graph only"
            )
        if word == "FROM":
            j = i + 2 if i + 1 < len(tokens) and tokens[i + 1].upper() == "NAMED" else i + 1
            target = tokens[j] if j < len(tokens) else ""
            iri = _iri(target, names)
            if iri not in local:
                raise QueryError(
                    f"FROM {target} refused: not a graph of kg's dataset, and kg's SPARQL "
                    "never fetches one"
                )


def _iri(token: str, names: dict[str, str]) -> str | None:
    """The IRI a ``<…>`` or ``prefix:local`` token names, or None."""
    if token.startswith("<") and token.endswith(">"):
        return token[1:-1]
    prefix, colon, local = token.partition(":")
    if colon and prefix in names:
        return names[prefix] + local
    return None


def run(store: Store, query: str, *, base: str = DEFAULT_BASE) -> SparqlResult:
    """Run one SPARQL query over the local graph only; syntax errors, ``SERVICE`` and remote
    ``FROM`` become :class:`QueryError`."""
    refuse_remote(query, store, prefixes(base))
    try:
        answer = store.query(query, prefixes=prefixes(base), use_default_graph_as_union=True)
    except SyntaxError as exc:
        where, _, expected = str(exc).partition(" expected one of")
        hint = f" expected one of{expected[:80]}…" if expected else ""
        raise QueryError(f"invalid SPARQL: {where.strip()}{hint}") from None
    if isinstance(answer, QueryBoolean):
        return SparqlResult(boolean=bool(answer))
    if isinstance(answer, QuerySolutions):
        columns = [v.value for v in answer.variables]
        rows = []
        for solution in answer:
            row = []
            for name in columns:
                value = solution[name]
                row.append(value if isinstance(value, NamedNode | Literal) else None)
            rows.append(row)
        return SparqlResult(columns=columns, rows=rows)
    return SparqlResult(turtle=serialize(answer, format=RdfFormat.TURTLE, prefixes=prefixes(base)))


def shorten(term: NamedNode | Literal | None, names: dict[str, str]) -> str:
    """A term as a person reads it: ``kg:manages``, ``person:xabi-alonso``, ``2025-04-17``."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        return term.value
    for prefix, namespace in sorted(names.items(), key=lambda kv: -len(kv[1])):
        if term.value.startswith(namespace):
            return f"{prefix}:{term.value[len(namespace) :]}"
    return term.value
