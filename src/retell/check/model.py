"""What the check produces: findings, per-sentence verdicts and the audit as a whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = (
    "number_unsupported",
    "number_changed",
    "date_unsupported",
    "date_changed",
    "name_unsupported",
    "entity_changed",
    "quote_unsupported",
    "quote_altered",
    "hedge_dropped",
    "attribution_changed",
    "negation_flipped",
    "claim_unsupported",
)
SEVERITIES = ("error", "warning", "info")
STATUSES = ("supported", "partial", "unsupported", "opinion")


@dataclass(frozen=True)
class Span:
    """A piece of a text: its words and character offsets, and the index of its sentence."""

    text: str
    start: int
    end: int
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "sentence": self.sentence}


@dataclass(frozen=True)
class Finding:
    """One defect of a rewrite against its source: what kind, how bad, where, compared with what."""

    kind: str
    severity: str
    message: str
    rewrite: Span
    source: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "rewrite": self.rewrite.to_dict(),
            "source": self.source.to_dict() if self.source else None,
        }


@dataclass(frozen=True)
class SentenceVerdict:
    """How well one rewrite sentence is supported, and by which source sentence ids."""

    index: int
    text: str
    start: int
    end: int
    status: str
    support: tuple[str, ...]
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "status": self.status,
            "support": list(self.support),
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Audit:
    """The check of a whole rewrite against its source (``retell.audit/1``)."""

    score: float
    findings: tuple[Finding, ...]
    sentences: tuple[SentenceVerdict, ...]
    source_text: str = field(default="", repr=False)
    rewrite_text: str = field(default="", repr=False)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def consistent(self) -> bool:
        """True when the check found no error (warnings and info do not count)."""
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "retell.audit/1",
            "consistent": self.consistent,
            "score": round(self.score, 4),
            "findings": [f.to_dict() for f in self.findings],
            "sentences": [s.to_dict() for s in self.sentences],
            "summary": {
                "sentences": len(self.sentences),
                "supported": sum(1 for s in self.sentences if s.status == "supported"),
                "errors": len(self.errors),
                "warnings": len(self.warnings),
            },
        }

    def render(self, fmt: str = "text", *, color: bool = False) -> str:
        from retell.render import render_audit

        return render_audit(self, fmt, color=color)
