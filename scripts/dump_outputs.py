"""Dump every output retell gives on the benchmark data, one JSON line each, to compare two trees.

Why: speed work here must not change a single output (a faster check that flags one sentence
differently moves the audit figures; a faster engine that picks one other sentence moves ROUGE).
Run it on the tree before and after a change and compare the files byte for byte:

    PYTHONPATH=/tmp/before/src python scripts/dump_outputs.py before.jsonl
    PYTHONPATH=src python scripts/dump_outputs.py after.jsonl
    cmp before.jsonl after.jsonl

(``git archive HEAD src | tar -x -C /tmp/before`` makes the "before" tree; PYTHONPATH wins over the
editable install.) It covers every audit of audit-dev, the one-segment and default reports of
rouge-dev and rouge-train, the seed article and the saved pages in tests/fixtures/pages.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import retell
from retell.errors import RetellError
from retell.ingest import load

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the JSON-lines file to write")
    parser.add_argument(
        "--shared", default=str(ROOT.parent / "shared"), help="the shared folder (bench/, seeds/)"
    )
    args = parser.parse_args()
    shared = Path(args.shared)
    with open(args.out, "w", encoding="utf-8") as out:

        def dump(tag: str, obj: object) -> None:
            out.write(tag + "\t" + json.dumps(obj, sort_keys=True, ensure_ascii=False) + "\n")

        with open(shared / "bench" / "audit-dev.jsonl", encoding="utf-8") as f:
            for i, line in enumerate(f):
                row = json.loads(line)
                dump(f"audit{i}", retell.audit(row["article"], row["summary"]).to_dict())
        for name in ("rouge-dev", "rouge-train"):
            with open(shared / "bench" / f"{name}.jsonl", encoding="utf-8") as f:
                articles = [json.loads(line)["article"] for line in f]
            for i, text in enumerate(articles):
                one = retell.report(text, segments=1, words=60)
                dump(f"{name}-1x60-{i}", one.to_dict())
                dump(f"{name}-def-{i}", retell.report(text).to_dict())
        for path in sorted((shared / "seeds").glob("001_*.txt")):
            text = path.read_text("utf-8")
            dump("seed1x60", retell.report(text, segments=1, words=60).to_dict())
            dump("seeddef", retell.report(text).to_dict())
        for page in sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html")):
            try:
                dump(page.name, retell.report(load(str(page))).to_dict())
            except RetellError as e:
                dump(page.name, str(e))


if __name__ == "__main__":
    main()
