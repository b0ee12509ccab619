"""Render: a :class:`~retell.model.Report` or an :class:`~retell.check.model.Audit` as a string.

One entry point per value object, dispatching on the format name the command line (``-f``) and
the web API pass through unchanged; an unknown name is a :class:`~retell.errors.UsageError` that
lists the choices. Each format lives in its own module, imported only when asked for, so a broken
or missing audit renderer can never stop a report from rendering.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from retell.errors import RetellError, UsageError

if TYPE_CHECKING:
    from retell.check.model import Audit
    from retell.model import Report

__all__ = ["AUDIT_FORMATS", "REPORT_FORMATS", "render_audit", "render_report"]

REPORT_FORMATS = ("text", "markdown", "html", "json")
AUDIT_FORMATS = ("text", "json", "html")
_ALIASES = {"md": "markdown", "txt": "text", "htm": "html"}


def _format(fmt: str, choices: tuple[str, ...], what: str) -> str:
    name = str(fmt).strip().lower()
    name = _ALIASES.get(name, name)
    if name not in choices:
        raise UsageError(
            f"unknown {what} format {fmt!r}: choose one of {', '.join(choices)} (e.g. -f {choices[0]})"
        )
    return name


def render_report(report: Report, fmt: str = "text") -> str:
    """The report in ``fmt``.

    Args:
        report: the finished report.
        fmt: ``text`` (the seed's layout), ``markdown``, ``html`` (a standalone page) or ``json``
            (``retell.report/1``).

    Returns:
        The rendered report.

    Raises:
        UsageError: ``fmt`` is not one of :data:`REPORT_FORMATS`.
    """
    name = _format(fmt, REPORT_FORMATS, "report")
    if name == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    if name == "markdown":
        from retell.render.report_markdown import render_markdown

        return render_markdown(report)
    if name == "html":
        from retell.render.report_html import render_html

        return render_html(report)
    from retell.render.report_text import render_text

    return render_text(report)


def render_audit(audit: Audit, fmt: str = "text", *, color: bool = False) -> str:
    """The audit in ``fmt``.

    Args:
        audit: the finished audit.
        fmt: ``text`` (for a terminal), ``json`` (``retell.audit/1``) or ``html`` (a standalone
            page with the rewrite's defects highlighted).
        color: use ANSI colours in ``text`` (the caller decides, e.g. only on a terminal).

    Returns:
        The rendered audit.

    Raises:
        UsageError: ``fmt`` is not one of :data:`AUDIT_FORMATS`.
        RetellError: the renderer for ``fmt`` is not installed.
    """
    name = _format(fmt, AUDIT_FORMATS, "audit")
    if name == "json":
        return json.dumps(audit.to_dict(), ensure_ascii=False, indent=2)
    try:
        if name == "html":
            from retell.render.audit_html import render_html as render_audit_html
        else:
            from retell.render.audit_text import render_text as render_audit_text
    except ImportError as exc:  # the audit renderers ship separately from the report ones
        raise RetellError(
            f"the audit {name} renderer is not available ({exc}); use -f json instead"
        ) from exc
    if name == "html":
        return render_audit_html(audit)
    return render_audit_text(audit, color)
