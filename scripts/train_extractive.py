"""Learn the extractive short summary's candidate scorer; write src/retell/data/extractive.json.

Why: on CNN/DM the lead (first N words) is the baseline to beat at equal length. For every article
we enumerate the engine's own candidate summaries (``extractive_features.candidates``), measure
each one's ROUGE-1 + ROUGE-2 F1 gain over the lead cut to the same number of words, and fit a
ridge regression from the candidate's features to that gain. At run time the engine picks the
candidate with the highest predicted gain — a dot product in plain Python.

Honest figures: ``--cv`` reports grouped K-fold cross-validation (folds by article) over
rouge-train + rouge-dev; the dev figures printed are from out-of-fold predictions only, i.e. no
dev article was scored by a model that saw it. The shipped weights are then fit on both files.

    .venv/bin/python scripts/train_extractive.py --cv          # figures only
    .venv/bin/python scripts/train_extractive.py --cv --write  # figures, then ship weights
    .venv/bin/python scripts/train_extractive.py --write --train-only --out /tmp/train.json
    .venv/bin/python bench/report.py --model /tmp/train.json     # honest dev figures
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from rouge_score import rouge_scorer

from retell.engines.extractive import MAX_QUESTION_WORDS, MIN_QUESTION_WORDS, admissible
from retell.engines.extractive_features import FEATURES, candidates
from retell.ingest import from_text

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path("/work/shared/bench")
OUT = ROOT / "src" / "retell" / "data" / "extractive.json"
WORDS = 60
# As the engine does with no question length given: 51..69 words less the longest or shortest
# question, then only candidates whose own question lands them within 51..69 (admissible).
LIMIT = int(WORDS * 1.15)
LOWER = round(WORDS * 0.85)
HI = LIMIT - MIN_QUESTION_WORDS
LO = LOWER - MAX_QUESTION_WORDS

_SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
_tok = _SCORER._tokenizer.tokenize  # the exact tokenisation rouge-score uses (stemmer on)


def _ngrams(toks: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def _f1(c: Counter[Any], r: Counter[Any]) -> float:
    if not c or not r:
        return 0.0
    ov = sum((c & r).values())
    if not ov:
        return 0.0
    p, q = ov / sum(c.values()), ov / sum(r.values())
    return 2 * p * q / (p + q)


def rouge12(toks: list[str], ref: list[str]) -> tuple[float, float]:
    """ROUGE-1/2 F1 as rouge-score computes them, on pre-tokenised text (fast for training)."""
    return _f1(_ngrams(toks, 1), _ngrams(ref, 1)), _f1(_ngrams(toks, 2), _ngrams(ref, 2))


def lead_text(article: Any, n: int) -> str:
    """The article's first ``n`` words (of the sentences ingest kept), cut mid-sentence."""
    return " ".join(" ".join(s.text for s in article.sentences).split()[:n])


SENT_WINDOW = 15  # stage 1 learns from the first 15 usable sentences of each article
# Stage-2 features, chosen by the CV below (dropping overlap_lead helped; each of the others hurt
# when dropped; adding ``trimmed`` — how many picks drop a connective or an aside, room for more
# content — gained +0.3 R1 and R2 over 10 fold assignments, and every other candidate feature
# tried lost). The candidate-minus-lead sentence score from stage 1 is added to these.
KEEP = ("bias", "rep_gain", "first", "pure_lead", "mean_pos", "fill", "trimmed")
SENT = tuple(k for k in FEATURES if k.startswith("s_"))
D_IDX = [FEATURES.index("d_" + k) for k in SENT]
K_IDX = [FEATURES.index(k) for k in KEEP]
STAGE2 = "listwise"  # or "ridge" (see --stage2)


def build(rows: list[dict[str, Any]], window: int, max_pick: int) -> list[dict[str, Any]]:
    """Per article: candidate features, each candidate's ROUGE and its lead's; and per usable
    sentence its features and its ROUGE-2 (bigram) precision against the reference."""
    out = []
    for row in rows:
        art = from_text(row["article"])
        ref = _tok(row["reference"])
        ref2 = set(zip(ref, ref[1:], strict=False))
        units: list[Any] = []
        cands = [
            c
            for c in candidates(art, LO, HI, window, max_pick, units)
            if admissible(art, c.chosen, c.words, LOWER, LIMIT)
        ]
        if not cands:
            continue
        tok_cache: dict[str, list[str]] = {}
        lead_cache: dict[int, tuple[float, float]] = {}
        X, gain, r1, r2, l1, l2 = [], [], [], [], [], []
        for c in cands:
            toks: list[str] = []
            for v in c.chosen:
                if v.text not in tok_cache:
                    tok_cache[v.text] = _tok(v.text)
                toks += tok_cache[v.text]
            a1, a2 = rouge12(toks, ref)
            if c.words not in lead_cache:
                lead_cache[c.words] = rouge12(_tok(lead_text(art, c.words)), ref)
            b1, b2 = lead_cache[c.words]
            X.append([c.features[k] for k in FEATURES])
            gain.append((a1 - b1) + (a2 - b2))
            r1.append(a1)
            r2.append(a2)
            l1.append(b1)
            l2.append(b2)
        SX, Sy = [], []
        if SENT_WINDOW:
            units = []
            candidates(art, LO, HI, SENT_WINDOW, 0, units)  # max_pick 0: the sentences only
        for v, sf in units:
            t = _tok(v.text)
            p2 = sum(b in ref2 for b in zip(t, t[1:], strict=False)) / max(1, len(t) - 1)
            SX.append([1.0, *sf])
            Sy.append(p2)  # bigram precision: a little better in CV than p1 + p2 or p1
        out.append(
            {
                "id": row["id"],
                "X": np.array(X),
                "y": np.array(gain),
                "r1": np.array(r1),
                "r2": np.array(r2),
                "l1": np.array(l1),
                "l2": np.array(l2),
                "SX": np.array(SX),
                "Sy": np.array(Sy),
            }
        )
    return out


def fit_sentences(arts: list[dict[str, Any]], alpha: float = 1.0) -> np.ndarray:
    """Stage 1: a sentence's bigram precision against the highlights from its features.

    Thousands of sentences constrain these weights far better than 155 candidate choices would.
    """
    X = np.vstack([a["SX"] for a in arts])
    y = np.concatenate([a["Sy"] for a in arts])
    pen = alpha * np.eye(X.shape[1])
    pen[0, 0] = 0.0
    return np.linalg.solve(X.T @ X + pen, X.T @ y)


def design(a: dict[str, Any], ws: np.ndarray) -> np.ndarray:
    """Stage-2 inputs: a few candidate features and the candidate-minus-lead sentence score."""
    sp = a["X"][:, D_IDX] @ ws[1:]
    return np.column_stack([a["X"][:, K_IDX], sp])


def fit_ridge(arts: list[dict[str, Any]], alpha: float) -> np.ndarray:
    """Stage 2: ridge regression of the gain, within articles (only differences matter)."""
    Xs, ys = [], []
    for a in arts:
        Xs.append(a["Z"] - a["Z"].mean(axis=0))
        ys.append(a["y"] - a["y"].mean())
    X = np.vstack(Xs)
    y = np.concatenate(ys)
    sd = X.std(axis=0)
    sd[sd < 1e-9] = 1.0
    Z = X / sd
    beta = np.linalg.solve(Z.T @ Z + alpha * np.eye(Z.shape[1]), Z.T @ y)
    return beta / sd


def fit_listwise(
    arts: list[dict[str, Any]], lam: float, temp: float = 0.1, iters: int = 200, lr: float = 0.3
) -> np.ndarray:
    """Stage 2, listwise: maximise each article's expected gain under a softmax over its
    candidates (temperature ``temp``, L2 penalty ``lam``). It optimises the choice itself, not
    the gain of every candidate, and beat ridge on ROUGE-2 in cross-validation."""
    X = np.vstack([a["Z"] for a in arts])
    sd = X.std(axis=0)
    sd[sd < 1e-9] = 1.0
    Zs = [a["Z"] / sd for a in arts]
    w = np.zeros(X.shape[1])
    for _ in range(iters):
        g = np.zeros_like(w)
        for Z, a in zip(Zs, arts, strict=True):
            s = Z @ w / temp
            p = np.exp(s - s.max())
            p /= p.sum()
            y = a["y"]
            g += Z.T @ (p * (y - p @ y)) / temp
        w += lr * (g / len(Zs) - lam * w)
    return w / sd


def fit(arts: list[dict[str, Any]], alpha: float) -> dict[str, float]:
    """Both stages; returns flat weights over FEATURES (what the engine evaluates).

    ``alpha`` is the stage-2 penalty: ridge's when STAGE2 is "ridge", else the listwise L2.
    """
    ws = fit_sentences(arts)
    staged = [dict(a, Z=design(a, ws)) for a in arts]
    wc = fit_ridge(staged, alpha) if STAGE2 == "ridge" else fit_listwise(staged, alpha)
    w = dict.fromkeys(FEATURES, 0.0)
    for k, v in zip(KEEP, wc[:-1], strict=True):
        w[k] = float(v)
    for k, v in zip(SENT, ws[1:], strict=True):
        w["d_" + k] = float(wc[-1] * v)
    return w


def pick(a: dict[str, Any], w: dict[str, float]) -> int:
    vec = np.array([w[k] for k in FEATURES])
    return int(np.argmax(a["X"] @ vec))


def evaluate(arts: list[dict[str, Any]], choice: list[int]) -> dict[str, float]:
    def mean(key: str) -> float:
        return 100 * statistics.mean(a[key][i] for a, i in zip(arts, choice, strict=True))

    m = {k: mean(k) for k in ("r1", "r2", "l1", "l2")}

    def se(a_key: str, b_key: str) -> float:  # standard error of the per-article difference
        d = [100 * (a[a_key][i] - a[b_key][i]) for a, i in zip(arts, choice, strict=True)]
        return statistics.stdev(d) / len(d) ** 0.5 if len(d) > 1 else 0.0

    return {
        "se_r1": se("r1", "l1"),
        "se_r2": se("r2", "l2"),
        "n": len(arts),
        "r1": m["r1"],
        "r2": m["r2"],
        "lead_r1": m["l1"],
        "lead_r2": m["l2"],
        "d_r1": m["r1"] - m["l1"],
        "d_r2": m["r2"] - m["l2"],
    }


def cross_validate(arts: list[dict[str, Any]], alpha: float, folds: int, seed: int) -> list[int]:
    """Out-of-fold choice per article (folds by article; both stages refit per fold)."""
    order = list(range(len(arts)))
    random.Random(seed).shuffle(order)
    choice = [0] * len(arts)
    for f in range(folds):
        test = set(order[f::folds])
        w = fit([a for i, a in enumerate(arts) if i not in test], alpha)
        for i in test:
            choice[i] = pick(arts[i], w)
    return choice


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--cv", action="store_true", help="print cross-validated figures")
    ap.add_argument("--write", action="store_true", help="fit on train+dev and ship the weights")
    ap.add_argument("--out", type=Path, default=OUT, help=f"where --write writes (default {OUT})")
    ap.add_argument(
        "--train-only",
        action="store_true",
        help="fit the written weights on rouge-train alone (for honest dev figures in bench)",
    )
    ap.add_argument("--alpha", type=float, default=None, help="ridge penalty (default: by CV)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--stage2", choices=("listwise", "ridge"), default="listwise")
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--window", type=int, default=8)
    # 3, not 5: as good or better in CV (+0.1 R1/R2 with the features above; 4 or 5 sentences in
    # ~50 words are short ones, rarely the best), and a third of the candidates to score.
    ap.add_argument("--max-pick", type=int, default=3)
    args = ap.parse_args(argv)
    global STAGE2
    STAGE2 = args.stage2
    grid = [0.001, 0.01, 0.1] if STAGE2 == "listwise" else [30.0, 300.0, 3000.0]

    def load(name: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in (BENCH / name).open(encoding="utf-8")]

    train = build(load("rouge-train.jsonl"), args.window, args.max_pick)
    dev = build(load("rouge-dev.jsonl"), args.window, args.max_pick)
    both = train + dev
    dev_idx = list(range(len(train), len(both)))
    cands = statistics.mean(len(a["y"]) for a in both)
    print(
        f"articles with candidates: train {len(train)}, dev {len(dev)}; {cands:.0f} candidates each"
    )
    print(
        "dev oracle (best candidate):  ", _fmt(evaluate(dev, [int(np.argmax(a["y"])) for a in dev]))
    )

    alpha = args.alpha or (0.01 if STAGE2 == "listwise" else 300.0)
    if args.cv:
        best = -1e9
        default = alpha
        for a_ in [args.alpha] if args.alpha else grid:
            res_all, res_dev = [], []
            for seed in range(args.repeats):  # repeated: the choice of folds moves figures a bit
                ch = cross_validate(both, a_, args.folds, seed)
                res_all.append(evaluate(both, ch))
                res_dev.append(evaluate([both[i] for i in dev_idx], [ch[i] for i in dev_idx]))
            m_all = {k: statistics.mean(r[k] for r in res_all) for k in res_all[0]}
            m_dev = {k: statistics.mean(r[k] for r in res_dev) for k in res_dev[0]}
            spread = [
                statistics.stdev(r[k] for r in res_all) if len(res_all) > 1 else 0.0
                for k in ("d_r1", "d_r2")
            ]
            print(f"CV alpha={a_:g}  all 155 (oof): {_fmt(m_all)}")
            print(
                f"              over {args.repeats} fold assignments: sd {spread[0]:.2f} R1, "
                f"{spread[1]:.2f} R2 (the ± above: standard error over articles)"
            )
            print(f"              dev 81 (oof):  {_fmt(m_dev)}")
            # Chosen on all articles, not dev alone; the default keeps its place unless another
            # penalty beats it clearly (0.1 of R1 + R2): smaller differences are fold noise.
            score_ = m_all["d_r1"] + m_all["d_r2"] + (0.1 if a_ == default else 0.0)
            if score_ > best:
                best, alpha = score_, a_
        w = fit(train, alpha)
        print(
            f"train-only fit -> dev (alpha={alpha:g}): {_fmt(evaluate(dev, [pick(a, w) for a in dev]))}"
        )
    if args.write:
        w = fit(train if args.train_only else both, alpha)
        args.out.write_text(
            json.dumps(
                {
                    "about": "retell extractive short-summary scorer: linear weights over "
                    "retell.engines.extractive_features.FEATURES predicting the ROUGE-1+2 F1 gain "
                    "over the lead at equal length; fit by scripts/train_extractive.py on "
                    + ("rouge-train only" if args.train_only else "rouge-train + rouge-dev")
                    + " (CNN/DM highlights).",
                    "stage2": STAGE2,
                    "penalty": alpha,
                    "window": args.window,
                    "max_pick": args.max_pick,
                    "weights": {k: round(v, 6) for k, v in w.items() if v},
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _fmt(m: dict[str, float]) -> str:
    return (
        f"R1 {m['r1']:.2f} (lead {m['lead_r1']:.2f}, {m['d_r1']:+.2f} ±{m['se_r1']:.2f})  "
        f"R2 {m['r2']:.2f} (lead {m['lead_r2']:.2f}, {m['d_r2']:+.2f} ±{m['se_r2']:.2f})"
    )


if __name__ == "__main__":
    raise SystemExit(main())
