"""An audit as one standalone HTML page: the rewrite with every finding highlighted in place.

Hovering a highlight shows the finding's message and the source sentence it was compared with
(a CSS tooltip, with the same text in the ``title`` attribute for keyboards and screen readers).
All text is escaped; the page loads nothing from the network.
"""

from __future__ import annotations

from html import escape

from retell.check.model import Audit, Finding

_CSS = """
body{font:16px/1.6 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font:600 1.3rem system-ui,sans-serif}.verdict{font:600 1rem system-ui,sans-serif;padding:.5rem .8rem;border-radius:6px}
.ok{background:#e6f4ea;color:#1e5c2f}.bad{background:#fce8e6;color:#8c1d18}
.rewrite{white-space:pre-wrap}.f{position:relative;border-bottom:2px solid;cursor:help}
.f.error{background:#fde2e0;border-color:#c5221f}.f.warning{background:#fff4d6;border-color:#e3a008}
.f.info{background:#e8f0fe;border-color:#1a73e8}
.f .tip{display:none;position:absolute;left:0;top:1.7em;z-index:9;width:24rem;padding:.5rem .7rem;
background:#fff;border:1px solid #bbb;border-radius:6px;box-shadow:0 2px 8px #0003;
font:13px/1.4 system-ui,sans-serif;color:#222;white-space:normal}
.f:hover .tip,.f:focus .tip{display:block}.tip b{display:block}.tip q{color:#555}
table{border-collapse:collapse;font:14px system-ui,sans-serif;margin-top:2rem;width:100%}
td,th{border-top:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
"""


def _sentence_around(text: str, a: int, b: int) -> str:
    """The source sentence holding [a, b) (from the nearest sentence ends around it)."""
    if not text or not (0 <= a <= b <= len(text)):
        return ""
    lo = max(
        text.rfind(". ", 0, a),
        text.rfind("? ", 0, a),
        text.rfind("! ", 0, a),
        text.rfind("\n", 0, a),
    )
    hi = min(
        [
            x
            for x in (
                text.find(". ", b),
                text.find("? ", b),
                text.find("! ", b),
                text.find("\n", b),
            )
            if x >= 0
        ]
        or [len(text)]
    )
    return text[lo + 1 : hi + 1].strip()


def _tip(fs: list[Finding], source_text: str) -> tuple[str, str]:
    title = []
    html = []
    for f in fs:
        if f.source is not None:
            around = _sentence_around(source_text, f.source.start, f.source.end)
            if len(around) > len(f.source.text):
                f = Finding(
                    f.kind,
                    f.severity,
                    f.message,
                    f.rewrite,
                    type(f.source)(around, f.source.start, f.source.end, f.source.sentence),
                )
        src = f" | source: {f.source.text}" if f.source else ""
        title.append(f"{f.severity}: {f.kind} — {f.message}{src}")
        html.append(
            f"<b>{escape(f.severity)}: {escape(f.kind)}</b>{escape(f.message)}"
            + (f"<br>source: <q>{escape(f.source.text)}</q>" if f.source else "")
        )
    return "\n".join(title), "<hr>".join(html)


def render_html(audit: Audit) -> str:
    """A standalone page: verdict, the rewrite with highlighted findings, then a findings table."""
    text = audit.rewrite_text or "\n".join(s.text for s in audit.sentences)
    # group findings by span; nested or overlapping spans are merged into the outer one
    spans: list[tuple[int, int, list[Finding]]] = []
    for f in sorted(audit.findings, key=lambda f: (f.rewrite.start, -f.rewrite.end)):
        a, b = f.rewrite.start, f.rewrite.end
        if not (0 <= a < b <= len(text)):
            continue
        if spans and a < spans[-1][1]:
            pa, pb, pf = spans[-1]
            spans[-1] = (pa, max(pb, b), [*pf, f])
        else:
            spans.append((a, b, [f]))
    out = []
    pos = 0
    for a, b, fs in spans:
        out.append(escape(text[pos:a]))
        sev = (
            "error"
            if any(f.severity == "error" for f in fs)
            else ("warning" if any(f.severity == "warning" for f in fs) else "info")
        )
        title, tip = _tip(fs, audit.source_text)
        out.append(
            f'<span class="f {sev}" tabindex="0" title="{escape(title)}">{escape(text[a:b])}'
            f'<span class="tip" role="tooltip">{tip}</span></span>'
        )
        pos = b
    out.append(escape(text[pos:]))
    d = audit.to_dict()["summary"]
    cls, verdict = ("ok", "Consistent") if audit.consistent else ("bad", "Not consistent")
    rows = "".join(
        f"<tr><td>{escape(f.severity)}</td><td>{escape(f.kind)}</td><td>{escape(f.rewrite.text)}</td>"
        f"<td>{escape(f.message)}</td><td>{escape(f.source.text) if f.source else ''}</td></tr>"
        for f in audit.findings
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>retell audit</title><style>{_CSS}</style></head><body>"
        "<h1>retell audit</h1>"
        f'<p class="verdict {cls}">{verdict} — score {audit.score:.2f}; {d["sentences"]} sentences, '
        f"{d['supported']} supported, {d['errors']} errors, {d['warnings']} warnings</p>"
        f'<div class="rewrite">{"".join(out)}</div>'
        "<table><thead><tr><th>severity</th><th>kind</th><th>rewrite</th><th>message</th>"
        f"<th>source</th></tr></thead><tbody>{rows}</tbody></table></body></html>\n"
    )
