"""Build the compact WordNet table the check ships in ``src/retell/data/lexicon.txt.gz``.

Why: the audit must tell a paraphrase ("troops" for "soldiers") from a contradiction ("rose" for
"fell") without a model. WordNet 3.0 (Princeton licence, redistributable) gives synonyms,
antonyms, one-step generalisations (hypernyms) and derivations; this script reads the Debian
``wordnet-base`` dict folder once at development time so users of ``pip install`` need nothing.

Run:  apt-get install -y wordnet-base && .venv/bin/python scripts/build_lexicon.py

Output format (UTF-8, gzip, one record per line, sections introduced by ``#name``):
  #syn   ``w1 w2 …|h1 h2``  one synset per line: its single-word lemmas, then the line numbers of
         its hypernym synsets (line numbers count within the #syn section, from 0)
  #sense ``word s1 s2 …``   the synsets of a word, most frequent sense first (at most MAX_SENSES
         per part of speech)
  #ant   ``a b``            antonym pair (lexical pointer "!")
  #der   ``a b``            derivation or pertainym pair ("+", "\\"): invade/invasion, Russian/Russia
  #val   ``word score``     sentiment valence from the VADER lexicon (MIT licence, C.J. Hutto),
         words with |score| >= 0.8 — when ``vaderSentiment`` is installed (dev dependency);
         a rewrite that swaps a word for one of opposite valence says the opposite
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

NOTICE = (
    "Built by scripts/build_lexicon.py from WordNet 3.0 (Copyright 2006 Princeton University, "
    "WordNet 3.0 licence: free use, copy and distribution with this notice) and the VADER "
    "sentiment lexicon (Copyright (c) 2016 C.J. Hutto, MIT licence)."
)
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
MAX_SENSES = 4  # senses per word and part of speech kept: rare senses make noisy synonyms
INDIRECT = False  # indirect antonyms (satellite <-> head antonym): tried, too noisy


def _single(word: str) -> str | None:
    w = word.split("(")[0].lower()
    return None if "_" in w or not w.isalpha() else w


def build(wn: Path, out: Path) -> None:
    synsets: dict[tuple[str, str], list[str]] = {}
    hypers: dict[tuple[str, str], list[tuple[str, str]]] = {}
    ant: set[tuple[str, str]] = set()
    der: set[tuple[str, str]] = set()
    similar: dict[tuple[str, str], list[tuple[str, str]]] = {}  # satellite -> its head
    head_ant: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    for name in POS_FILES.values():
        for line in (wn / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            head = line.split(" | ")[0].split()
            off, ss_type = head[0], head[2]
            key = (off, "a" if ss_type == "s" else ss_type)
            n = int(head[3], 16)
            words = [head[4 + 2 * i] for i in range(n)]
            i = 4 + 2 * n
            p_cnt = int(head[i])
            ptrs = [head[i + 1 + 4 * k : i + 5 + 4 * k] for k in range(p_cnt)]
            synsets[key] = [w for w in (_single(x) for x in words) if w]
            hypers[key] = []
            for sym, t_off, t_pos, st in ptrs:
                t_key = (t_off, "a" if t_pos == "s" else t_pos)
                if sym in ("@", "@i"):
                    hypers[key].append(t_key)
                if sym == "&" and ss_type == "s":
                    similar.setdefault(key, []).append(t_key)
                if sym == "!" and key[1] == "a" and ss_type == "a":
                    head_ant.add((key, t_key))
                src, tgt = int(st[:2], 16), int(st[2:], 16)
                if sym in ("!", "+", "\\") and src:
                    a = _single(words[src - 1])
                    if not a:
                        continue
                    targets = _target_words(wn, t_key, tgt)
                    for b in targets:
                        if b and b != a:
                            pair = (min(a, b), max(a, b))
                            (ant if sym == "!" else der).add(pair)
    # indirect antonyms: a satellite adjective is the opposite of its head's antonym
    # ("roundabout" ~ "indirect" <-> "direct")
    for sat, heads in similar.items() if INDIRECT else ():
        for h in heads:
            for h1, h2 in head_ant:
                if h1 != h:
                    continue
                for a in synsets.get(sat, []):
                    for b in synsets.get(h2, []):
                        if a != b:
                            ant.add((min(a, b), max(a, b)))
    for a, b in _contrasts():
        ant.add((min(a, b), max(a, b)))
    senses: dict[str, list[tuple[str, str]]] = {}
    for pos, name in POS_FILES.items():
        for line in (wn / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            parts = line.split()
            w = _single(parts[0])
            if not w:
                continue
            n_syn = int(parts[2])
            offs = parts[-n_syn:][:MAX_SENSES]
            senses.setdefault(w, []).extend((o, pos) for o in offs)
    keep = {k for ks in senses.values() for k in ks}
    # keep hypernyms of kept synsets (two levels) so generalisations resolve
    for _ in range(2):
        keep |= {h for k in list(keep) for h in hypers.get(k, [])}
    order = sorted(keep)
    index = {k: i for i, k in enumerate(order)}
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(f"#about {NOTICE}\n")
        fh.write("#syn\n")
        for k in order:
            hs = " ".join(str(index[h]) for h in hypers.get(k, []) if h in index)
            fh.write(" ".join(synsets.get(k, [])) + "|" + hs + "\n")
        fh.write("#sense\n")
        for w in sorted(senses):
            fh.write(w + " " + " ".join(str(index[k]) for k in senses[w] if k in index) + "\n")
        fh.write("#ant\n")
        for a, b in sorted(ant):
            fh.write(f"{a} {b}\n")
        fh.write("#der\n")
        for a, b in sorted(der):
            fh.write(f"{a} {b}\n")
        fh.write("#val\n")
        for w, v in sorted(_valence().items()):
            fh.write(f"{w} {v:g}\n")


# Contrasts WordNet leaves out that news rewrites swap: members of a closed class (a colour for
# another, a weekday, a relative) and opposite events or directions ("cleared" for "sentenced",
# "before" for "after"). Each group lists words that contradict one another; "a b c | d e"
# pairs every word left of the bar with every word right of it. Left out on purpose: win/defeat
# (one side's win is the other's defeat) and domestic/international ("the International
# Monetary Fund" next to "domestic bills").
CONTRASTS = """
red orange yellow green blue purple pink brown black white grey gray violet
monday tuesday wednesday thursday friday saturday sunday
january february march april june july august september october november december
spring summer autumn winter
minute hour day week month year decade century
north south east west
northern southern eastern western
husband wife
son daughter
father mother
brother sister
boy girl
king queen
prince princess
uncle aunt
nephew niece
grandfather grandmother
grandson granddaughter
boyfriend girlfriend
actor actress
man woman
men women
male female
before after
earlier later
above below
inside outside
minimum maximum
first last
oldest youngest
eldest youngest
largest smallest
biggest smallest
highest lowest
best worst
wedding funeral
birth death
born died
alive dead
survive die
survived died
home away
import export
buy sell
bought sold
lend borrow
hire fire sack
arrest release free
arrested released freed
acquit acquitted cleared | convict convicted sentence sentenced jail jailed guilty
accuse accused | clear cleared acquit acquitted
approve approved | reject rejected veto vetoed block blocked
allow allowed permit permitted | ban banned forbid forbade prohibit prohibited
accept accepted | reject rejected refuse refused decline declined
admit admitted confirm confirmed | deny denied
support supported | oppose opposed
praise praised | criticise criticised criticize criticized condemn condemned
rise rose risen surge surged soar soared jump jumped climb climbed | fall fell fallen drop dropped decline declined plunge plunged slump slumped tumble tumbled sink sank
upgrade upgraded promote promoted | downgrade downgraded demote demoted relegate relegated
promotion | relegation
surplus | deficit
ally allies friend friends | enemy enemies foe foes
bullish | bearish
hawkish | dovish
overestimate overestimated | underestimate underestimated
increase increased raise raised boost boosted | cut reduce reduced lower lowered decrease decreased
expand expanded | shrink shrank
strengthen strengthened | weaken weakened
open opened | close closed shut
start started begin began launch launched | stop stopped end ended finish finished
include included | exclude excluded
add added install installed | remove removed delete deleted
keep kept | remove removed
join joined | leave left quit
appoint appointed hire hired | resign resigned sack sacked fire fired
arrive arrived | depart departed leave left
attack attacked | defend defended
save saved rescue rescued | kill killed
voluntary | mandatory compulsory
secretly privately covertly | publicly openly
hide hid hidden conceal concealed | reveal revealed unveil unveiled disclose disclosed
spur spurred boost stimulate stimulated accelerate accelerated | hinder hindered hamper hampered slow slowed curb curbed
near nearby | distant remote
inflate inflated | deflate deflated
thriving booming flourishing | struggling ailing
temporary | permanent
public | private
legal | illegal
safe | dangerous unsafe
cheap | expensive
rich wealthy | poor
easy | difficult hard
young | old elderly
upper | lower
full | empty
peaceful | violent
majority | minority
success | failure
profit | loss
gain | loss
"""


def _contrasts() -> list[tuple[str, str]]:
    out = []
    for line in CONTRASTS.strip().splitlines():
        if "|" in line:
            left, right = (side.split() for side in line.split("|"))
            out += [(a, b) for a in left for b in right if a != b]
        else:
            ws = line.split()
            out += [(a, b) for i, a in enumerate(ws) for b in ws[i + 1 :]]
    return out


def _valence() -> dict[str, float]:
    """VADER's word valences (-4..4), single alphabetic words with |score| >= 0.8."""
    try:
        import vaderSentiment
    except ImportError:
        print("vaderSentiment not installed: no #val section")
        return {}
    path = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha() and abs(float(parts[1])) >= 0.8:
            out[parts[0].lower()] = float(parts[1])
    return out


_CACHE: dict[tuple[str, str], list[str]] = {}


def _target_words(wn: Path, key: tuple[str, str], tgt: int) -> list[str | None]:
    """Words of a pointed-to synset (one word when the pointer is lexical)."""
    if key not in _CACHE:
        name = POS_FILES[key[1]]
        with (wn / f"data.{name}").open("rb") as fh:
            fh.seek(int(key[0]))
            head = fh.readline().decode("latin-1").split()
        n = int(head[3], 16)
        _CACHE[key] = [head[4 + 2 * i] for i in range(n)]
    words = _CACHE[key]
    chosen = [words[tgt - 1]] if tgt and tgt <= len(words) else words
    return [_single(w) for w in chosen]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "src/retell/data/lexicon.txt.gz",
    )
    args = ap.parse_args()
    build(args.wordnet, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
