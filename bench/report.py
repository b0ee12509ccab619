"""Benchmark the one-segment short report against LEAD and sumy's LexRank on CNN/DM highlights.

For each article of rouge-dev.jsonl: ``retell.report(article, segments=1, words=60)``; ROUGE-1/2/L
F1 (rouge-score, Porter stemmer on) of its **sentences only** — headline and question excluded —
against the reference highlights, beside
- LEAD: the article's first N words, N = the number of words of retell's sentences (cut
  mid-sentence), on the raw article text as given (and, for reference, on the text ingest kept);
- sumy LexRank: sentences by LexRank rating (pysbd sentences, sumy's own word tokenizer:
  bench/sumy_baseline.py) added until N words, cut to N words — the same length as retell's.
Also: ms per article for retell (the whole pipeline) and sumy (parse + rank), the median
per-article ratio, and unsupported facts in retell's reports — numbers, quotations and multi-word
names absent from the article (an independent check in this script) plus the report's own
findings.

    .venv/bin/python bench/report.py [--limit N] [--json] [--data PATH]
    .venv/bin/python bench/report.py --default   # the default multi-segment report's speed
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rouge_score import rouge_scorer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sumy_baseline import LexRank  # noqa: E402

DATA = Path("/work/shared/bench/rouge-dev.jsonl")
WORDS = 60
LIMIT = 69  # words of the whole one-segment report, question included
TOTALS: list[int] = []  # words of each report, question included (when retell.report is used)
METRICS = ("rouge1", "rouge2", "rougeL")


# ----------------------------------------------------------------------------------------------
# retell


def retell_summarizer() -> tuple[str, Callable[[str], tuple[list[str], int]]]:
    """The summary under test: retell.report when the pipeline is there, else the engine."""
    try:
        import retell

        def via_report(text: str) -> tuple[list[str], int]:
            rep = retell.report(text, segments=1, words=WORDS)
            sents = [w.text for seg in rep.segments for w in seg.sentences]
            TOTALS.append(sum(seg.words for seg in rep.segments))
            return sents, len(rep.findings)

        via_report("A council approved a new bridge on Monday. Work starts in May, it said.")
        TOTALS.clear()  # the warm-up (lazy loading) is not an article
        return "retell.report(segments=1, words=60)", via_report
    except Exception as exc:  # the pipeline is another owner's; measure the engine meanwhile
        print(f"retell.report unavailable ({exc}); calling the engine directly", file=sys.stderr)
        from retell.engines.extractive import summarize
        from retell.ingest import from_text

        def via_engine(text: str) -> tuple[list[str], int]:
            return [w.text for w in summarize(from_text(text), WORDS)], 0

        return "extractive engine (summarize, words=60)", via_engine


def use_model(path: Path) -> None:
    """Make the extractive engine score with the weights in ``path`` (this process only)."""
    from retell.engines import extractive

    data = json.loads(path.read_text(encoding="utf-8"))
    m = extractive.Model(
        {k: float(v) for k, v in data["weights"].items()},
        int(data.get("window", extractive.LEAD_WINDOW)),
        int(data.get("max_pick", extractive.MAX_PICK)),
    )
    extractive.model = lambda: m  # type: ignore[assignment]


# ----------------------------------------------------------------------------------------------
# an independent check for invented facts


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_QUOTED = re.compile(r"(?:^|(?<=[\s(]))[\"“‘']([^\"“”]{12,}?)[\"”’'](?=[\s.,;:!?)]|$)")
_NAME = re.compile(r"(?<=[a-z,;:] )((?:[A-Z][a-z]+(?:[-'][A-Za-z]+)?\s){1,3}[A-Z][a-z]+)")


def _norm(text: str) -> str:
    return " ".join(
        text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split()
    )


def unsupported(summary: str, article: str) -> list[str]:
    """Numbers, quotations (≥12 characters) and multi-word names not found in the article."""
    art = _norm(article)
    art_nums = {m.group(0).rstrip(".,").replace(",", "") for m in _NUMBER.finditer(art)}
    out = []
    s = _norm(summary)
    for m in _NUMBER.finditer(s):
        if m.group(0).rstrip(".,").replace(",", "") not in art_nums:
            out.append(f"number {m.group(0)}")
    for m in _QUOTED.finditer(s):
        if _norm(m.group(1)) not in art:
            out.append(f"quote {m.group(1)[:40]}")
    for m in _NAME.finditer(s):
        if m.group(1) not in art:
            out.append(f"name {m.group(1)}")
    return out


# ----------------------------------------------------------------------------------------------


def time_default(data: Path, limit: int | None) -> int:
    """Time ``retell.report(article)`` — default segments and words — against sumy, per article."""
    import retell

    rows = [json.loads(line) for line in data.open(encoding="utf-8")][:limit]
    lexrank = LexRank().words
    retell.report(rows[0]["article"])  # load tables once, untimed
    ms_retell, ms_sumy, ratios, segments = [], [], [], []
    outside = 0  # segments whose words (sentences + question) miss 90 ± 15 %
    for row in rows:
        t0 = time.perf_counter()
        rep = retell.report(row["article"])
        t1 = time.perf_counter()
        outside += sum(not 76.5 <= seg["words"] <= 103.5 for seg in rep.to_dict()["segments"])
        n = sum(len(w.text.split()) for seg in rep.segments for w in seg.sentences)
        lexrank(row["article"], n)
        t2 = time.perf_counter()
        ms_retell.append(1000 * (t1 - t0))
        ms_sumy.append(1000 * (t2 - t1))
        ratios.append((t2 - t1) / max(t1 - t0, 1e-9))
        segments.append(len(rep.segments))
    print(
        f"{len(rows)} articles of {data.name}; retell.report(article) with default segments "
        f"(mean {statistics.mean(segments):.1f}) and words; sumy LexRank at the same length"
    )
    print(
        f"ms/article: retell median {statistics.median(ms_retell):.2f}, sumy median "
        f"{statistics.median(ms_sumy):.1f}; median per-article ratio {statistics.median(ratios):.1f}x"
    )
    print(f"segments outside 90 words ± 15%: {outside} of {sum(segments)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="ROUGE of retell's short report vs LEAD and LexRank")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--data", type=Path, default=DATA, help="a JSONL file with article, reference")
    ap.add_argument(
        "--model",
        type=Path,
        default=None,
        help="score with these extractive weights instead of the shipped ones (e.g. weights fit "
        "on rouge-train only: honest dev figures, since the shipped ones also saw rouge-dev)",
    )
    ap.add_argument(
        "--default",
        action="store_true",
        help="only time the default multi-segment report (retell.report(article)) against sumy, "
        "in a process of its own so nothing is warm from the one-segment runs",
    )
    args = ap.parse_args(argv)
    if args.model:
        use_model(args.model)
    if args.default:
        return time_default(args.data, args.limit)

    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    rows = rows[: args.limit] if args.limit else rows
    name, summarize = retell_summarizer()
    lexrank = LexRank().words
    from retell.ingest import from_text

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    systems = ("retell", "lead", "lead_ingested", "lexrank")
    scores: dict[str, dict[str, list[float]]] = {s: {m: [] for m in METRICS} for s in systems}
    from retell.engines.extractive import summarize as summarize_engine

    ms_retell, ms_sumy, ratios, words, findings = [], [], [], [], 0
    # CPU time of this thread as well as wall time: on a shared machine the wall clock also
    # counts the time other people's processes held the CPU, for retell and sumy alike.
    cpu_retell: list[float] = []
    cpu_sumy: list[float] = []
    cpu_ratios: list[float] = []
    ms_ingest: list[float] = []
    ms_engine: list[float] = []
    invented: list[tuple[str, str]] = []
    for row in rows:
        text, ref = row["article"], row["reference"]
        c0, t0 = time.thread_time(), time.perf_counter()
        sents, n_findings = summarize(text)
        t1, c1 = time.perf_counter(), time.thread_time()
        summary = " ".join(sents)
        n = len(summary.split())
        c2, t2 = time.thread_time(), time.perf_counter()
        lex = lexrank(text, n)
        t3, c3 = time.perf_counter(), time.thread_time()
        ms_retell.append(1000 * (t1 - t0))
        ms_sumy.append(1000 * (t3 - t2))
        ratios.append((t3 - t2) / max(t1 - t0, 1e-9))
        cpu_retell.append(1000 * (c1 - c0))
        cpu_sumy.append(1000 * (c3 - c2))
        cpu_ratios.append((c3 - c2) / max(c1 - c0, 1e-9))
        words.append(n)
        findings += n_findings
        invented += [(row.get("id", "?"), u) for u in unsupported(summary, text)]
        # Re-run after the report, so warm: this article's sentence stems and its question are
        # cached by then (the report itself paid for them). A lower bound of each stage's share.
        t4 = time.perf_counter()
        article = from_text(text)
        t5 = time.perf_counter()
        summarize_engine(article, WORDS)
        t6 = time.perf_counter()
        ms_ingest.append(1000 * (t5 - t4))
        ms_engine.append(1000 * (t6 - t5))
        kept = " ".join(s.text for s in article.sentences)
        cands = {
            "retell": summary,
            "lead": " ".join(text.split()[:n]),
            "lead_ingested": " ".join(kept.split()[:n]),
            "lexrank": lex,
        }
        for sys_name, cand in cands.items():
            sc = scorer.score(ref, cand)
            for m in METRICS:
                scores[sys_name][m].append(100 * sc[m].fmeasure)

    mean = {s: {m: statistics.mean(v) for m, v in d.items()} for s, d in scores.items()}
    result = {
        "data": str(args.data),
        "articles": len(rows),
        "summary": name,
        "model": str(args.model) if args.model else "shipped (fit on rouge-train + rouge-dev)",
        "scored_on": "summary sentences only (no headline, no question)",
        "words": {"mean": statistics.mean(words), "min": min(words), "max": max(words)},
        "report_words_with_question": {
            "mean": statistics.mean(TOTALS) if TOTALS else None,
            "max": max(TOTALS) if TOTALS else None,
            f"over_{LIMIT}": sum(t > LIMIT for t in TOTALS),
        },
        "rouge_f1": mean,
        "delta_vs_lead": {m: mean["retell"][m] - mean["lead"][m] for m in METRICS},
        "delta_vs_lead_ingested": {
            m: mean["retell"][m] - mean["lead_ingested"][m] for m in METRICS
        },
        "ms_per_article": {
            "retell_mean": statistics.mean(ms_retell),
            "retell_median": statistics.median(ms_retell),
            "sumy_mean": statistics.mean(ms_sumy),
            "sumy_median": statistics.median(ms_sumy),
            "median_ratio_sumy_over_retell": statistics.median(ratios),
            "retell_cpu_median": statistics.median(cpu_retell),
            "sumy_cpu_median": statistics.median(cpu_sumy),
            "median_cpu_ratio_sumy_over_retell": statistics.median(cpu_ratios),
            "of_which_ingest_median": statistics.median(ms_ingest),
            "of_which_extractive_engine_median": statistics.median(ms_engine),
        },
        "unsupported_facts": {
            "independent_check": len(invented),
            "examples": invented[:10],
            "report_findings": findings,
        },
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{len(rows)} articles of {args.data.name}; retell = {name}; weights: {result['model']}")
    print(
        "ROUGE F1 (rouge-score, stemmer on) of the summary SENTENCES ONLY (no headline/question),"
    )
    print(
        f"all systems at retell's length: {result['words']['mean']:.1f} words on average "
        f"({min(words)}-{max(words)})"
    )
    if TOTALS:
        rw = result["report_words_with_question"]
        print(
            f"whole reports with their question: {rw['mean']:.1f} words on average, max {rw['max']}, "
            f"{rw[f'over_{LIMIT}']} over {LIMIT}"
        )
    print(f"{'':28s}{'ROUGE-1':>9s}{'ROUGE-2':>9s}{'ROUGE-L':>9s}")
    labels = {
        "retell": "retell",
        "lead": "LEAD (raw article, N words)",
        "lead_ingested": "LEAD (ingested text)",
        "lexrank": "sumy LexRank (N words)",
    }
    for s in systems:
        print(f"{labels[s]:28s}" + "".join(f"{mean[s][m]:9.2f}" for m in METRICS))
    print(
        f"{'retell - LEAD (raw)':28s}"
        + "".join(f"{result['delta_vs_lead'][m]:+9.2f}" for m in METRICS)
    )
    print(
        f"{'retell - LEAD (ingested)':28s}"
        + "".join(f"{result['delta_vs_lead_ingested'][m]:+9.2f}" for m in METRICS)
    )
    t = result["ms_per_article"]
    print(
        f"ms/article: retell {t['retell_mean']:.2f} (median {t['retell_median']:.2f}), "
        f"sumy {t['sumy_mean']:.1f} (median {t['sumy_median']:.1f}); "
        f"median per-article ratio sumy/retell {t['median_ratio_sumy_over_retell']:.1f}x"
    )
    print(
        f"  CPU time (this thread): retell median {t['retell_cpu_median']:.2f} ms, sumy median "
        f"{t['sumy_cpu_median']:.1f} ms; median per-article ratio "
        f"{t['median_cpu_ratio_sumy_over_retell']:.1f}x"
    )
    print(
        f"  of retell's time (medians, re-run warm after the report): ingest "
        f"{t['of_which_ingest_median']:.2f} ms, extractive engine "
        f"{t['of_which_extractive_engine_median']:.2f} ms; the rest is the pipeline's "
        "(headline, section, question, check)"
    )
    u = result["unsupported_facts"]
    print(
        f"unsupported facts in retell's summaries: {u['independent_check']} (independent check), "
        f"{u['report_findings']} findings in the reports themselves"
    )
    for art_id, what in u["examples"]:
        print(f"  {art_id}: {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
