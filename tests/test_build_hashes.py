"""The build's on-disk map of document hashes behaves like the dictionary it replaces."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.build_hashes import BuildHashes


def test_hashes_are_found_updated_and_absent_ids_are_left_out() -> None:
    hashes = BuildHashes()
    try:
        hashes.put_many({"doc:a": "1", "doc:b": "2"})
        hashes.put_many({"doc:b": "3"})
        assert hashes.get_many(["doc:a", "doc:b", "doc:c"]) == {"doc:a": "1", "doc:b": "3"}
        assert hashes.get_many([]) == {}
    finally:
        hashes.close()


def test_more_ids_than_one_statement_binds_are_read_in_chunks() -> None:
    hashes = BuildHashes()
    try:
        many = {f"doc:{i}": f"h{i}" for i in range(5000)}
        hashes.put_many(many)
        assert hashes.get_many([*many, "doc:missing"]) == many
    finally:
        hashes.close()


@given(st.lists(st.dictionaries(st.text(max_size=20), st.text(max_size=8), max_size=6), max_size=6))
def test_the_map_agrees_with_a_dictionary(batches: list[dict[str, str]]) -> None:
    hashes = BuildHashes()
    expected: dict[str, str] = {}
    try:
        for batch in batches:
            hashes.put_many(batch)
            expected.update(batch)
        probe = [*expected, "never-put"]
        assert hashes.get_many(probe) == expected
    finally:
        hashes.close()
