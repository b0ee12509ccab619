"""Golden outputs that speed work must leave unchanged, and the command that rewrites them.

Two files under ``tests/fixtures/golden/``: every candidate summary the extractive engine scores
(with its feature values) on the fixture articles, and the default multi-segment reports of those
articles (headline, section, sentences with their sources, questions). Rewrite them only when a
result is *meant* to change (a new feature, a retrained lexicon), and say so in the commit:

    .venv/bin/python tests/golden_outputs.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "golden"
ARTICLES: tuple[str, ...] = (
    "seed_article.txt",
    "cnndm_dev_00.txt",
    "cnndm_dev_05.txt",
    "cnndm_dev_12.txt",
)
ARTICLES += tuple(f"write/{n}.txt" for n in ("business", "health", "politics", "sport"))


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def candidate_features() -> dict[str, Any]:
    """Per article: each candidate's sentences, words and features (the engine's 60-word window)."""
    from retell.engines.extractive import model
    from retell.engines.extractive_features import FEATURES, candidates
    from retell.ingest import from_text

    m = model()
    out: dict[str, Any] = {}
    for name in ARTICLES:
        art = from_text(_text(name))
        units: list[Any] = []
        cands = candidates(art, 41, 61, m.window, m.max_pick, units)
        out[name] = {
            "units": [[v.index, v.words, [round(x, 10) for x in sf]] for v, sf in units],
            "candidates": [
                {
                    "chosen": [[v.index, v.words] for v in c.chosen],
                    "words": c.words,
                    "features": [round(c.features[k], 10) for k in FEATURES],
                }
                for c in cands
            ],
        }
    return out


def reports() -> dict[str, Any]:
    """Per article: the default report and a 3 × 120-word one, without the check's findings."""
    import retell

    out: dict[str, Any] = {}
    for name in ARTICLES:
        for label, kw in (("default", {}), ("3x120", {"segments": 3, "words": 120})):
            d = retell.report(_text(name), **kw).to_dict()
            out[f"{name}:{label}"] = {k: d[k] for k in ("headline", "section", "segments")}
    return out


def write() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for fname, data in (("candidates.json", candidate_features()), ("reports.json", reports())):
        (GOLDEN / fname).write_text(json.dumps(data, sort_keys=True) + "\n", "utf-8")


def load(fname: str) -> Any:
    return json.loads((GOLDEN / fname).read_text(encoding="utf-8"))


if __name__ == "__main__":
    write()
