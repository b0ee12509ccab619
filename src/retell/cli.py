"""The command line: ``retell report`` and ``retell audit`` (``batch`` and ``serve`` come later).

Exit codes follow grep/diff: 0 success (audit: no error findings), 1 the audit found errors,
2 bad usage or unusable input — with one line on stderr that says what to do, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from retell.errors import RetellError
from retell.render import AUDIT_FORMATS, REPORT_FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"retell: error: {message}", err=True)
    sys.exit(code)


def _friendly(func: F) -> F:
    """Turn every RetellError (and Ctrl-C) into one line on stderr and its exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RetellError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            click.echo("retell: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)
        return None

    return wrapper  # type: ignore[return-value]


def _write(output: str | None, text: str) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if output and output != "-":
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror}; choose another -o path")
        click.echo(f"retell: wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def _load(source: str, allow_private: bool) -> Any:
    from retell import ingest

    return ingest.load(source, allow_private=allow_private)


def _format_option(choices: tuple[str, ...]) -> Callable[[F], F]:
    """``-f/--format`` with the formats one command can render."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="text",
        show_default=True,
        help="Output format.",
    )


_output_option = click.option(
    "-o", "--output", default=None, help="Write to this file instead of stdout."
)
_allow_private_option = click.option(
    "--allow-private", is_flag=True, help="Allow URLs on loopback or private addresses."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="retell", prog_name="retell")
def cli() -> None:
    """Turn a news article into a short, faithful segmented report, and audit any rewrite of it
    against its source, fact by fact."""


@cli.command()
@click.argument("source")
@_format_option(REPORT_FORMATS)
@click.option(
    "--segments",
    type=click.IntRange(1, 10),
    default=None,
    help="Number of segments (default: from the article's length).",
)
@click.option(
    "--words",
    type=click.IntRange(20, 400),
    default=None,
    help="Words per segment, question included (default 90).",
)
@click.option(
    "--engine",
    default="extractive",
    show_default=True,
    help="Writing engine: extractive (no model) or llm (OpenAI-compatible server).",
)
@click.option("--brand", default=None, help='Brand line (default "Metro Report").')
@click.option("--section", default=None, help="Section label (default: from metadata or text).")
@_output_option
@_allow_private_option
@click.option(
    "--llm-base-url",
    default=None,
    help="OpenAI-compatible base URL (else RETELL_LLM_BASE_URL / OPENAI_BASE_URL).",
)
@click.option("--llm-model", default=None, help="Model name (else RETELL_LLM_MODEL).")
@click.option(
    "--llm-api-key", default=None, help="API key (else RETELL_LLM_API_KEY / OPENAI_API_KEY)."
)
@click.option("--llm-timeout", type=float, default=None, help="Seconds per model call.")
@_friendly
def report(
    source: str,
    fmt: str,
    segments: int | None,
    words: int | None,
    engine: str,
    brand: str | None,
    section: str | None,
    output: str | None,
    allow_private: bool,
    llm_base_url: str | None,
    llm_model: str | None,
    llm_api_key: str | None,
    llm_timeout: float | None,
) -> None:
    """Write a segmented report of SOURCE (a file, an http(s) URL, or - for stdin)."""
    from retell.pipeline import report as make_report

    article = _load(source, allow_private)
    options: dict[str, Any] = {"progress": sys.stderr.isatty()}
    for key, value in (
        ("base_url", llm_base_url),
        ("model", llm_model),
        ("api_key", llm_api_key),
        ("timeout", llm_timeout),
    ):
        if value is not None:
            options[key] = value
    rep = make_report(
        article,
        segments=segments,
        words=words,
        engine=engine,
        brand=brand,
        section=section,
        options=options,
    )
    _write(output, rep.render(fmt))


@cli.command()
@click.argument("source")
@click.argument("rewrite")
@_format_option(AUDIT_FORMATS)
@_output_option
@click.option(
    "--judge",
    type=click.Choice(("none", "llm")),
    default="none",
    show_default=True,
    help="Ask the configured LLM for a second opinion on each sentence.",
)
@_allow_private_option
@click.option("--color/--no-color", default=None, help="Colour the text output.")
@_friendly
def audit(
    source: str,
    rewrite: str,
    fmt: str,
    output: str | None,
    judge: str,
    allow_private: bool,
    color: bool | None,
) -> None:
    """Check REWRITE against SOURCE fact by fact; exit 1 when an error is found."""
    from retell.check import Checker

    if source == "-" and rewrite == "-":
        raise click.UsageError("only one of SOURCE and REWRITE can be - (standard input)")
    src = _load(source, allow_private)
    rew = _load(rewrite, allow_private)
    result = Checker(src).audit(rew)
    if judge == "llm":
        from retell.check.judge import judge as llm_judge

        result = llm_judge(result, src, rew)
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _write(output, result.render(fmt, color=color))
    sys.exit(0 if result.consistent else 1)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="retell")


if __name__ == "__main__":  # pragma: no cover
    main()
