"""The claim model: its labels, its file format and its training (no corpus needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract.model import NONE, LinearModel, decode, encode, read_model, shipped_model
from kg.extract.train import Example, fit

TYPES = ("Person", "Club", "NationalTeam", "Competition", "Organization")
KINDS = ("role", "move", "interest", "departure", "contract", "rejection", "result")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("first", TYPES)
@pytest.mark.parametrize("second", TYPES)
@pytest.mark.parametrize("subject_first", [True, False])
def test_labels_decode_to_the_kind_and_direction_they_encode(
    kind: str, first: str, second: str, subject_first: bool
) -> None:
    label = encode(kind, subject_first, first, second)
    assert decode(label, first, second) == (kind, subject_first)


def test_a_person_and_a_club_share_one_label_whichever_comes_first() -> None:
    # "Smith joins Leeds" and "Leeds sign Smith" are both a move with Smith as subject.
    assert encode("move", True, "Person", "Club") == encode("move", False, "Club", "Person")
    # A person open to joining a club runs against interest's usual direction.
    assert encode("interest", True, "Person", "Club") == "interest:x"


def test_model_file_round_trips_and_gives_probabilities(tmp_path: Path) -> None:
    model = LinearModel(("none", "role"), (0.5, -0.5), {"w=boss": {1: 2.0}, "w=said": {0: 1.0}})
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    again = read_model(path)
    assert again == model
    probs = again.probabilities(["w=boss", "unknown"])
    assert abs(sum(probs.values()) - 1) < 1e-9
    assert probs["role"] > probs[NONE]


@pytest.mark.parametrize(
    "content", ["not json", "[]", '{"format": "other"}', '{"format": "kg-linear-model/1"}']
)
def test_a_broken_model_file_is_one_error_naming_it(tmp_path: Path, content: str) -> None:
    path = tmp_path / "claim_model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KgError, match=r"claim_model\.json"):
        read_model(path)


def test_training_is_deterministic_and_learns_the_features() -> None:
    data = [
        Example(f"d{i}", ["types=Person>Club", f"w={word}", f"n{i % 3}"], label)
        for i in range(30)
        for word, label in (("boss", "role"), ("joins", "move"), ("watched", NONE))
    ]
    first, second = fit(data), fit(data)
    assert first == second
    assert max(first.probabilities(["w=joins"]).items(), key=lambda x: x[1])[0] == "move"
    assert max(first.probabilities(["w=boss"]).items(), key=lambda x: x[1])[0] == "role"


def test_the_shipped_model_knows_every_kind() -> None:
    model = shipped_model()
    assert model is not None, "kg/extract/claim_model.json is missing: run make train"
    kinds = {decode(label, "Person", "Club")[0] for label in model.labels if label != NONE}
    assert {"role", "move", "interest", "departure"} <= kinds
