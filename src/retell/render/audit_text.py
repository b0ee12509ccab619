"""An audit as plain text for a terminal: a verdict line, then each rewrite sentence that has
findings (or is unsupported) with its findings under it, grouped by sentence so the reader sees
the defect in its context. ANSI colour only when asked for (``color=True``), never in files.
"""

from __future__ import annotations

import textwrap

from retell.check.model import Audit, Finding

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
_STATUS_MARK = {"supported": "✓", "partial": "~", "unsupported": "✗", "opinion": "?"}


def render_text(audit: Audit, color: bool = False) -> str:
    """The audit as readable text, findings grouped under the rewrite sentence they concern."""

    def c(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    d = audit.to_dict()["summary"]
    verdict = "consistent" if audit.consistent else "NOT consistent"
    head = (
        f"{verdict} (score {audit.score:.2f}): {d['sentences']} sentences, {d['supported']} "
        f"supported, {d['errors']} errors, {d['warnings']} warnings"
    )
    lines = [c(_BOLD + (_COLORS["error"] if not audit.consistent else ""), head), ""]
    by_sentence: dict[int, list[Finding]] = {}
    for f in audit.findings:
        by_sentence.setdefault(f.rewrite.sentence, []).append(f)
    for v in audit.sentences:
        fs = by_sentence.get(v.index, [])
        if not fs and v.status != "unsupported":
            continue
        support = ", ".join(v.support) if v.support else "no source sentence"
        lines.append(
            c(_BOLD, f"[{v.index}] {_STATUS_MARK.get(v.status, '')} {v.status}")
            + c(_DIM, f"  (support {v.score:.2f}; {support})")
        )
        lines.extend("    " + x for x in textwrap.wrap(v.text, 96))
        for f in fs:
            tag = c(_COLORS.get(f.severity, ""), f"{f.severity.upper():7}")
            lines.append(f"  {tag} {f.kind}: “{f.rewrite.text}” — {f.message}")
            if f.source is not None:
                src = f.source.text if len(f.source.text) <= 160 else f.source.text[:157] + "…"
                lines.append(c(_DIM, f"          source: “{src}”"))
        lines.append("")
    if len(lines) == 2:
        lines.append("No findings.")
    return "\n".join(lines).rstrip() + "\n"
