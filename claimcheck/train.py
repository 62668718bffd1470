"""Refitting the check-worthiness weights on a store's own reviews.

A newsroom's reviewers say, claim by claim, what is worth checking: a claim they gave a verdict
(and did not reject) or added by hand is a positive example, a detection they rejected a negative
one. ``train`` fits logistic weights on those examples (the same features the detector scores
with) and writes them to a file that ``claimcheck scan --weights FILE`` and
``get_pipeline(weights=FILE)`` use.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .detection.weights import Weights, candidate_features, fit
from .errors import ClaimcheckError
from .files import output_path, write_atomic
from .store import Store

MIN_EXAMPLES = 20


class TrainingError(ClaimcheckError):
    """Too few or one-sided examples to learn from: the user's to fix, so exit status 2."""

    exit_code = 2


def samples_from_store(store: Store) -> list[tuple[list[str], bool]]:
    """(features, worth checking) for every reviewed, added or rejected claim of the store."""
    reviewed = {v.claim_id for v in store.reviews() if v.label}
    samples = []
    for article in store.articles():
        for claim in store.claims(article["id"], include_rejected=True):
            if claim.rejected and claim.origin == "detected":
                label = False
            elif claim.origin != "detected" or claim.id in reviewed:
                label = True
            else:
                continue  # not looked at yet: no evidence either way
            samples.append((candidate_features(claim.cues, claim.type, claim.slots.status), label))
    return samples


def train(store_path: str | os.PathLike[str], output: str | os.PathLike[str]) -> Weights:
    """Fit weights on the store's reviews and write them to ``output`` (written only on success)."""
    target = output_path(output, "claim-weights.json")
    store = Store(store_path, readonly=True)
    try:
        samples = samples_from_store(store)
    finally:
        store.close()
    positives = sum(label for _, label in samples)
    if len(samples) < MIN_EXAMPLES or positives in (0, len(samples)):
        raise TrainingError(
            f"the store has {len(samples)} reviewed claims ({positives} kept, "
            f"{len(samples) - positives} rejected): review at least {MIN_EXAMPLES}, with some "
            "rejected detections and some kept ones, before training"
        )
    weights = fit(samples, meta={"fitted_on": str(Path(store_path).name), "unit": "claim"})
    write_atomic(target, json.dumps(weights.to_dict(), indent=1) + "\n")
    return weights
