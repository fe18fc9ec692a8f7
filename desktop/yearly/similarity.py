"""Which task of one 要点 reads like a task of another: TF-IDF weighted character bigrams.

A year's 要点 rewrites most tasks a little (a sentence added, a number changed, a clause moved)
and keeps the subject. Chinese has no spaces, so words are approximated by character pairs;
each pair is weighted by how rare it is across both documents, so the boilerplate every task
shares (政务公开, 信息公开, 政府网站) counts for little and the subject (预决算, 饮用水, 舆情)
for much. Cosine similarity of those vectors: unrelated tasks of the 2016 要点 score under 0.15
against each other, the same task reworded a year later 0.3–0.85 (tests/test_yearly_similarity.py).

Stdlib only, no model, offline; matching a year's tasks against last year's takes tens of
milliseconds (bench/bench_yearly.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.catalogue import Catalogue

THRESHOLD = 0.3  # below this two tasks are not "the same task in another year"
CLOSE = 0.6  # at or above: the same task, reworded
_CLAUSE = re.compile(r"[（(【][^（）()【】]*(落实|负责|配合|牵头|参与|协助)[^（）()【】]*[）)】]")
_NOT_TEXT = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]")

Vector = dict[str, float]


def bigrams(text: str) -> Counter[str]:
    """Character pairs of the text without its responsibility clause and punctuation."""
    core = _NOT_TEXT.sub("", _CLAUSE.sub("", text))
    if len(core) == 1:
        return Counter([core])
    return Counter(core[i : i + 2] for i in range(len(core) - 1))


@dataclass(frozen=True)
class Match:
    task_id: str  # the task of the other 要点
    score: float  # cosine similarity, 0..1


class Matcher:
    """Vectors for two sets of texts weighted together; ``best`` finds the closest ones."""

    def __init__(self, new: dict[str, str], old: dict[str, str]) -> None:
        new_grams = {k: bigrams(v) for k, v in new.items()}
        old_grams = {k: bigrams(v) for k, v in old.items()}
        df: Counter[str] = Counter()
        for grams in (*new_grams.values(), *old_grams.values()):
            df.update(grams.keys())
        n = max(len(new_grams) + len(old_grams), 1)
        idf = {g: math.log(1 + n / d) for g, d in df.items()}
        self.new = {k: _vector(g, idf) for k, g in new_grams.items()}
        self.old = {k: _vector(g, idf) for k, g in old_grams.items()}
        # Inverted index: a pair → the old texts holding it, so a text is compared only
        # through the pairs it shares with others (most pairs of a task are in few others).
        self._postings: dict[str, list[tuple[str, float]]] = {}
        for old_id, vec in self.old.items():
            for g, w in vec.items():
                self._postings.setdefault(g, []).append((old_id, w))

    def score(self, new_id: str, old_id: str) -> float:
        return cosine(self.new[new_id], self.old[old_id])

    def best(self, new_id: str, limit: int = 2, threshold: float = THRESHOLD) -> list[Match]:
        """The old texts at or above *threshold*, closest first, at most *limit*."""
        sums: dict[str, float] = {}
        for g, w in self.new[new_id].items():
            for old_id, w2 in self._postings.get(g, ()):
                sums[old_id] = sums.get(old_id, 0.0) + w * w2
        scored = [Match(old_id, score) for old_id, score in sums.items() if score >= threshold]
        scored.sort(key=lambda m: (-m.score, m.task_id))
        return scored[:limit]


def _vector(grams: Counter[str], idf: dict[str, float]) -> Vector:
    weights = {g: (1 + math.log(c)) * idf[g] for g, c in grams.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {g: w / norm for g, w in weights.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(g, 0.0) for g, w in a.items())


def task_texts(catalogue: Catalogue, ids: Iterable[str] | None = None) -> dict[str, str]:
    wanted = set(ids) if ids is not None else None
    return {t.id: t.text for t in catalogue.tasks() if wanted is None or t.id in wanted}


def catalogue_matcher(new: Catalogue, old: Catalogue) -> Matcher:
    return Matcher(task_texts(new), task_texts(old))


def same_titles(new: Catalogue, old: Catalogue) -> dict[str, str]:
    """New task → last year's task of an item with the very same title, both items of one task
    (五（二）“加强考核监督” in 2016 and 2017). The subject is the same even when the text was
    rewritten so much that its pairs score under :data:`THRESHOLD`; items of several tasks
    share a title between tasks of different subjects, so they never count."""

    def singles(catalogue: Catalogue) -> dict[str, str]:
        out: dict[str, str] = {}
        for _section, item in catalogue.items():
            title = _NOT_TEXT.sub("", item.title)
            if len(item.tasks) == 1 and len(title) >= 4:
                out.setdefault(title, item.tasks[0].id)
        return out

    old_by_title = singles(old)
    return {
        task_id: old_by_title[title]
        for title, task_id in singles(new).items()
        if title in old_by_title
    }
