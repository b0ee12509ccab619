"""Benchmark the llm engine against any OpenAI-compatible endpoint: speed, what the gate keeps.

For the seed article and the first N articles of rouge-dev.jsonl: plan the report as the pipeline
does, let the llm engine write it, and measure
- seconds per article (wall clock, model calls included) and model calls per article;
- sentences kept from the model vs replaced by the extractive fallback (share of the report);
- unsupported facts before the gate — error findings the check makes on the model's first answer
  (invented or changed numbers, dates, names, quotes, unsupported claims) — and after it: error
  findings of the check on the finished draft, plus an independent count (numbers, quoted
  passages and multi-word capitalised names absent from the article, as in bench/report.py).

    .venv/bin/python bench/llm.py [--limit N] [--base-url URL] [--model NAME] [--json]

The endpoint comes from the flags, then RETELL_LLM_BASE_URL / RETELL_LLM_MODEL /
RETELL_LLM_API_KEY (make llm-server starts a local one on 127.0.0.1:8081).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from retell import ingest
from retell.check import Checker
from retell.engines import Options
from retell.engines.llm import LLMEngine
from retell.errors import RetellError
from retell.model import Segment
from retell.pipeline import report_as_rewrite
from retell.plan import plan

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed_article.txt"
DATA = Path("/work/shared/bench/rouge-dev.jsonl")

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTE = re.compile(r"(?:^|[\s(—-])['\"]([^'\"]{3,}?)['\"](?=[\s.,;:!?)—-]|$)")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")


def _norm(text: str) -> str:
    text = re.sub(r"[‘’‚′]", "'", text)
    text = re.sub(r"[“”„]", '"', text)
    return " ".join(text.split())


def absent_facts(text: str, source: str) -> int:
    """Numbers, quoted passages and multi-word names of ``text`` that ``source`` lacks."""
    text, source = _norm(text), _norm(source)
    n = sum(1 for x in _NUMBER.findall(text) if x not in source)
    n += sum(1 for q in _QUOTE.findall(text) if q.strip(" .,") not in source)
    for name in _NAME.findall(text):
        if name not in source and " ".join(name.split()[1:]) not in source:
            n += 1
    return n


def articles(limit: int, data: Path) -> list[tuple[str, str]]:
    out = [("seed", SEED.read_text(encoding="utf-8"))]
    if limit and data.exists():
        with data.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= limit:
                    break
                out.append((f"rouge-dev:{i}", json.loads(line)["article"]))
    return out


def run_one(name: str, text: str, extra: dict[str, Any]) -> dict[str, Any]:
    article = ingest.from_text(text)
    parts = plan(article, None, 90)
    engine = LLMEngine()
    t0 = time.monotonic()
    draft = engine.write(article, parts, Options(words=90, extra=extra))
    seconds = time.monotonic() - t0
    stats = engine.last_stats
    segs = [
        Segment("", tuple(d.sentences), d.question or "What do you think?")
        for d in draft.segments
        if d.sentences
    ]
    rewrite, cited = report_as_rewrite(segs)
    audit = Checker(article).audit(rewrite, cited)
    written = [w for s in segs for w in s.sentences]
    verbatim = {s.text for s in article.sentences}
    return {
        "article": name,
        "words": article.words,
        "parts": len(parts),
        "seconds": round(seconds, 2),
        "calls": sum(s.calls for s in stats),
        "proposed": sum(s.proposed for s in stats),
        "failed_first": sum(s.failed_first for s in stats),
        "errors_before": sum(s.errors_first for s in stats),
        "kept": sum(1 for w in written if w.origin == "model"),
        # model sentences that are a source sentence word for word (supported, but no rewrite)
        "kept_verbatim": sum(1 for w in written if w.origin == "model" and w.text in verbatim),
        "parts_skipped": sum(1 for s in stats if s.skipped),
        "replaced": sum(1 for w in written if w.origin != "model"),
        "errors_after": len(audit.errors),
        "absent_after": sum(absent_facts(w.text, article.text) for w in written),
        "headline_kept": draft.headline is not None,
        "questions_kept": sum(1 for d in draft.segments if d.question),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=3, help="rouge-dev articles besides the seed")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--base-url", default=None)
    ap.add_argument("--model", default=None)
    ap.add_argument("--api-key", default=None)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per model call")
    ap.add_argument("--budget", type=float, default=None, help="seconds per report (0: no limit)")
    ap.add_argument("--json", action="store_true", help="one JSON object per article, then totals")
    args = ap.parse_args(argv)
    extra = {
        "base_url": args.base_url,
        "model": args.model,
        "api_key": args.api_key,
        "timeout": args.timeout,
        "progress": False,
        "budget": args.budget,
    }
    rows: list[dict[str, Any]] = []
    for name, text in articles(args.limit, args.data):
        try:
            row = run_one(name, text, extra)
        except RetellError as exc:
            print(f"retell: {exc}", file=sys.stderr)
            return 2
        rows.append(row)
        if args.json:
            print(json.dumps(row))
        else:
            print(
                f"{name:>14}  {row['seconds']:6.1f} s  {row['calls']:2d} calls  "
                f"kept {row['kept']:2d} / replaced {row['replaced']:2d}  "
                f"errors before {row['errors_before']:2d} → after {row['errors_after']}  "
                f"(absent facts after: {row['absent_after']})",
                flush=True,
            )
    kept = sum(r["kept"] for r in rows)
    total = kept + sum(r["replaced"] for r in rows)
    summary = {
        "articles": len(rows),
        "seconds_per_article_mean": round(statistics.mean(r["seconds"] for r in rows), 1),
        "seconds_per_article_median": round(statistics.median(r["seconds"] for r in rows), 1),
        "calls_per_article": round(statistics.mean(r["calls"] for r in rows), 1),
        "kept_share": round(kept / total, 3) if total else 0.0,
        "kept_verbatim": sum(r["kept_verbatim"] for r in rows),
        "parts_skipped_for_time": sum(r["parts_skipped"] for r in rows),
        "model_sentences_proposed": sum(r["proposed"] for r in rows),
        "model_sentences_failed_first": sum(r["failed_first"] for r in rows),
        "errors_before_gate": sum(r["errors_before"] for r in rows),
        "errors_after_gate": sum(r["errors_after"] for r in rows),
        "absent_facts_after_gate": sum(r["absent_after"] for r in rows),
        "headlines_kept": sum(r["headline_kept"] for r in rows),
        "questions_kept": sum(r["questions_kept"] for r in rows),
        "segments": sum(r["parts"] for r in rows),
    }
    if args.json:
        print(json.dumps({"summary": summary}))
    else:
        print()
        for key, value in summary.items():
            print(f"{key:>30}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
