"""One small valid input per loader, written for these tests, to be mutated by the fuzzers.

Mutating valid inputs reaches deeper into each loader than random bytes do: the fuzzers cut,
splice and corrupt these files and check that the loader still only ever reports problems.
"""

from __future__ import annotations

import json
from pathlib import Path

RECORD = {
    "subject": "Xabi Alonso",
    "subject_type": "Person",
    "predicate": "manages",
    "object": "Real Madrid",
    "object_type": "Club",
    "attributed_to": [{"name": "Marca", "type": "outlet"}, "journalist:Ana Ruiz"],
    "document": {
        "title": "Alonso set for Madrid",
        "url": "https://a.example/1",
        "published": "2025-05-01",
    },
    "modality": "expected",
    "stated_at": "2025-05-01",
    "evidence": "Alonso is expected to take over",
    "evidence_start": 0,
    "evidence_end": 31,
}

SAMPLES: dict[str, tuple[str, str]] = {
    # loader name: (file name, content)
    "yaml": (
        "claims.yaml",
        "claims:\n"
        "  - subject: Xabi Alonso\n    subject_type: Person\n    predicate: manages\n"
        "    object: Real Madrid\n    object_type: Club\n    attributed_to: [Marca]\n"
        "    stated_at: 2025-05-01\n"
        "  - subject: Real Madrid\n    subject_type: Club\n    predicate: targets\n"
        "    object: Trent Alexander-Arnold\n    object_type: Person\n    modality: rumoured\n"
        "    document: {title: Madrid eye Trent, published: 2025-04-01, outlet: AS}\n",
    ),
    "json": (
        "claims.json",
        json.dumps([RECORD, {**RECORD, "object": "Bayer Leverkusen"}], indent=1),
    ),
    "jsonl": (
        "claims.jsonl",
        json.dumps(RECORD) + "\n" + json.dumps({**RECORD, "fee": "€10m"}) + "\n",
    ),
    "csv": (
        "claims.csv",
        "subject,subject_type,predicate,object,object_type,attributed_to,document.title,stated_at\n"
        'Xabi Alonso,Person,manages,Real Madrid,Club,Marca|journalist:Ana Ruiz,"Alonso, at last",2025-05-01\n'
        "Luka Modrić,Person,leaves,Real Madrid,Club,Marca,Modric departs,2025-05-22\n",
    ),
    "feed": (
        "feed.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example Sport</title>'
        "<link>https://sport.example/</link><item><title>Sevilla watch Minter</title>"
        "<description>&lt;p&gt;Sevilla are monitoring Paul Minter.&lt;/p&gt;</description>"
        "<link>https://sport.example/a</link><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>"
        "</item></channel></rss>",
    ),
    "html": (
        "article.html",
        "<html><head><title>Alonso to Madrid</title>"
        '<meta property="og:site_name" content="Example Sport">'
        '<meta property="article:published_time" content="2025-05-01"></head>'
        "<body><article><h1>Alonso to Madrid</h1><p>Real Madrid are expected to appoint Xabi "
        "Alonso, according to Marca.</p><p>He leaves Bayer Leverkusen.</p></article></body></html>",
    ),
    "text": (
        "article.md",
        "---\ntitle: Alonso to Madrid\npublished: 2025-05-01\noutlet: Example Sport\n---\n"
        "Real Madrid are expected to appoint Xabi Alonso, according to Marca.\n",
    ),
    "rumours": (
        "rumours.csv",
        "date,source,text\n2025-04-01,Marca,Real Madrid want Xabi Alonso as coach\n"
        "2025-04-02,AS,Liverpool monitor Dean Huijsen\n",
    ),
    "transfers": (
        "transfers.csv",
        "club_name,player_name,age,position,club_involved_name,fee,transfer_movement,"
        "transfer_period,fee_cleaned,league_name,year,season,country\n"
        "Arsenal FC,Ben White,23,CB,Brighton & Hove Albion,€58.50m,in,Summer,58.5,"
        "Premier League,2021,2021/2022,England\n",
    ),
    "completed-transfers": (
        "completed.csv",
        "id,player_name,player_age,player_position,club_left,club_joined,market_value,season\n"
        "1,Jadon Sancho,21,Right Winger,Borussia Dortmund,Manchester United,€90.00m,2021\n",
    ),
    "manager-spells": (
        "spells.csv",
        'manager,start_date,end_date,club\nMikel Arteta,"22 Dec, 2019",Present,Arsenal\n'
        'Unai Emery,"23 May, 2018","29 Nov, 2019",Arsenal\n',
    ),
}


def _rdf_sample() -> str:
    """kg's own Turtle for the JSON Lines sample (one claim), so the RDF loader has real input."""
    import io

    from kg.model import ClaimGraph
    from kg.rdf.export import export
    from loaders._prose import file_document
    from loaders.records import record_to_graph

    graph: ClaimGraph = record_to_graph(RECORD, file_document=file_document(Path("sample.jsonl")))
    out = io.BytesIO()
    export(graph, out, format="turtle")
    return out.getvalue().decode("utf-8")


SAMPLES["rdf"] = ("graph.ttl", _rdf_sample())
