"""Benchmark the audit on audit-dev.jsonl: balanced accuracy per dataset, recall per error type,
and speed against sumy's LexRank on the same article.

A summary is judged inconsistent when its audit has an error finding (``not audit.consistent``).
Figures:
- balanced accuracy (mean of the rate of inconsistent summaries caught and of consistent ones
  passed) per dataset and their mean — with the SHIPPED model, which was trained on this very
  file, so these are in-sample; the honest figure is ``--cv``: grouped 5-fold cross-validation by
  article (scripts/train_audit.py refits the support score on four folds, predicts the fifth);
- recall per FRANK / BUMP / SummEdits error type (share of inconsistent summaries of that type
  caught);
- ms per pair for ``retell.check.audit_texts(article, summary)`` (ingest both, build the
  checker, audit) and for sumy's LexRankSummarizer on the same article (pysbd sentences, sumy's
  own word tokenizer, English stemmer and stop words; parse + rank 3 sentences: bench/sumy_baseline.py), and the median per-pair ratio.

- the report's self-check beyond ingest: ``Checker(article)`` + ``.audit()`` of the one-segment
  report of ``--report`` (default: the seed article).

    .venv/bin/python bench/audit.py [--limit N] [--cv] [--no-speed] [--json] [--data PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path("/work/shared/bench/audit-dev.jsonl")
sys.path.insert(0, str(ROOT / "bench"))
from sumy_baseline import LexRank  # noqa: E402

TYPES = {
    "frank-cnndm": ("EntE", "RelE", "CircE", "OutE", "CorefE", "LinkE", "GramE", "Other"),
    "frank-xsum": ("EntE", "RelE", "CircE", "OutE", "CorefE", "LinkE", "GramE", "Other"),
}


def balanced_accuracy(y: list[int], pred: list[int]) -> float:
    pos = [p for t, p in zip(y, pred, strict=True) if t == 1]
    neg = [p for t, p in zip(y, pred, strict=True) if t == 0]
    if not pos or not neg:
        return float("nan")
    return 50.0 * (sum(pos) / len(pos) + sum(1 - p for p in neg) / len(neg))


def per_dataset(rows: list[dict[str, Any]], pred: list[int]) -> dict[str, float]:
    out = {}
    for d in sorted({r["dataset"] for r in rows}):
        ix = [i for i, r in enumerate(rows) if r["dataset"] == d]
        out[d] = balanced_accuracy([int(rows[i]["consistent"]) for i in ix], [pred[i] for i in ix])
    return out


def type_recall(rows: list[dict[str, Any]], pred: list[int]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for d in sorted({r["dataset"] for r in rows}):
        counts: dict[str, list[int]] = {}
        for r, p in zip(rows, pred, strict=True):
            if r["dataset"] != d or r["consistent"]:
                continue
            for t in r.get("error_types") or []:
                if d in TYPES and t not in TYPES[d]:
                    continue
                c = counts.setdefault(t, [0, 0])
                c[0] += 1 - p
                c[1] += 1
        if counts:
            out[d] = {t: f"{100 * c[0] / c[1]:.0f}% of {c[1]}" for t, c in sorted(counts.items())}
    return out


def cross_validated(
    rows: list[dict[str, Any]], repeats: int = 3
) -> tuple[float, dict[str, float], list[float]]:
    """The shipped configuration (scripts/train_audit.py defaults), refitted on 4 folds of
    articles and scored on the 5th; mean over ``repeats`` different fold assignments, and each
    assignment's mean (their spread says how much of a difference is fold noise)."""
    spec = importlib.util.spec_from_file_location("train_audit", ROOT / "scripts/train_audit.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    items = mod.extract(rows)
    scores: list[float] = []
    per_all: dict[str, list[float]] = {}
    for rep in range(repeats):
        score, per, _, _ = mod.cross_validate(
            rows, items, list(mod.SELECTED), kind="signed", salt=f"r{rep}"
        )
        scores.append(score)
        for d, v in per.items():
            per_all.setdefault(d, []).append(v)
    return sum(scores) / len(scores), {d: sum(v) / len(v) for d, v in per_all.items()}, scores


def report_check_ms(path: Path, repeats: int = 30) -> tuple[int, int, float, float]:
    """What the report's self-check costs beyond ingest: ``Checker(article)`` and ``.audit()`` of
    the one-segment report ``retell.report`` writes for ``path`` (medians over fresh articles,
    word caches warm). Returns (source sentences, report sentences, build ms, audit ms)."""
    import retell
    from retell.check import Checker
    from retell.ingest import from_text
    from retell.model import Segment
    from retell.pipeline import report_as_rewrite

    text = path.read_text(encoding="utf-8")
    rep = retell.report(text, segments=1)
    segs = [Segment(x.heading, x.sentences, x.question) for x in rep.segments]
    rewrite, cited = report_as_rewrite(segs)
    Checker(from_text(text)).audit(rewrite, cited)
    build, audit = [], []
    for _ in range(repeats):
        art = from_text(text)  # a new Article each time: nothing cached per article
        t0 = time.perf_counter()
        checker = Checker(art)
        t1 = time.perf_counter()
        checker.audit(rewrite, cited)
        t2 = time.perf_counter()
        build.append(1000 * (t1 - t0))
        audit.append(1000 * (t2 - t1))
    return (
        len(art.sentences),
        len(rewrite.sentences),
        statistics.median(build),
        statistics.median(audit),
    )


def judged_audit(source: str, rewrite: str) -> Any:
    """The typed audit, then the configured model's verdict merged in (retell audit --judge llm)."""
    from retell.check import Checker
    from retell.check.judge import judge
    from retell.ingest import from_text

    src, rew = from_text(source), from_text(rewrite)
    return judge(Checker(src).audit(rew), src, rew)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=0, help="at most N rows per dataset")
    ap.add_argument("--cv", action="store_true", help="also grouped 5-fold CV by article (honest)")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--report",
        type=Path,
        default=ROOT / "tests/fixtures/seed_article.txt",
        help="article whose one-segment report's self-check is timed",
    )
    ap.add_argument(
        "--judge",
        choices=("none", "llm"),
        default="none",
        help="merge a second opinion from the configured OpenAI-compatible model "
        "(RETELL_LLM_BASE_URL, RETELL_LLM_MODEL): one call per summary sentence, so use --limit",
    )
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from retell.check import audit_texts as plain_audit

    audit_texts: Callable[[str, str], Any] = judged_audit if args.judge == "llm" else plain_audit

    rows = [json.loads(x) for x in args.data.open(encoding="utf-8")]
    if args.limit:
        seen: dict[str, int] = {}
        kept = []
        for r in rows:
            seen[r["dataset"]] = seen.get(r["dataset"], 0) + 1
            if seen[r["dataset"]] <= args.limit:
                kept.append(r)
        rows = kept
    for r in rows[:3]:  # load the lexicon and lemma tables once, untimed
        audit_texts(r["article"], r["summary"])
    lexrank = None if args.no_speed else LexRank()
    pred, ms_retell, ms_sumy, ratios = [], [], [], []
    for r in rows:
        t0 = time.perf_counter()
        a = audit_texts(r["article"], r["summary"])
        t1 = time.perf_counter()
        pred.append(int(a.consistent))
        ms_retell.append(1000 * (t1 - t0))
        if lexrank is not None:
            t2 = time.perf_counter()
            lexrank.sentences(r["article"], 3)
            t3 = time.perf_counter()
            ms_sumy.append(1000 * (t3 - t2))
            ratios.append(ms_sumy[-1] / max(ms_retell[-1], 1e-6))
    per = per_dataset(rows, pred)
    result: dict[str, Any] = {
        "rows": len(rows),
        "shipped_model_in_sample": {"per_dataset": per, "mean": statistics.mean(per.values())},
        "recall_by_error_type": type_recall(rows, pred),
        "ms_per_pair": {
            "retell_mean": statistics.mean(ms_retell),
            "retell_median": statistics.median(ms_retell),
        },
    }
    if ms_sumy:
        result["ms_per_pair"].update(
            {
                "sumy_lexrank_mean": statistics.mean(ms_sumy),
                "sumy_lexrank_median": statistics.median(ms_sumy),
                "median_ratio_sumy_over_retell": statistics.median(ratios),
            }
        )
    if not args.no_speed:
        n_src, n_rep, b_ms, a_ms = report_check_ms(args.report)
        result["report_self_check_ms"] = {
            "source_sentences": n_src,
            "report_sentences": n_rep,
            "checker_build": b_ms,
            "audit": a_ms,
        }
    if args.cv:
        score, cv_per, runs = cross_validated(rows)
        result["grouped_cv_by_article"] = {"per_dataset": cv_per, "mean": score, "runs": runs}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"audit-dev: {len(rows)} pairs")
    if args.cv:
        cv = result["grouped_cv_by_article"]
        print(
            "balanced accuracy, grouped 5-fold CV by article, mean of 3 fold assignments (honest):"
        )
        for d, v in cv["per_dataset"].items():
            print(f"  {d:16} {v:5.1f}")
        runs = cv["runs"]
        print(
            f"  {'mean':16} {cv['mean']:5.1f} ± {statistics.pstdev(runs):.1f} "
            f"(fold assignments: {', '.join(f'{x:.1f}' for x in runs)})"
        )
    print("balanced accuracy, shipped model (trained on this file: in-sample, optimistic):")
    for d, v in per.items():
        print(f"  {d:16} {v:5.1f}")
    print(f"  {'mean':16} {result['shipped_model_in_sample']['mean']:5.1f}")
    print("recall by error type (shipped model):")
    for d, types in result["recall_by_error_type"].items():
        print(f"  {d}: " + ", ".join(f"{t} {v}" for t, v in types.items()))
    m = result["ms_per_pair"]
    line = f"ms per pair: retell {m['retell_mean']:.1f} (median {m['retell_median']:.1f})"
    if ms_sumy:
        line += (
            f"; sumy LexRank {m['sumy_lexrank_mean']:.1f} (median {m['sumy_lexrank_median']:.1f}); "
            f"median ratio sumy/retell {m['median_ratio_sumy_over_retell']:.1f}x"
        )
    print(line)
    if "report_self_check_ms" in result:
        r = result["report_self_check_ms"]
        print(
            f"report self-check ({r['source_sentences']} source sentences, a "
            f"{r['report_sentences']}-sentence report): Checker {r['checker_build']:.3f} ms + "
            f"audit {r['audit']:.3f} ms (median, beyond ingest)"
        )


if __name__ == "__main__":
    main()
