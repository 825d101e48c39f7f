"""Blame judged from a sentence's meaning: a small logistic regression over MiniLM sentence vectors.

The phrase rules (``review_content.blame_in``) catch the usual wordings; sellers find many more
("the postal service in December, what else would you expect?"). This model is trained on the example
table ``data/blame_examples.yaml`` (sentences written for it and the playbooks' own example answers,
never the evaluation sets) the first time it is needed, and its weights are cached beside the ONNX
model. Without the model (no ONNX runtime, an export that fails), the rules work alone.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from appeal_assistant.errors import AppealAssistantError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["BLAME_THRESHOLD", "EXAMPLES_PATH", "blame_scores", "model_available"]

EXAMPLES_PATH = Path(__file__).resolve().parent / "data" / "blame_examples.yaml"
#: A sentence whose probability of blaming someone else is at least this is reported. Chosen by 5-fold
#: cross-validation on the example table: the 99th percentile of the held-out not-blame scores (at most 1 in
#: 100 false alarms; 59% of held-out blame found by the model alone, most of the rest by the phrase rules).
BLAME_THRESHOLD = 0.76
_L2 = 1e-3
_STEPS = 400


def _examples() -> tuple[list[str], list[int]]:
    data = yaml.safe_load(EXAMPLES_PATH.read_text(encoding="utf-8"))
    texts = [str(s) for s in data["blame"]] + [str(s) for s in data["not_blame"]]
    labels = [1] * len(data["blame"]) + [0] * len(data["not_blame"])
    return texts, labels


def _train(x: npt.NDArray[np.float32], y: npt.NDArray[np.float32]) -> tuple[list[float], float]:
    """Class-balanced, L2-regularised logistic regression by gradient descent (a few hundred examples)."""
    import numpy as np

    weights = np.where(y == 1, 0.5 / max(y.sum(), 1), 0.5 / max((1 - y).sum(), 1))
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(_STEPS):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        grad = (p - y) * weights
        w -= 4.0 * (x.T @ grad + _L2 * w)
        b -= 4.0 * float(grad.sum())
    return [float(v) for v in w], b


@functools.cache
def _model() -> tuple[list[float], float] | None:
    import numpy as np

    from appeal_assistant.retrieval.onnx_embedder import load_onnx_minilm, onnx_model_path

    texts, labels = _examples()
    key = hashlib.sha1(
        (EXAMPLES_PATH.read_text(encoding="utf-8") + onnx_model_path().name).encode()
    ).hexdigest()[:12]
    cache = onnx_model_path().with_name(f"blame-{key}.json")
    if cache.is_file():
        data = json.loads(cache.read_text(encoding="utf-8"))
        return [float(v) for v in data["w"]], float(data["b"])
    try:
        session = load_onnx_minilm()
    except AppealAssistantError:
        return None
    x = np.concatenate([session.encode(texts[i : i + 32]) for i in range(0, len(texts), 32)])
    w, b = _train(x, np.array(labels, dtype=np.float32))
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"w": w, "b": b}), encoding="utf-8")
    return w, b


def model_available() -> bool:
    try:
        return _model() is not None
    except (AppealAssistantError, OSError):
        return False


#: Scores of sentences already read (a chat redrafts the same sentences turn after turn).
_SEEN: dict[str, float] = {}
_SEEN_MAX = 20_000


def blame_scores(sentences: list[str]) -> list[float] | None:
    """The probability that each sentence blames someone else, or None when the model is unavailable."""
    if not sentences:
        return []
    new = list(dict.fromkeys(s for s in sentences if s not in _SEEN))
    if new:
        try:
            model = _model()
            if model is None:
                return None
            import numpy as np

            from appeal_assistant.retrieval.onnx_embedder import load_onnx_minilm

            x = load_onnx_minilm().encode(new)
        except (AppealAssistantError, OSError):
            return None
        w, b = model
        if len(_SEEN) + len(new) > _SEEN_MAX:
            _SEEN.clear()
        _SEEN.update(zip(new, (float(s) for s in 1 / (1 + np.exp(-(x @ np.array(w) + b)))), strict=True))
    return [_SEEN[s] for s in sentences]
