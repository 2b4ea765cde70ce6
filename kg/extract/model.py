"""The claim model: a linear classifier over candidate features, shipped as a small JSON file.

Trained by :mod:`kg.extract.train` (scikit-learn's logistic regression, ``make train``) on the
project's annotated corpus; read here without scikit-learn: the file holds the label names, one
bias per label and, per feature, its non-zero weights. A candidate's score for a label is the bias
plus the weights of its features; the softmax of the scores gives probabilities. Plain
dictionaries keep loading instant, the file small and diff-able, and nothing is unpickled.

Labels are ``none`` or ``<kind>:<direction>``: ``f`` when the candidate's first mention is the
claim's subject, ``r`` when the second is.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from kg.errors import KgError

MODEL_PATH = Path(__file__).with_name("claim_model.json")
NONE = "none"


@dataclass(frozen=True)
class LinearModel:
    """Label names, biases and sparse feature weights of a multinomial linear classifier."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, dict[int, float]]

    def scores(self, features: list[str]) -> list[float]:
        """Each label's score for a candidate with these features."""
        rows = self._rows
        found = {rows[f] for f in features if f in rows}
        if not found:
            return list(self.bias)
        return [float(x) for x in self._matrix[sorted(found)].sum(axis=0) + self._bias]

    @cached_property
    def _rows(self) -> dict[str, int]:
        """Each feature's row in :attr:`_matrix`."""
        return {feature: row for row, feature in enumerate(self.weights)}

    @cached_property
    def _matrix(self) -> Any:
        """The weights as a dense features x labels array: one vectorised sum per candidate
        instead of a Python loop over its features' weights (a fifth of extraction's own time)."""
        import numpy as np

        matrix = np.zeros((len(self.weights), len(self.labels)))
        for row, weights in enumerate(self.weights.values()):
            for index, weight in weights.items():
                matrix[row, index] = weight
        return matrix

    @cached_property
    def _bias(self) -> Any:
        import numpy as np

        return np.array(self.bias)

    def probabilities(self, features: list[str]) -> dict[str, float]:
        """Softmax of the scores, by label."""
        scores = self.scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def to_json(self) -> dict[str, object]:
        """The file's content."""
        return {
            "format": "kg-linear-model/1",
            "labels": list(self.labels),
            "bias": [round(b, 4) for b in self.bias],
            "weights": {
                f: {str(i): round(w, 4) for i, w in sorted(ws.items())}
                for f, ws in sorted(self.weights.items())
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, object], where: str) -> LinearModel:
        """Read a model file's content; a :class:`KgError` naming ``where`` when it is not one."""
        try:
            if data.get("format") != "kg-linear-model/1":
                raise ValueError("unknown format")
            labels = tuple(str(x) for x in data["labels"])  # type: ignore[attr-defined]
            bias = tuple(float(x) for x in data["bias"])  # type: ignore[attr-defined]
            raw = data["weights"]
            assert isinstance(raw, dict)
            weights = {str(f): {int(i): float(w) for i, w in ws.items()} for f, ws in raw.items()}
        except (KeyError, TypeError, ValueError, AssertionError, AttributeError) as exc:
            raise KgError(f"{where}: not a kg claim model ({exc})") from None
        if len(bias) != len(labels):
            raise KgError(f"{where}: not a kg claim model (bias and labels differ in length)")
        return cls(labels, bias, weights)


def read_model(path: Path) -> LinearModel:
    """The model stored at ``path``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KgError(f"{path}: cannot read the claim model ({exc})") from None
    if not isinstance(data, dict):
        raise KgError(f"{path}: not a kg claim model")
    return LinearModel.from_json(data, str(path))


@cache
def shipped_model() -> LinearModel | None:
    """The model shipped with kg, or None when the package has none (rules are used alone)."""
    if not MODEL_PATH.exists():
        return None
    return read_model(MODEL_PATH)


#: Kinds whose subject is the person when a person meets a club, team or organisation.
_PERSON_FIRST = {"role", "move", "departure", "contract"}


def encode(kind: str, subject_first: bool, first_label: str, second_label: str) -> str:
    """The model's label for a claim of ``kind`` over a candidate pair.

    Where one mention is a person and the other is not, the kind fixes the direction (the person
    is the subject of roles, moves, departures and contracts; the club of interest and
    rejections), and the label says only when the pair runs the other way (``interest:x``: a
    person open to joining a club). Between mentions of one type, ``:f`` or ``:r`` says whether
    the first mention is the subject. Pooling directions this way gives each label more examples.
    """
    person = "Person"
    if (first_label == person) != (second_label == person):
        person_is_subject = (first_label == person) == subject_first
        usual = kind in _PERSON_FIRST
        return kind if person_is_subject == usual else f"{kind}:x"
    return f"{kind}:{'f' if subject_first else 'r'}"


def decode(label: str, first_label: str, second_label: str) -> tuple[str, bool]:
    """The kind of a label and whether the pair's first mention is the subject."""
    kind, _, mark = label.partition(":")
    if mark in {"f", "r"}:
        return kind, mark == "f"
    person_is_subject = (kind in _PERSON_FIRST) != (mark == "x")
    return kind, (first_label == "Person") == person_is_subject
