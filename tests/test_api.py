"""The public surface: the export list is complete and the error tree keeps its shape."""

from __future__ import annotations

import inspect

import retell
from retell import errors


def test_all_lists_every_public_name() -> None:
    public = {n for n in dir(retell) if not n.startswith("_") and n not in {"annotations"}}
    modules = {n for n in public if inspect.ismodule(getattr(retell, n))}
    assert set(retell.__all__) == (public - modules) | {"__version__"}


def test_every_error_is_a_retell_error_with_codes() -> None:
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.RetellError)
        assert cls.exit_code == 2
        assert 400 <= cls.http_status < 600
        assert getattr(retell, name) is cls


def test_report_and_audit_round_trip(seed_text: str, rewrite_text: str) -> None:
    rep = retell.report(seed_text, segments=2, words=80)
    data = rep.to_dict()
    assert data["schema"] == "retell.report/1"
    assert len(data["segments"]) == 2
    assert not [f for f in data["findings"] if f["severity"] == "error"]
    aud = retell.audit(seed_text, rewrite_text)
    assert aud.to_dict()["schema"] == "retell.audit/1"
    assert aud.consistent is False
    assert retell.audit(seed_text, seed_text).consistent is True
