"""Every Cypher statement kg runs, named and parameterised, in one dialect (Neo4j 5).

Values always travel as parameters. The only things spliced into a statement are node labels and
relationship types, and only from the allow-lists in :mod:`kg.vocab` (checked by :func:`label`
and :func:`rel_type`), because Cypher cannot take those as parameters.
"""

from __future__ import annotations

from kg.vocab import LABELS, REL_TYPES

#: Uniqueness constraints (one per node kind) and lookup indexes on names, all idempotent.
SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT kg_source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT kg_document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT kg_claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE",
    # what everyday queries start from: (:Person {name: "Xabi Alonso"}), (:Source {name: "UOL"})
    "CREATE INDEX kg_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    "CREATE INDEX kg_source_name IF NOT EXISTS FOR (n:Source) ON (n.name)",
)

#: Full-text indexes, for servers that have them (Neo4j; ArcadeDB's Cypher has no such DDL):
#: names and aliases of entities and sources, and the evidence sentences of claims. Created one
#: by one after :data:`SCHEMA`; a server that refuses the first is taken not to have them.
#: Queried with ``CALL db.index.fulltext.queryNodes(FULLTEXT_NAMES, "alonso~")``.
FULLTEXT_NAMES = "kg_names"
FULLTEXT_EVIDENCE = "kg_evidence"
FULLTEXT_SCHEMA: tuple[str, ...] = (
    f"CREATE FULLTEXT INDEX {FULLTEXT_NAMES} IF NOT EXISTS "
    "FOR (n:Entity|Source) ON EACH [n.name, n.aliases]",
    f"CREATE FULLTEXT INDEX {FULLTEXT_EVIDENCE} IF NOT EXISTS FOR (n:Claim) ON EACH [n.evidence]",
)


def label(name: str) -> str:
    """A node label from the allow-list, backquoted for splicing."""
    if name not in LABELS:
        raise ValueError(f"label {name!r} is not in kg's allow-list")
    return f"`{name}`"


def rel_type(name: str) -> str:
    """A relationship type from the allow-list, backquoted for splicing."""
    if name not in REL_TYPES:
        raise ValueError(f"relationship type {name!r} is not in kg's allow-list")
    return f"`{name}`"


# -- writes: lookups, refreshes and CREATEs over UNWIND $rows batches --------------------------------


#: Which of the given entity (source) ids are stored already. Entities and sources are looked up by
#: their one shared label, never by two: ArcadeDB answers ``(n:Entity:Person {id: …})`` (as a MATCH
#: or a MERGE) by scanning every node of the type, which made loading 100k claims quadratic, while
#: ``(n:Entity {id: …})`` uses the uniqueness constraint's index.
EXISTING_ENTITIES = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id"
EXISTING_SOURCES = "UNWIND $ids AS id MATCH (n:Source {id: id}) RETURN n.id AS id"

#: Stored entities and sources get their properties refreshed (``$rows``: ``{id, props}``).
REFRESH_ENTITIES = "UNWIND $rows AS r MATCH (n:Entity {id: r.id}) SET n += r.props"
REFRESH_SOURCES = "UNWIND $rows AS r MATCH (n:Source {id: r.id}) SET n += r.props"


def create_entities(type_label: str) -> str:
    """New entities of one type; ``$rows``: ``{id, props}``.

    Both labels are given at creation: an id already implies its type (``person:…``), and adding
    a label afterwards makes ArcadeDB re-create the node, which trips the uniqueness constraint.
    """
    return f"UNWIND $rows AS r CREATE (n:Entity:{label(type_label)} {{id: r.id}}) SET n += r.props"


def create_sources(type_label: str) -> str:
    """New sources of one type; ``$rows``: ``{id, props}``."""
    return f"UNWIND $rows AS r CREATE (n:Source:{label(type_label)} {{id: r.id}}) SET n += r.props"


MERGE_DOCUMENTS = "UNWIND $rows AS r MERGE (d:Document {id: r.id}) SET d += r.props"

#: Which of the given document ids are stored already.
EXISTING_DOCUMENTS = "UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id"

#: The publisher link of a new document (CREATE, for the reason given at create_claims).
CREATE_PUBLISHERS = (
    "UNWIND $rows AS r MATCH (d:Document {id: r.document}) MATCH (s:Source {id: r.source}) "
    "CREATE (d)-[:PUBLISHED_BY]->(s)"
)

#: Which of the given claim ids are stored already.
EXISTING_CLAIMS = "UNWIND $ids AS id MATCH (c:Claim {id: id}) RETURN c.id AS id"

#: A claim's id hashes its subject, object, sources and document, so a stored claim with the same
#: id already has exactly these relationships: only its properties may need refreshing. Status,
#: confidence and recorded_at are left alone so that a re-build never undoes outcome analysis.
REFRESH_CLAIMS = "UNWIND $rows AS r MATCH (c:Claim {id: r.id}) SET c += r.props"


def create_claims(*, with_object: bool) -> str:
    """New claims with their claim-structure relationships, in one statement.

    ``$rows``: id, subject, object (``with_object``), document, props, sources (``{id, position,
    echo}``) and the create-only fields. Everything is CREATEd, not MERGEd: a claim's id fixes its
    edges, and a MERGE of a relationship scans the edges of its end nodes, which on hubs (a big
    club, a busy outlet) would make loading quadratic. The direct edges follow in
    :func:`create_direct_edges`: one statement per relationship type is the price of a type that
    cannot be a parameter, and a statement that small is cheap to plan and to run, where repeating
    this whole statement per type cost Neo4j a plan of its own for each of 46 types.
    """
    object_match = "MATCH (o:Entity {id: r.object}) " if with_object else ""
    object_edge = "CREATE (c)-[:OBJECT]->(o) " if with_object else ""
    return (
        "UNWIND $rows AS r "
        f"MATCH (s:Entity {{id: r.subject}}) {object_match}MATCH (d:Document {{id: r.document}}) "
        "CREATE (c:Claim {id: r.id}) "
        "SET c += r.props, c.recorded_at = r.recorded_at, c.status = r.status, "
        "c.confidence = r.confidence, c.resolved_by = r.resolved_by, c.status_reason = r.status_reason "
        "CREATE (c)-[:SUBJECT]->(s) CREATE (c)-[:STATED_IN]->(d) "
        f"{object_edge}"
        "WITH c, r UNWIND r.sources AS a MATCH (src:Source {id: a.id}) "
        "CREATE (c)-[:ATTRIBUTED_TO {position: a.position, echo: a.echo}]->(src)"
    )


def create_direct_edges(rel: str) -> str:
    """The direct edges of new claims of one relationship type (``$rows``: id, subject, object,
    edge); ``rel`` is ``CONSIDERS`` or ``NOT_CONSIDERS`` … (see :func:`kg.vocab.direct_rel_type`)."""
    return (
        "UNWIND $rows AS r MATCH (s:Entity {id: r.subject}) MATCH (o:Entity {id: r.object}) "
        f"CREATE (s)-[e:{rel_type(rel)} {{claim_id: r.id}}]->(o) SET e += r.edge"
    )


# -- incremental builds and forgetting -------------------------------------------------------------

#: The build hash each of the given documents was stored with (null for documents stored without).
STORED_HASHES = "UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id, d.kg_hash AS hash"

#: Documents a user names by id, URL or the path they were read from (``kg forget``).
FIND_DOCUMENTS = (
    "MATCH (d:Document) WHERE d.id IN $keys OR d.url IN $keys OR d.path IN $keys "
    "RETURN d.id AS id ORDER BY id"
)

#: The claims of each document that its new version no longer has (``keep``: the claim ids it
#: still has), with the ids at the ends of their edges so that orphans can be found afterwards.
STALE_CLAIMS = (
    "UNWIND $rows AS r MATCH (c:Claim)-[:STATED_IN]->(:Document {id: r.document}) "
    "WHERE NOT c.id IN r.keep "
    "MATCH (c)-[:SUBJECT]->(s:Entity) OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity) "
    "OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(a:Source) "
    "RETURN c.id AS id, c.predicate AS predicate, c.polarity AS polarity, "
    "c.modality AS modality, s.id AS subject, o.id AS object, collect(a.id) AS sources"
)

#: Remove the publisher links of documents being replaced or forgotten; returns the publishers.
DETACH_PUBLISHERS = (
    "UNWIND $ids AS id MATCH (:Document {id: id})-[p:PUBLISHED_BY]->(s:Source) "
    "DELETE p RETURN s.id AS id"
)

#: A replaced document's properties, exactly as in its new version (``$rows``: ``{id, props}``
#: where ``props`` includes the id), so fields dropped from the input do not linger.
RESET_DOCUMENTS = "UNWIND $rows AS r MATCH (d:Document {id: r.id}) SET d = r.props"

DELETE_CLAIMS = "UNWIND $ids AS id MATCH (c:Claim {id: id}) DETACH DELETE c"
DELETE_DOCUMENTS = "UNWIND $ids AS id MATCH (d:Document {id: id}) DETACH DELETE d"

#: Entities and sources among the candidates that nothing refers to any more.
DELETE_ORPHAN_ENTITIES = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE NOT EXISTS { (n)--() } "
    "DELETE n RETURN count(*) AS deleted"
)
DELETE_ORPHAN_SOURCES = (
    "UNWIND $ids AS id MATCH (n:Source {id: id}) WHERE NOT EXISTS { (n)--() } "
    "DELETE n RETURN count(*) AS deleted"
)


def delete_direct_edges(type_name: str) -> str:
    """Remove the direct edges that mirror removed claims; ``$rows``: subject, object, claim."""
    return (
        "UNWIND $rows AS r MATCH (s:Entity {id: r.subject})"
        f"-[e:{rel_type(type_name)}]->(o:Entity {{id: r.object}}) "
        "WHERE e.claim_id = r.claim DELETE e"
    )


#: Whether some written document still waits for the after-build analysis (a build was cut short).
PENDING_ANALYSIS = "MATCH (d:Document) WHERE d.kg_pending = true RETURN d.id AS id LIMIT 1"
#: Clear the marks once the analysis has run, in batches.
ANALYSED_BATCH = (
    "MATCH (d:Document) WHERE d.kg_pending = true WITH d LIMIT $limit "
    "REMOVE d.kg_pending RETURN count(d) AS cleared"
)

#: Analysis results on claims and their direct edges (``$rows``: ``{id, props, edge}``), in two
#: statements run together. The edge is found from the claim's two ends (matching
#: ``[e {claim_id: …}]`` between any entities scans every relationship in the graph for each
#: row), and from the person's end: ArcadeDB expands such a pattern from the node written first,
#: and a person has a few claims where a club may have thousands. The first statement sets every
#: claim's properties and the edges of claims whose subject is a person (``$person`` is the id
#: prefix of people); the second sets the edges of the other claims from their object, and runs
#: only for rows whose subject is not known to be a person (``update_claims`` rows may say).
#: The subject's id is tested with ``left(…)``, which no index can answer: with ``s.id STARTS
#: WITH $person`` Neo4j's planner (on a new graph's statistics, the plan a first build gets) seeks
#: every person in the id index for each row instead of following the claim's one SUBJECT edge,
#: even after a ``WITH`` (PROFILE; checked by ``tests/store/test_plans.py``). On Neo4j either end
#: would do: ``Expand(Into)`` starts from the node with fewer relationships.
UPDATE_CLAIMS = (
    "UNWIND $rows AS r MATCH (c:Claim {id: r.id}) SET c += r.props "
    "WITH c, r MATCH (c)-[:SUBJECT]->(s:Entity) WHERE left(s.id, size($person)) = $person "
    "MATCH (c)-[:OBJECT]->(o:Entity) MATCH (s)-[e]->(o) WHERE e.claim_id = r.id SET e += r.edge"
)
UPDATE_EDGES_FROM_OBJECT = (
    "UNWIND $rows AS r MATCH (c:Claim {id: r.id})-[:SUBJECT]->(s:Entity) "
    "WHERE left(s.id, size($person)) <> $person "
    "MATCH (c)-[:OBJECT]->(o:Entity) MATCH (o)<-[e]-(s) WHERE e.claim_id = r.id SET e += r.edge"
)

#: The outcome that decided each claim, as a relationship ``(:Claim)-[:RESOLVED_BY]->(:Claim)``
#: beside the claim's ``resolved_by`` id and readable ``status_reason`` (``$rows``: ``{id,
#: resolved_by}``). The claim's old link goes first, so it has one at most; a null ``resolved_by``
#: (an open claim) only removes it, and so does an outcome that is not stored (any more).
LINK_RESOLVED = (
    "UNWIND $rows AS r MATCH (c:Claim {id: r.id}) "
    "OPTIONAL MATCH (c)-[old:RESOLVED_BY]->(:Claim) DELETE old "
    "WITH c, r WHERE r.resolved_by IS NOT NULL "
    "MATCH (o:Claim {id: r.resolved_by}) CREATE (c)-[:RESOLVED_BY]->(o)"
)

UPDATE_SOURCES = "UNWIND $rows AS r MATCH (s:Source {id: r.id}) SET s += r.props"

# -- reads ------------------------------------------------------------------------------------------

READ_ENTITIES = "MATCH (n:Entity) RETURN n.id AS id, properties(n) AS props ORDER BY id"
READ_SOURCES = "MATCH (n:Source) RETURN n.id AS id, properties(n) AS props ORDER BY id"
READ_DOCUMENTS = "MATCH (d:Document) RETURN d.id AS id, properties(d) AS props ORDER BY id"
READ_CLAIMS = (
    "MATCH (c:Claim)-[:SUBJECT]->(s:Entity) "
    "MATCH (c)-[:STATED_IN]->(d:Document) "
    "OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity) "
    "RETURN c.id AS id, properties(c) AS props, s.id AS subject, o.id AS object, "
    "d.id AS document ORDER BY id"
)
#: Every claim with its ends, its document's date (and, for outcome data, what it covers) and its
#: sources as ``[position, id]`` pairs, in no particular order: without ORDER BY the server streams
#: rows as the driver fetches them.
STREAM_CLAIMS = (
    "MATCH (c:Claim)-[:SUBJECT]->(s:Entity) "
    "MATCH (c)-[:STATED_IN]->(d:Document) "
    "OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity) "
    "RETURN c.id AS id, properties(c) AS props, s.id AS subject, o.id AS object, "
    "d.id AS document, d.published AS published, d.outcomes AS outcomes, d.covers AS covers, "
    "d.covers_competitions AS covers_competitions, d.covers_from AS covers_from, d.covers_to AS covers_to, "
    "[(c)-[a:ATTRIBUTED_TO]->(src:Source) | [a.position, src.id]] AS sources"
)
#: What a targeted read returns of each claim ``c``: its properties and, whole, its ends, its
#: document and its sources as ``[position, properties]`` pairs.
_CLAIM_PARTS = (
    "MATCH (c)-[:SUBJECT]->(s:Entity) "
    "MATCH (c)-[:STATED_IN]->(d:Document) "
    "OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity) "
    "RETURN c.id AS id, properties(c) AS props, properties(s) AS subject, "
    "properties(o) AS object, properties(d) AS document, "
    "[(c)-[a:ATTRIBUTED_TO]->(src:Source) | [a.position, properties(src)]] AS sources"
)
#: These claims (``$ids``) with their parts, for ``kg explain``.
READ_CLAIMS_BY_ID = "UNWIND $ids AS id MATCH (c:Claim {id: id}) WITH DISTINCT c " + _CLAIM_PARTS
#: The claims about these entities (``$ids``, as subject or object), for ``kg timeline``.
READ_CLAIMS_ABOUT = (
    "UNWIND $ids AS id MATCH (c:Claim)-[:SUBJECT|OBJECT]->(:Entity {id: id}) WITH DISTINCT c "
    + _CLAIM_PARTS
)
#: One document id, if the graph holds any (an empty graph has none).
ANY_DOCUMENT = "MATCH (d:Document) RETURN d.id AS id LIMIT 1"
#: One outcome claim, if any is stored (a claim loaded as outcome data has ``outcome = true``).
ANY_OUTCOME = "MATCH (c:Claim) WHERE c.outcome = true RETURN c.id AS id LIMIT 1"
#: Up to two claim ids starting with ``$prefix`` (a shortened id names one claim, or none).
CLAIM_IDS_STARTING = (
    "MATCH (c:Claim) WHERE c.id STARTS WITH $prefix RETURN c.id AS id ORDER BY id LIMIT 2"
)
READ_ATTRIBUTIONS = (
    "MATCH (c:Claim)-[a:ATTRIBUTED_TO]->(s:Source) "
    "RETURN c.id AS claim, s.id AS source, a.position AS position ORDER BY claim, position"
)

COUNT_NODES = (
    "MATCH (n) RETURN "
    "count(CASE WHEN n:Document THEN 1 END) AS documents, "
    "count(CASE WHEN n:Entity THEN 1 END) AS entities, "
    "count(CASE WHEN n:Claim THEN 1 END) AS claims, "
    "count(CASE WHEN n:Source THEN 1 END) AS sources, "
    "count(n) AS nodes"
)
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS relationships"

#: Emptying the graph, relationships first: a batch of nodes with DETACH also deletes every
#: relationship of a hub among them (a big club has thousands), which on Neo4j outgrew the
#: transaction memory limit (70 % of a 1 GiB heap) when clearing a 100k-claim graph.
DELETE_RELATIONSHIPS_BATCH = (
    "MATCH ()-[r]->() WITH r LIMIT $limit DELETE r RETURN count(*) AS deleted"
)
DELETE_BATCH = "MATCH (n) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
