"""Blame judged by meaning: the reviewer's scorer seam (faked here) and the real model (slow: ONNX export).

The seam tests fix what the reviewer does with scores: only sentences that explain what happened (the
root cause, text outside the parts) are scored, owning sentences and those the phrase rules already
flagged are not, a high score is a medium problem, and a scorer that cannot run changes nothing. The
slow tests train the real model from its example table and check it on sentences that are in neither the
table nor the evaluation sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from appeal_assistant.config import get_settings
from appeal_assistant.drafting.blame_model import BLAME_THRESHOLD, EXAMPLES_PATH
from appeal_assistant.drafting.reviewer import review_text
from appeal_assistant.models import PlanPart, Severity

PLAN = """Late shipments
Root cause
- {cause}
Corrective actions
- On 3 November we re-shipped 12 orders with a new carrier account.
Preventive measures
- Since 4 November the shift lead checks every label has a pickup scan before 5 pm.
"""


class Recorder:
    """A scorer that gives one score to every sentence and remembers what it was asked."""

    def __init__(self, score: float | None) -> None:
        self.score, self.asked = score, []  # type: ignore[var-annotated]

    def __call__(self, sentences: list[str]) -> list[float] | None:
        self.asked.extend(sentences)
        return None if self.score is None else [self.score] * len(sentences)


def test_a_high_score_in_the_root_cause_is_a_medium_blame_problem() -> None:
    cause = "The parcels spent the holiday week in a regional hub."
    scorer = Recorder(BLAME_THRESHOLD + 0.05)
    review = review_text(PLAN.format(cause=cause), blame_scorer=scorer)
    assert scorer.asked == [cause]  # actions and measures are not read by the model
    [blame] = [p for p in review.problems if p.code == "blame"]
    assert blame.severity is Severity.MEDIUM and blame.part is PlanPart.ROOT_CAUSE
    assert "judged by meaning" in blame.message and blame.excerpt == cause


def test_a_low_score_or_no_scorer_flags_nothing() -> None:
    text = PLAN.format(cause="The parcels spent the holiday week in a regional hub.")
    for scorer in (Recorder(BLAME_THRESHOLD - 0.01), Recorder(None), None):
        assert "blame" not in review_text(text, blame_scorer=scorer).codes


def test_owning_sentences_and_rule_hits_are_not_scored_again() -> None:
    scorer = Recorder(0.99)
    owning = "We did not check pickup scans, so parcels spent the holiday week in a regional hub."
    review = review_text(PLAN.format(cause=owning), blame_scorer=scorer)
    assert scorer.asked == [] and "blame" not in review.codes
    ruled = "The late shipments were caused by the carrier."
    review = review_text(PLAN.format(cause=ruled), blame_scorer=scorer)
    assert scorer.asked == []
    assert [p.severity for p in review.problems if p.code == "blame"] == [Severity.HIGH]  # the rule's, once


def test_the_example_table_is_apart_from_the_evaluation_sets() -> None:
    table = yaml.safe_load(EXAMPLES_PATH.read_text(encoding="utf-8"))
    assert len(table["blame"]) >= 50 and len(table["not_blame"]) >= 100
    ours = {s.strip().lower() for s in table["blame"] + table["not_blame"]}
    evals = Path(__file__).resolve().parent.parent / "evals" / "reviewer"
    for path in evals.glob("*/blame.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        theirs = {s.strip().lower() for s in data["blame"] + data["not_blame"]}
        assert not ours & theirs, path


def test_settings_can_turn_meaning_checks_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from appeal_assistant.case.setup import build_workflow

    monkeypatch.setenv("APPEAL_ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("APPEAL_ASSISTANT_MEANING_CHECKS", "false")
    assert build_workflow(get_settings(), retrieval=False, with_store=False).blame_scorer is None
    monkeypatch.setenv("APPEAL_ASSISTANT_MEANING_CHECKS", "true")
    assert build_workflow(get_settings(), retrieval=False, with_store=False).blame_scorer is not None


# ------------------------------------------------------------------------------------ the real model


@pytest.fixture(scope="module")
def model_cache() -> Path:
    """The shared model cache (the export is the slow part, done once per machine)."""
    from appeal_assistant.retrieval.onnx_embedder import onnx_model_path

    return onnx_model_path().parent


@pytest.mark.slow
def test_the_model_tells_blame_from_owning_on_unseen_sentences(model_cache: Path) -> None:
    from appeal_assistant.drafting.blame_model import blame_scores

    blame = [
        "Our regional courier simply abandoned the parcels at its depot for a week.",
        "It was the marketplace's own checker that wrongly pulled our listing.",
        "The wholesaler shipped us the wrong batch and never admitted it.",
    ]
    owning = [
        "We shipped 14 orders after the handling time because we had no weekend cover.",
        "We did not compare the supplier's batch numbers with our purchase order.",
        "Our listing used the brand's photos without a licence; that was our decision.",
    ]
    scores = blame_scores(blame + owning)
    assert scores is not None and len(scores) == 6
    assert min(scores[:3]) > max(scores[3:])  # ranked right, whatever the threshold
    assert sum(s >= BLAME_THRESHOLD for s in scores[3:]) == 0
    assert list(model_cache.glob("blame-*.json")), "trained weights are cached for the next process"
    assert blame_scores([]) == []
    again = blame_scores([owning[0], blame[0], owning[0]])  # read once, remembered for the next review
    assert again == [scores[3], scores[0], scores[3]]


@pytest.mark.slow
def test_the_onnx_vectors_match_sentence_transformers() -> None:
    import numpy as np

    from appeal_assistant.retrieval.embedder import SentenceTransformerEmbedder
    from appeal_assistant.retrieval.onnx_embedder import MIN_COSINE, OnnxEmbedder

    texts = ["Valid tracking rate below 95%.", "We moved label printing to 9 am.", "ünïcödé — 42 €"]
    ours = np.array(OnnxEmbedder(batch_size=2).embed_documents(texts))
    reference = np.array(SentenceTransformerEmbedder().embed_documents(texts))
    assert ours.shape == reference.shape == (3, 384)
    assert float((ours * reference).sum(axis=1).min()) >= MIN_COSINE
    query = np.array(OnnxEmbedder().embed_query(texts[0]))
    assert float(query @ reference[0]) >= MIN_COSINE
