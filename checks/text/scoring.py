"""The typo scorer: the boosted trees trained offline (training/train_scorer.py) turn a
candidate's features into a probability; an older linear model is still read."""

from __future__ import annotations

import math
from typing import Any

from checks.text.boosting import compile_trees


def sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


class Scorer:
    def __init__(self, model: dict[str, Any]) -> None:
        self.model = model
        self._margin = None
        self._feature_names: list[str] = []
        if model.get("kind") == "trees":
            self._margin = compile_trees(model["trees"], model["base"])
            self._feature_names = list(model["features"])

    def score(self, features: dict[str, float]) -> float:
        model = self.model
        if not model:
            return 0.0
        feats = features
        if self._margin is not None:
            return sigmoid(self._margin([feats.get(k, 0.0) for k in self._feature_names]))
        w = model["weights"]
        z = w.get("bias", 0.0)
        for k, v in feats.items():
            z += w.get(k, 0.0) * v
        return sigmoid(z)
