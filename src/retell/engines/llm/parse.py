"""Reading a model's answer, whatever the server made of the request for JSON.

Servers differ: some honour ``json_schema``, llama.cpp honours ``json_object`` with a schema, others
ignore both and answer in prose with a fenced ```json block; output cut off by ``max_tokens`` is
unterminated JSON; a weak model may answer junk. This module turns all of that into a
:class:`ParsedAnswer`, repairing what can be repaired (closing brackets, dropping an incomplete
tail) and returning an empty answer — not raising — when nothing is usable, so the engine falls
back to the extractive sentences for that part.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["ParsedAnswer", "ParsedSegment", "ParsedSentence", "extract_json", "parse_answer"]


@dataclass(frozen=True)
class ParsedSentence:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ParsedSegment:
    sentences: tuple[ParsedSentence, ...]
    question: str | None


@dataclass(frozen=True)
class ParsedAnswer:
    """What could be read from an answer; ``segments`` is empty when nothing was usable."""

    headline: str | None
    segments: tuple[ParsedSegment, ...]

    @property
    def empty(self) -> bool:
        return not any(s.sentences for s in self.segments)


_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)(?:```|\Z)", re.DOTALL)
_ID = re.compile(r"^\s*\[?\s*[sS]?(\d+)\s*\]?\s*$")


def extract_json(text: str) -> Any:
    """The first JSON object in ``text``, repaired if it was cut off; ``None`` if there is none.

    Tries, in order: the whole text; the content of a fenced code block; the text from the first
    ``{``; and finally a repair of a truncated object (cut back to the last complete value,
    then every open bracket closed).
    """
    candidates = [text]
    candidates += [m.group(1) for m in _FENCE.finditer(text)]
    for cand in candidates:
        start = cand.find("{")
        if start < 0:
            continue
        body = cand[start:]
        try:
            return json.loads(body)
        except ValueError:
            pass
        try:
            value, _ = json.JSONDecoder().raw_decode(body)
            return value
        except ValueError:
            pass
        repaired = _repair(body)
        if repaired is not None:
            return repaired
    return None


def _repair(body: str) -> Any:
    """Cut ``body`` back to a point after a complete value and close what is open.

    One pass records, at every position just after a complete string, number, literal or closing
    bracket, the stack of open brackets; candidates are tried from the end.
    """
    stack: list[str] = []
    points: list[tuple[int, str]] = []
    in_str = False
    esc = False
    i = 0
    n = len(body)
    while i < n:
        c = body[i]
        if in_str:
            if esc:
                esc = False
            elif c == "\\":
                esc = True
            elif c == '"':
                in_str = False
                points.append((i + 1, "".join(stack)))
        elif c == '"':
            in_str = True
        elif c in "{[":
            stack.append("}" if c == "{" else "]")
            points.append((i + 1, "".join(stack)))
        elif c in "}]":
            if not stack:
                break
            stack.pop()
            points.append((i + 1, "".join(stack)))
            if not stack:
                break
        elif c.isalnum() and (i + 1 == n or not body[i + 1].isalnum() and body[i + 1] != "."):
            points.append((i + 1, "".join(stack)))
        i += 1
    for cut, open_ in reversed(points[-400:]):
        head = body[:cut].rstrip()
        if head.endswith(","):
            head = head[:-1]
        try:
            return json.loads(head + "".join(reversed(open_)))
        except ValueError:
            continue
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        cleaned = " ".join(value.split())
        return cleaned or None
    return None


def _sources(value: Any) -> tuple[str, ...]:
    if isinstance(value, (str, int)):
        value = re.split(r"[,\s]+", str(value))
    if not isinstance(value, list):
        return ()
    out: list[str] = []
    for v in value:
        m = _ID.match(str(v))
        if m and f"s{int(m.group(1))}" not in out:
            out.append(f"s{int(m.group(1))}")
    return tuple(out)


def _sentence(value: Any) -> ParsedSentence | None:
    if isinstance(value, str):
        text = _text(value)
        return ParsedSentence(text, ()) if text else None
    if isinstance(value, dict):
        text = _text(value.get("text") or value.get("sentence") or value.get("content"))
        if text:
            return ParsedSentence(text, _sources(value.get("sources", value.get("source", []))))
    return None


def _segment(value: Any) -> ParsedSegment | None:
    if isinstance(value, dict):
        raw = value.get("sentences") or value.get("text") or []
        if isinstance(raw, str):
            raw = [raw]
        sents = tuple(s for s in (_sentence(v) for v in raw if isinstance(raw, list)) if s)
        question = _text(value.get("question"))
        if sents or question:
            return ParsedSegment(sents, question)
    if isinstance(value, list):
        sents = tuple(s for s in (_sentence(v) for v in value) if s)
        return ParsedSegment(sents, None) if sents else None
    return None


def parse_answer(text: str) -> ParsedAnswer:
    """Read ``{"headline", "segments": [{"sentences": [{"text", "sources"}], "question"}]}``.

    Lenient about shape (a bare segment object, sentences as plain strings, ``"s3"``/``3``/
    ``"[s3]"`` as ids) because servers and small models drift; strict about types (anything
    that is not text is dropped). Never raises.
    """
    data = extract_json(text or "")
    if isinstance(data, list):
        data = {"segments": data}
    if not isinstance(data, dict):
        return ParsedAnswer(None, ())
    headline = _text(data.get("headline"))
    raw = data.get("segments")
    if raw is None and ("sentences" in data or "question" in data):
        raw = [data]
    if isinstance(raw, dict):
        raw = [raw]
    segments = tuple(s for s in (_segment(v) for v in (raw if isinstance(raw, list) else [])) if s)
    return ParsedAnswer(headline, segments)
