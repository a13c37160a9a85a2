"""Recommendations from implicit feedback: ALS or BPR matrix factorisation (the ``implicit`` library),
item popularity, and item-item similarity from the learned item factors.

A trained model is plain arrays (user and item ids, factors, popularity, what each user has seen) saved
as .npz: serving is a matrix product, with no pickle and no library object to keep alive.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RECIPES = ("user-personalization", "popularity-count", "similar-items", "personalized-ranking")


@dataclass
class RecModel:
    recipe: str
    users: np.ndarray  # user ids (str), index = row
    items: np.ndarray  # item ids (str), index = column
    user_factors: np.ndarray
    item_factors: np.ndarray
    popularity: np.ndarray  # interactions per item
    seen_indptr: np.ndarray  # CSR of the items each user interacted with
    seen_indices: np.ndarray

    def __post_init__(self) -> None:
        self.user_index = {u: i for i, u in enumerate(self.users.tolist())}
        self.item_index = {t: i for i, t in enumerate(self.items.tolist())}

    def save(self, path: Path) -> None:
        np.savez(path, recipe=np.array(self.recipe), users=self.users, items=self.items,
                 user_factors=self.user_factors, item_factors=self.item_factors, popularity=self.popularity,
                 seen_indptr=self.seen_indptr, seen_indices=self.seen_indices)

    @classmethod
    def load(cls, path: Path) -> RecModel:
        with np.load(path, allow_pickle=False) as data:
            return cls(recipe=str(data["recipe"]), **{k: data[k] for k in data.files if k != "recipe"})

    def seen(self, user: int) -> np.ndarray:
        return self.seen_indices[self.seen_indptr[user] : self.seen_indptr[user + 1]]

    def recommend(self, user_id: str, n: int) -> tuple[list[tuple[str, float]], bool]:
        """Top ``n`` items the user has not interacted with; (items with scores, cold_start).
        Unknown users (and the popularity recipe) get the most popular items."""
        u = self.user_index.get(user_id)
        if u is None or self.recipe == "popularity-count":
            scores = self.popularity / max(self.popularity.max(), 1)
        else:
            scores = self.item_factors @ self.user_factors[u]
        scores = scores.astype(float).copy()
        if u is not None:
            scores[self.seen(u)] = -np.inf
        top = np.argsort(-scores, kind="stable")[:n]
        return [(str(self.items[i]), float(scores[i])) for i in top if np.isfinite(scores[i])], u is None

    def rank(self, user_id: str, item_ids: list[str]) -> list[tuple[str, float]]:
        """The given items ordered for the user (unknown items last, in their given order)."""
        u = self.user_index.get(user_id)
        known = [(t, self.item_index[t]) for t in item_ids if t in self.item_index]
        if u is None:
            scored = [(t, float(self.popularity[i] / max(self.popularity.max(), 1))) for t, i in known]
        else:
            scored = [(t, float(self.item_factors[i] @ self.user_factors[u])) for t, i in known]
        scored.sort(key=lambda x: -x[1])
        return scored + [(t, 0.0) for t in item_ids if t not in self.item_index]

    def similar(self, item_id: str, n: int) -> list[tuple[str, float]]:
        i = self.item_index.get(item_id)
        if i is None:
            return []
        norms = np.linalg.norm(self.item_factors, axis=1) + 1e-12
        cosine = (self.item_factors @ self.item_factors[i]) / (norms * norms[i])
        cosine[i] = -np.inf
        top = np.argsort(-cosine, kind="stable")[:n]
        return [(str(self.items[j]), float(cosine[j])) for j in top]


def train(users: list[str], items: list[str], recipe: str, algorithm: str = "als", factors: int = 32,
          iterations: int = 20, seed: int = 0) -> RecModel:
    """Fit on interaction pairs (user, item); repeated pairs count as stronger evidence."""
    import scipy.sparse as sp

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # implicit warns (and slows) with threaded BLAS
    user_ids, u_idx = np.unique(np.asarray(users, dtype=str), return_inverse=True)
    item_ids, i_idx = np.unique(np.asarray(items, dtype=str), return_inverse=True)
    matrix = sp.csr_matrix((np.ones(len(u_idx), dtype=np.float32), (u_idx, i_idx)),
                           shape=(len(user_ids), len(item_ids)))
    matrix.sum_duplicates()
    popularity = np.asarray(matrix.sum(axis=0)).ravel()
    if recipe == "popularity-count":
        user_factors = np.zeros((len(user_ids), 1), np.float32)
        item_factors = np.zeros((len(item_ids), 1), np.float32)
    else:
        from implicit.als import AlternatingLeastSquares
        from implicit.bpr import BayesianPersonalizedRanking

        k = max(2, min(factors, len(item_ids) - 1, len(user_ids) - 1))
        model = (BayesianPersonalizedRanking(factors=k, iterations=iterations * 5, random_state=seed)
                 if algorithm == "bpr" else
                 AlternatingLeastSquares(factors=k, iterations=iterations, regularization=0.05, random_state=seed))
        model.fit(matrix, show_progress=False)
        user_factors, item_factors = np.asarray(model.user_factors), np.asarray(model.item_factors)
    return RecModel(recipe, user_ids, item_ids, user_factors, item_factors, popularity, matrix.indptr, matrix.indices)


def evaluate(users: list[str], items: list[str], times: list[float], recipe: str, algorithm: str = "als",
             holdout: float = 0.1) -> dict[str, float]:
    """Time-based holdout: train on the earliest (1 - holdout) of the interactions, score each user's
    recommendations against what they did later (precision@K, NDCG@K, MRR@25, coverage)."""
    order = np.argsort(np.asarray(times, dtype=float), kind="stable")
    cut = int(len(order) * (1 - holdout))
    train_idx, test_idx = order[:cut], order[cut:]
    model = train([users[i] for i in train_idx], [items[i] for i in train_idx], recipe, algorithm)
    future: dict[str, set[str]] = {}
    for i in test_idx:
        future.setdefault(users[i], set()).add(items[i])
    metrics: dict[str, list[float]] = {f"{m}_at_{k}": [] for m in ("precision", "normalized_discounted_cumulative_gain") for k in (5, 10, 25)}
    metrics["mean_reciprocal_rank_at_25"] = []
    recommended: set[str] = set()
    for user, truth in future.items():
        if user not in model.user_index:
            continue  # a user first seen in the holdout has no history to personalise from
        recs = [t for t, _ in model.recommend(user, 25)[0]]
        recommended.update(recs)
        hits = [1.0 if t in truth else 0.0 for t in recs]
        for k in (5, 10, 25):
            metrics[f"precision_at_{k}"].append(sum(hits[:k]) / k)
            dcg = sum(h / np.log2(r + 2) for r, h in enumerate(hits[:k]))
            ideal = sum(1 / np.log2(r + 2) for r in range(min(k, len(truth))))
            metrics[f"normalized_discounted_cumulative_gain_at_{k}"].append(dcg / ideal if ideal else 0.0)
        first = next((r for r, h in enumerate(hits) if h), None)
        metrics["mean_reciprocal_rank_at_25"].append(1.0 / (first + 1) if first is not None else 0.0)
    out = {name: float(np.mean(values)) if values else 0.0 for name, values in metrics.items()}
    out["coverage"] = len(recommended) / max(len(model.items), 1)
    return out
