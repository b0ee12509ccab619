"""Train the check's support score on ``bench/audit-dev.jsonl`` and ship it as a small JSON.

Why: the fact rules catch invented numbers, names, dates and quotes, but most inconsistent
summaries in FRANK/BUMP/SummEdits change a relation or a detail with words the source has. A
logistic regression over the per-sentence alignment features decides when a sentence is too
weakly supported; its decision becomes a ``claim_unsupported`` error, so ``consistent`` stays
"no error findings".

Method (multiple-instance, labels are per summary): a summary is inconsistent when any sentence
is; each summary is represented by its least supported sentence (start: lowest coverage; then
two rounds re-picking the sentence the current model scores lowest). The threshold maximises the
mean over datasets of balanced accuracy of the full decision (rule error OR support < threshold).
Honest figures: grouped 5-fold cross-validation by article (no article in both train and test).

Run:  .venv/bin/python scripts/train_audit.py [--data /work/shared/bench/audit-dev.jsonl]
Writes src/retell/data/audit_model.json (features, weights, bias, mean, scale, threshold, cv).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path("/work/shared/bench/audit-dev.jsonl")
OUT = ROOT / "src/retell/data/audit_model.json"
CACHE = Path(os.environ.get("RETELL_AUDIT_CACHE", "/tmp/retell_audit_feats.pkl"))


# The shipped feature set. With all 36 features the sign-bounded model fits the training folds
# better but generalises worse: grouped CV 60.9 (runs 62.2/60.0/60.4) against 61.6 (61.7/61.5/
# 61.5) for these ten, after the check moved onto retell.facts. Weights stay sign-bounded (more
# support never lowers the score), which an unconstrained fit on this set violated.
# Since the rules grew (name swaps, contrasts, repeated words, denials) the rules alone reach a
# mean balanced accuracy of 69.1 on audit-dev (nothing fitted) and rules + this score 68.3-68.5
# in grouped CV: the score adds nothing the rules do not catch, and C, the feature set, lr/signed
# and fitting on rule-clean summaries only (--residual) all land within 0.2 of each other. The
# shipped audit_model.json is NOT refitted: its threshold also screens the report's sentences, and
# a refit (threshold 0.44 -> 0.41) changes the golden reports.
SELECTED = (
    "cov",
    "single_cov",
    "extrinsic",
    "bi_src",
    "lcs_ratio",
    "subst_unrel",
    "subst_sister",
    "frag_jumps",
    "name_far",
    "log_len",
)


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def extract(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per row: per-sentence feature dicts, rule error kinds, and timing (ms)."""
    from retell.check import Checker
    from retell.ingest import from_text

    checkers: dict[str, Checker] = {}
    out = []
    for r in rows:
        t0 = time.perf_counter()
        art = r["article"]
        if art not in checkers:
            checkers[art] = Checker(from_text(art))
        ch = checkers[art]
        rew = from_text(r["summary"])
        sents = []
        rule_errors: list[str] = []
        rule_warnings: list[str] = []
        for _s, _v, found, feats in ch.each(rew):
            # every error but the support score's own (the opening-pronoun rule also reports a
            # claim_unsupported, and it is a rule: it decides whatever the score)
            rule_errors += [f.kind for f in found if f.severity == "error" and not _scored(f)]
            rule_warnings += [f.kind for f in found if f.severity == "warning"]
            if feats:
                sents.append(feats)
        out.append(
            {
                "sents": sents,
                "rule_errors": rule_errors,
                "rule_warnings": rule_warnings,
                "ms": (time.perf_counter() - t0) * 1000,
            }
        )
    return out


def _scored(f: Any) -> bool:
    """Whether a finding is the support score's verdict (not a rule's)."""
    return f.kind == "claim_unsupported" and f.message.startswith(
        "the source does not support this claim"
    )


def features_matrix(
    items: Sequence[dict[str, Any]], names: Sequence[str], pick: Sequence[int]
) -> list[list[float]]:
    return [
        [it["sents"][k].get(n, 0.0) for n in names] if it["sents"] else [0.0] * len(names)
        for it, k in zip(items, pick, strict=True)
    ]


def balanced_accuracy(y: Sequence[int], pred: Sequence[int]) -> float:
    """Mean of recall on inconsistent (y=0 → pred 0) and on consistent (y=1 → pred 1)."""
    pos = [p for t, p in zip(y, pred, strict=True) if t == 1]
    neg = [p for t, p in zip(y, pred, strict=True) if t == 0]
    r1 = sum(pos) / len(pos) if pos else 0.0
    r0 = sum(1 - p for p in neg) / len(neg) if neg else 0.0
    return 50.0 * (r0 + r1) if pos and neg else 100.0 * (r1 if pos else r0)


def mean_ba(rows: Sequence[dict[str, Any]], pred: Sequence[int]) -> tuple[float, dict[str, float]]:
    per: dict[str, float] = {}
    for d in sorted({r["dataset"] for r in rows}):
        ix = [i for i, r in enumerate(rows) if r["dataset"] == d]
        per[d] = balanced_accuracy([int(rows[i]["consistent"]) for i in ix], [pred[i] for i in ix])
    return sum(per.values()) / len(per), per


class Trees:
    """A gradient-boosted tree ensemble as plain lists, evaluated in pure Python."""

    def __init__(
        self,
        names: Sequence[str],
        init: float,
        rate: float,
        trees: list[dict[str, list[Any]]],
        thr: float = 0.5,
    ) -> None:
        self.names, self.init, self.rate, self.trees, self.thr = list(names), init, rate, trees, thr

    def prob(self, f: dict[str, float]) -> float:
        x = [f.get(n, 0.0) for n in self.names]
        z = self.init
        for t in self.trees:
            k = 0
            while t["left"][k] >= 0:
                k = t["left"][k] if x[t["feature"][k]] <= t["threshold"][k] else t["right"][k]
            z += self.rate * t["value"][k]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def min_prob(self, it: dict[str, Any]) -> float:
        return min((self.prob(f) for f in it["sents"]), default=1.0)


class Fitted:
    def __init__(
        self,
        names: Sequence[str],
        w: Sequence[float],
        b: float,
        mu: Sequence[float],
        sd: Sequence[float],
        thr: float,
    ) -> None:
        self.names, self.w, self.b, self.mu, self.sd, self.thr = (
            list(names),
            list(w),
            b,
            list(mu),
            list(sd),
            thr,
        )

    def prob(self, f: dict[str, float]) -> float:
        z = self.b + sum(
            w * (f.get(n, 0.0) - m) / s
            for n, w, m, s in zip(self.names, self.w, self.mu, self.sd, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def min_prob(self, it: dict[str, Any]) -> float:
        return min((self.prob(f) for f in it["sents"]), default=1.0)


def fit(
    rows: Sequence[dict[str, Any]],
    items: Sequence[dict[str, Any]],
    names: Sequence[str],
    c: float = 0.5,
    rounds: int = 2,
    kind: str = "lr",
) -> Any:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    all_rows, all_items = rows, items
    if RESIDUAL:  # the score only decides summaries the rules let through: fit on those
        keep = [i for i, it in enumerate(items) if not it["rule_errors"]]
        rows = [rows[i] for i in keep]
        items = [items[i] for i in keep]
    y = np.array([int(r["consistent"]) for r in rows])
    # per-dataset balancing: every dataset and class weighs the same in the loss
    wts = np.ones(len(rows))
    for d in {r["dataset"] for r in rows}:
        for cls in (0, 1):
            ix = [
                i for i, r in enumerate(rows) if r["dataset"] == d and int(r["consistent"]) == cls
            ]
            for i in ix:
                wts[i] = 1.0 / max(1, len(ix))
    wts *= len(rows) / wts.sum()
    pick = [
        min(range(len(it["sents"])), key=lambda k, it=it: it["sents"][k]["cov"])
        if it["sents"]
        else 0
        for it in items
    ]
    model = None
    for _ in range(rounds + 1):
        x = np.array(features_matrix(items, names, pick))
        if kind == "gbt":
            model = _fit_trees(x, y, wts, names)
            pick = [
                min(range(len(it["sents"])), key=lambda k, it=it: model.prob(it["sents"][k]))
                if it["sents"]
                else 0
                for it in items
            ]
            continue
        mu = x.mean(0)
        sd = x.std(0) + 1e-6
        if kind == "signed":
            w, b = _signed_lr((x - mu) / sd, y, wts, names, c)
            model = Fitted(names, w, b, mu.tolist(), sd.tolist(), 0.5)
        else:
            lr = LogisticRegression(C=c, max_iter=2000)
            lr.fit((x - mu) / sd, y, sample_weight=wts)
            model = Fitted(
                names, lr.coef_[0].tolist(), float(lr.intercept_[0]), mu.tolist(), sd.tolist(), 0.5
            )
        pick = [
            min(range(len(it["sents"])), key=lambda k, it=it: model.prob(it["sents"][k]))
            if it["sents"]
            else 0
            for it in items
        ]
    assert model is not None
    model.thr = best_threshold(all_rows, all_items, model)
    return model


# Sign constraints: more support can never make a sentence less consistent, more unsupported
# material never more — so the score means the same on a news rewrite as on the benchmark sets.
POSITIVE = {
    "cov",
    "exact",
    "single_cov",
    "bi_src",
    "bi_win",
    "tri_src",
    "lcs_ratio",
    "pair_support",
    "frag_density",
    "frag_cover",
    "subst_sister",
}
NEGATIVE = {
    "extrinsic",
    "extrinsic_n",
    "unmatched_n",
    "subst_unrel",
    "subst_n",
    "subst_intr",
    "name_far",
    "name_abs",
    "num_bad",
    "date_bad",
    "quote_bad",
    "neg_flip",
    "antonym",
    "frag_jumps",
    "frag_far",
    "insert_n",
    "hedge_drop",
    "attr_bad",
    "subst_adj",
}


def _signed_lr(
    x: Any, y: Any, wts: Any, names: Sequence[str], c: float
) -> tuple[list[float], float]:
    """Weighted L2 logistic regression with sign bounds (L-BFGS-B)."""
    import numpy as np
    from scipy.optimize import minimize

    n, d = x.shape

    def loss(theta: Any) -> tuple[float, Any]:
        w, b = theta[:d], theta[d]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-9
        ll = -np.sum(wts * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        reg = 0.5 / c * np.sum(w * w)
        g = wts * (p - y)
        return ll + reg, np.concatenate([x.T @ g + w / c, [g.sum()]])

    bounds = [
        (0, None) if nm in POSITIVE else (None, 0) if nm in NEGATIVE else (None, None)
        for nm in names
    ] + [(None, None)]
    res = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    return res.x[:d].tolist(), float(res.x[d])


def _fit_trees(x: Any, y: Any, wts: Any, names: Sequence[str]) -> Trees:
    from sklearn.ensemble import GradientBoostingClassifier

    gb = GradientBoostingClassifier(
        n_estimators=TREES,
        max_depth=DEPTH,
        learning_rate=RATE,
        subsample=0.8,
        min_samples_leaf=10,
        random_state=0,
    )
    gb.fit(x, y, sample_weight=wts)
    trees = []
    for est in gb.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            {
                "feature": [int(v) for v in t.feature],
                "threshold": [float(v) for v in t.threshold],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [float(v[0][0]) for v in t.value],
            }
        )
    x0 = x[:1]
    init = float(
        gb.decision_function(x0)[0] - RATE * sum(e.predict(x0)[0] for e in gb.estimators_[:, 0])
    )
    return Trees(names, init, RATE, trees)


TREES, DEPTH, RATE = 80, 3, 0.08
RESIDUAL = False


def decide(items: Sequence[dict[str, Any]], model: Fitted, thr: float) -> list[int]:
    return [0 if it["rule_errors"] or model.min_prob(it) < thr else 1 for it in items]


def best_threshold(
    rows: Sequence[dict[str, Any]], items: Sequence[dict[str, Any]], model: Fitted
) -> float:
    mins = [model.min_prob(it) for it in items]
    best = (-1.0, 0.5)
    for k in range(2, 99):
        thr = k / 100
        pred = [0 if it["rule_errors"] or m < thr else 1 for it, m in zip(items, mins, strict=True)]
        score, _ = mean_ba(rows, pred)
        if score > best[0]:
            best = (score, thr)
    return best[1]


def group_folds(rows: Sequence[dict[str, Any]], k: int = 5, salt: str = "") -> list[int]:
    """Fold of each row; rows of the same article share a fold (GroupKFold-like, by hash order)."""
    import hashlib

    arts = sorted(
        {r["article"] for r in rows}, key=lambda a: hashlib.sha1((salt + a).encode()).hexdigest()
    )
    fold_of = {a: i % k for i, a in enumerate(arts)}
    return [fold_of[r["article"]] for r in rows]


def cross_validate(
    rows: Sequence[dict[str, Any]],
    items: Sequence[dict[str, Any]],
    names: Sequence[str],
    k: int = 5,
    c: float = 0.5,
    kind: str = "lr",
    salt: str = "",
) -> tuple[float, dict[str, float], list[int], list[float]]:
    folds = group_folds(rows, k, salt)
    pred = [1] * len(rows)
    probs = [1.0] * len(rows)
    for f in range(k):
        tr = [i for i in range(len(rows)) if folds[i] != f]
        te = [i for i in range(len(rows)) if folds[i] == f]
        m = fit([rows[i] for i in tr], [items[i] for i in tr], names, c, kind=kind)
        for i in te:
            probs[i] = m.min_prob(items[i])
            pred[i] = 0 if items[i]["rule_errors"] or probs[i] < m.thr else 1
    score, per = mean_ba(rows, pred)
    return score, per, pred, probs


def auc(y: Sequence[int], s: Sequence[float]) -> float:
    pairs = sorted(zip(s, y, strict=True))
    pos = sum(y)
    neg = len(y) - pos
    rank_sum = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        avg = (i + j + 1) / 2
        rank_sum += avg * sum(p[1] for p in pairs[i:j])
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg) if pos and neg else 0.5


def get_items(rows: Sequence[dict[str, Any]], fresh: bool) -> list[dict[str, Any]]:
    if CACHE.exists() and not fresh:
        items: list[dict[str, Any]] = pickle.loads(CACHE.read_bytes())
        if len(items) == len(rows):
            return items
    items = extract(rows)
    CACHE.write_bytes(pickle.dumps(items))
    return items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument(
        "--fresh", action="store_true", help="recompute features (after changing the check)"
    )
    ap.add_argument("-C", type=float, default=0.5)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--model", choices=("lr", "signed", "gbt"), default="signed")
    ap.add_argument("--features", choices=("selected", "all"), default="selected")
    ap.add_argument("--repeats", type=int, default=3, help="CV repetitions with different folds")
    ap.add_argument("--residual", action="store_true", help="fit only on rule-clean summaries")
    args = ap.parse_args()
    global RESIDUAL
    RESIDUAL = args.residual
    sys.path.insert(0, str(ROOT / "src"))
    from retell.check.score import FEATURES

    rows = load(args.data)
    t = time.time()
    items = get_items(rows, args.fresh)
    print(f"features for {len(rows)} pairs in {time.time() - t:.1f}s", file=sys.stderr)
    names = list(FEATURES) if args.features == "all" else list(SELECTED)
    scores = []
    per_rep: dict[str, list[float]] = {}
    for rep in range(args.repeats):
        sc, pr, _, _ = cross_validate(rows, items, names, c=args.C, kind=args.model, salt=f"r{rep}")
        scores.append(sc)
        for d, v in pr.items():
            per_rep.setdefault(d, []).append(v)
    cv_mean = sum(scores) / len(scores)
    cv_per = {d: sum(v) / len(v) for d, v in per_rep.items()}
    print(
        f"grouped 5-fold CV by article, {args.repeats} fold assignments: mean balanced accuracy "
        f"{cv_mean:.1f} (runs: {', '.join(f'{x:.1f}' for x in scores)})"
    )
    for d, v in cv_per.items():
        print(f"  {d:16} BA {v:5.1f}")
    score, per, pred, probs = cross_validate(rows, items, names, c=args.C, kind=args.model)
    print(f"one fold assignment in detail: mean balanced accuracy {score:.1f}")
    for d, v in per.items():
        ix = [i for i, r in enumerate(rows) if r["dataset"] == d]
        a = auc(
            [int(rows[i]["consistent"]) for i in ix],
            [probs[i] * (0.5 if items[i]["rule_errors"] else 1.0) for i in ix],
        )
        print(f"  {d:16} BA {v:5.1f}  AUC {100 * a:5.1f}  n={len(ix)}")
    Path("/tmp/retell_oof.json").write_text(json.dumps({"pred": pred, "probs": probs}))
    rule_only = [0 if it["rule_errors"] else 1 for it in items]
    print(f"rules alone: mean BA {mean_ba(rows, rule_only)[0]:.1f}")
    m = fit(rows, items, names, args.C, kind=args.model)
    full, _ = mean_ba(rows, decide(items, m, m.thr))
    print(f"final model on all dev rows (in-sample, optimistic): {full:.1f}; threshold {m.thr:.2f}")
    for n, w in sorted(zip(names, m.w, strict=True), key=lambda x: -abs(x[1])):
        print(f"  {n:12} {w:+.3f}")
    if not args.no_write:
        OUT.write_text(
            json.dumps(
                {
                    "about": "retell check support score: logistic regression over per-sentence features; "
                    "trained by scripts/train_audit.py on bench/audit-dev.jsonl",
                    "features": names,
                    "weights": [round(w, 5) for w in m.w],
                    "bias": round(m.b, 5),
                    "mean": [round(x, 5) for x in m.mu],
                    "scale": [round(max(x, 1e-3), 5) for x in m.sd],
                    "threshold": m.thr,
                    "cv": {
                        "method": f"grouped 5-fold by article, mean of {args.repeats} fold assignments",
                        "mean_balanced_accuracy": round(cv_mean, 2),
                        "per_dataset": {d: round(v, 2) for d, v in cv_per.items()},
                    },
                }
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
