"""Document-level reading: round-up credits, quotes, references across sentences, bad entities.

Texts are written for the project in the shapes of real football writing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kg.extract import extract_graph
from kg.extract.output import claim_rows
from kg.model import ClaimGraph, Document


def rows(text: str) -> list[dict[str, Any]]:
    graph = ClaimGraph()
    graph.add_document(Document.identified(title=text[:30], published=date(2025, 1, 20), text=text))
    return list(claim_rows(extract_graph(graph)))


def results(found: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    """The (subject, predicate, object) of every result claim found."""
    return {(r["subject"], r["predicate"], r["object"]) for r in found if r["kind"] == "result"}


def credits(found: list[dict[str, Any]], subject: str, kind: str) -> list[str]:
    for row in found:
        if row["subject"] == subject and row["kind"] == kind:
            return list(row["attributed_to"])
    raise AssertionError(f"no {kind} claim about {subject}: {found}")


def test_a_round_up_item_is_credited_to_the_outlet_in_brackets_at_its_end() -> None:
    found = rows(
        "Aston Villa are weighing up a move for Lyon forward Rayan Cherki. (L'Equipe)\n\n"
        "Everton have held talks over signing Southampton defender Taylor Harwood-Bellis. "
        "The Toffees see him as a long-term option. (Daily Mail)\n"
    )
    assert credits(found, "Aston Villa", "interest") == ["L'Equipe"]
    assert credits(found, "Everton", "interest") == ["Daily Mail"]


def test_a_section_header_credits_every_item_under_it() -> None:
    found = rows(
        "THE SUN\n"
        "Chelsea are plotting a bid for Brighton midfielder Carlos Baleba.\n"
        "Fulham want to sign Rangers winger Hamza Igamane.\n"
        "DAILY MAIL\n"
        "Newcastle United have approached Bournemouth over defender Milos Kerkez.\n"
    )
    assert credits(found, "Chelsea", "interest") == ["The Sun"]
    assert credits(found, "Fulham", "interest") == ["The Sun"]
    assert credits(found, "Newcastle United", "interest") == ["Daily Mail"]


def test_a_credit_at_the_end_of_a_sentence_counts() -> None:
    found = rows(
        "Marcus Rashford is set to join Aston Villa on loan from Manchester United, "
        "according to Sky Sports News."
    )
    assert credits(found, "Marcus Rashford", "move") == ["Sky Sports"]


def test_a_departure_whose_club_was_named_a_sentence_earlier_is_found() -> None:
    found = rows(
        "Wrexham endured a miserable afternoon at the Racecourse on Saturday.\n"
        "Manager Tom Carter was sacked on Sunday morning after the defeat."
    )
    assert any(
        r["subject"] == "Tom Carter" and r["kind"] == "departure" and r["object"] == "Wrexham"
        for r in found
    ), found


def test_grounds_demonyms_and_common_words_are_not_entities() -> None:
    found = rows(
        "Dismiss the noise, said the Scottish striker after the win at Villa Park.\n"
        "Celtic beat Rangers 3-0 at Celtic Park."
    )
    names = {r["subject"] for r in found} | {r["object"] for r in found}
    assert not names & {"Dismiss", "Scottish", "Villa Park", "Celtic Park"}, found


def test_a_club_statement_credits_its_narrated_claims_to_the_club() -> None:
    found = rows(
        "Harrogate Town can confirm that manager Paul Dixon has left the club by mutual consent.\n"
        "The club would like to thank Paul for his efforts and wishes him well for the future.\n"
        "Coach Ray Hilton will take charge of the first team on an interim basis."
    )
    assert credits(found, "Paul Dixon", "departure") == ["Harrogate Town"]


def test_the_premiership_of_an_english_article_is_the_premier_league() -> None:
    english = rows("Everton finished fourth in the Premiership last season.")
    scottish = rows("Hibernian finished fourth in the Premiership, behind Celtic.")
    irish = rows("Larne finished second in the Premiership, four points behind Linfield.")
    assert {r["object"] for r in english if r["kind"] == "result"} == {"Premier League"}, english
    assert "Scottish Premiership" in {r["object"] for r in scottish}, scottish
    assert "Irish Premiership" in {r["object"] for r in irish}, irish


def test_a_playing_position_or_a_common_word_is_no_part_of_a_name() -> None:
    found = rows(
        "Striker Conor Ballantyne joined Larne from Dungannon Swifts on Friday.\n"
        "Ballantyne thanked the First Team staff and the Board for their support."
    )
    names = {r["subject"] for r in found} | {r["object"] for r in found}
    assert "Conor Ballantyne" in names, found
    assert not names & {"First Team", "Board", "Striker Conor Ballantyne"}, found


def test_a_table_position_is_a_result_and_where_a_player_came_from_is_a_past_role() -> None:
    found = rows(
        "Barrow sit bottom of League Two after a fifth straight defeat.\n"
        "Winger Dylan Orr joined Barrow from Lincoln City in the summer."
    )
    got = {(r["subject"], r["predicate"], r["object"], r["tense"]) for r in found}
    assert ("Barrow", "ranks_in", "League Two", "present") in got, got
    assert ("Dylan Orr", "joins", "Barrow", "present") in got, got
    assert ("Dylan Orr", "plays_for", "Lincoln City", "past") in got, got
    assert not any(r["kind"] == "move" and r["object"] == "Lincoln City" for r in found), got


def test_a_speakers_own_post_is_the_narrators_and_a_bbc_style_credit_counts() -> None:
    text = (
        'Walsall boss Ryan Maddox said: "We were second best all afternoon."\n\n'
        "Hibernian are weighing up a bid for Motherwell defender Owen Reid. "
        "(The Herald), external\n"
    )
    found = rows(text)
    # no outlet known: the narrator's claim is credited to the document itself (its title here)
    assert credits(found, "Ryan Maddox", "role") == [text[:30]], found
    assert credits(found, "Hibernian", "interest") == ["Herald"], found


def test_a_score_line_is_a_result() -> None:
    found = rows("Full-time: Stockport County 2-1 Barnsley.\nLeyton Orient 1-1 Wigan Athletic")
    got = results(found)
    assert ("Stockport County", "beats", "Barnsley") in got, got
    assert ("Leyton Orient", "draws_with", "Wigan Athletic") in got, got


def test_leaders_named_after_their_table_and_wins_told_in_other_words_are_results() -> None:
    found = rows(
        "Their Kasimpasa side sit third in Turkey's Super Lig table, four points behind leaders "
        "Besiktas with ten games left.\n\n"
        "Stoke City avoided a shock by edging past Barrow in the replay.\n\n"
        "Motherwell saw off Kilmarnock in the last eight."
    )
    got = results(found)
    assert ("Besiktas", "leads", "Super Lig") in got, got
    assert ("Kasimpasa", "ranks_in", "Super Lig") in got, got
    assert ("Stoke City", "beats", "Barrow") in got, got
    assert ("Motherwell", "beats", "Kilmarnock") in got, got


def test_a_round_up_credit_may_hold_digits_be_a_web_address_or_carry_a_note() -> None:
    found = rows(
        "Leeds United are keen on Norwich City defender Max Aarons. (90min)\n\n"
        "Sassuolo midfielder Davide Frattesi is close to Juventus. (Le10Sport - in French)\n\n"
        "Wolves winger Adama Traore could join Fulham. (hitc.com)\n\n"
        "Stoke City beat Barnsley after extra time. (2-1)\n"
    )
    assert credits(found, "Leeds United", "interest") == ["90min"], found
    assert credits(found, "Davide Frattesi", "move") == ["Le10Sport"], found
    assert credits(found, "Adama Traore", "move") == ["hitc.com"], found
    assert credits(found, "Stoke City", "result") != ["2-1"], found


def test_a_position_stated_without_its_table_is_in_the_league_the_document_follows() -> None:
    found = rows(
        "Cymru Premier: Bala Town 2-0 Newtown.\n\n"
        "Defeat means Newtown drop to ninth, level on points with Flint Town United.\n\n"
        "Third-placed Penybont were held at home by Barry Town United."
    )
    got = results(found)
    assert ("Newtown", "ranks_in", "Cymru Premier") in got, got
    assert ("Penybont", "ranks_in", "Cymru Premier") in got, got
    titles = {r["subject"]: r["role_title"] for r in found if r["predicate"] == "ranks_in"}
    assert titles.get("Penybont") == "third", titles
    # a single sentence that names no league gives no table
    alone = rows("Newtown drop to ninth after the defeat.")
    assert not [r for r in alone if r["kind"] == "result"], alone


def test_they_and_their_name_the_team_and_a_defeat_by_other_words_is_a_result() -> None:
    found = rows(
        "The manager was furious after the game on Saturday.\n\n"
        "Wales had been unbeaten since March. They suffered a 2-0 defeat by Iceland.\n\n"
        "England suffered an exit at the hands of Croatia in the semi-final."
    )
    got = results(found)
    assert ("Iceland", "beats", "Wales") in got, got
    assert ("Croatia", "beats", "England") in got, got


def test_a_squad_list_gives_each_player_the_team_in_his_brackets() -> None:
    found = rows(
        "The Republic of Ireland squad was named on Thursday.\n\n"
        "Goalkeepers: Shay Given (Newcastle United), Kieren Westwood (Sheffield Wednesday).\n\n"
        "Out: Josh Kee (Glentoran - loan), Levi Ives (Coleraine)."
    )
    got = {(r["subject"], r["predicate"], r["object"]) for r in found}
    assert ("Shay Given", "plays_for", "Newcastle United") in got, got
    assert ("Kieren Westwood", "plays_for", "Sheffield Wednesday") in got, got
    assert ("Josh Kee", "loaned_to", "Glentoran") in got, got
    assert ("Josh Kee", "plays_for", "Glentoran") not in got, got
