"""roost's command line: thin typer commands over the library; a RoostError becomes one line and exit 1."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer

from roost import __version__
from roost.errors import RoostError

app = typer.Typer(
    name="roost",
    help="Offline analyzer for your Twitter/X archive: load it into DuckDB, measure your strategy, write a report.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ArchiveArg = Annotated[
    list[Path],
    typer.Argument(help="The archive: its .zip as downloaded (all parts of a split archive), its folder, or a .duckdb from `roost load`."),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output format: table, json or csv.")]
TzOpt = Annotated[Optional[str], typer.Option("--tz", help="Time zone for hours and weekdays (IANA name, e.g. Europe/Paris); default: the archive's, else UTC.")]
TopicOpt = Annotated[Optional[str], typer.Option("--topic", help='Your field, as comma-separated keywords or hashtags: "seo, marketing".')]
SiteOpt = Annotated[Optional[str], typer.Option("--site", help="Your website's domain, e.g. monsupersite.fr.")]
IndicatorsDirOpt = Annotated[Optional[list[Path]], typer.Option("--indicators-dir", help="A folder of your own indicator .sql files.")]
SkipBrokenOpt = Annotated[bool, typer.Option("--skip-broken", help="Load the rest when a tweet file is damaged.")]


def _say(message: str) -> None:
    typer.echo(message, err=True)


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Turn roost's errors into one line on stderr and exit 1; Ctrl-C into exit 130."""
    try:
        yield
    except RoostError as e:
        _say(f"roost: error: {e}")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        _say("roost: interrupted; nothing was written")
        raise typer.Exit(130) from None


def _warn(warnings: list[str]) -> None:
    for w in warnings:
        _say(f"roost: warning: {w}")


def _progress():  # type: ignore[no-untyped-def]
    """A progress callback drawing a bar on stderr when it is a terminal, else None."""
    from roost.progress import terminal_progress

    return terminal_progress()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"roost {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """roost reads the archive Twitter/X gives you and never opens a network connection."""


def _options(tz: str | None, topic: str | None, site: str | None):  # type: ignore[no-untyped-def]
    from roost.indicators import Options

    return Options(tz=tz, topic=tuple(t.strip().lstrip("#") for t in (topic or "").split(",") if t.strip()), site=site)


@app.command()
def load(
    archive: ArchiveArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="The DuckDB file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")] = False,
    skip_broken: SkipBrokenOpt = False,
) -> None:
    """Load an archive into a DuckDB file: tweets, followers, following, likes, DMs and more."""
    from roost.load import load_to_file

    with _errors(), _progress() as progress:
        warnings = load_to_file(archive, output, force=force, skip_broken=skip_broken, progress=progress)
    _warn(warnings)
    _say(f"roost: wrote {output}")


@app.command()
def indicators(
    archive: ArchiveArg,
    fmt: FormatOpt = "table",
    tz: TzOpt = None,
    topic: TopicOpt = None,
    site: SiteOpt = None,
    indicators_dir: IndicatorsDirOpt = None,
    skip_broken: SkipBrokenOpt = False,
) -> None:
    """Compute every indicator of the lesson (followers, friends, ratio, tweets per day, RT, buzz...)."""
    from roost import output
    from roost.indicators import compute
    from roost.load import open_archive

    with _errors():
        output.check_format(fmt)
        with _progress() as progress:
            loaded = open_archive(_one_or_many(archive), skip_broken=skip_broken, progress=progress, keep_raw=False)
        with loaded:
            results = compute(loaded.con, _options(tz, topic, site), extra_dirs=indicators_dir or ())
            doc = output.indicators_document(loaded.con, results, loaded.warnings)
        _warn(loaded.warnings)
        output.print_indicators(doc, results, fmt)


@app.command()
def sql(
    archive: Annotated[Path, typer.Argument(help="The archive: .zip, folder, or .duckdb from `roost load`.")],
    query: Annotated[str, typer.Argument(help="The SQL query to run over the loaded tables.")],
    fmt: FormatOpt = "table",
    skip_broken: SkipBrokenOpt = False,
) -> None:
    """Run your own SQL over the loaded tables (tweets, followers, following, likes, handles...)."""
    from roost import output
    from roost.load import open_archive

    with _errors():
        output.check_format(fmt)
        with _progress() as progress:
            loaded = open_archive(archive, skip_broken=skip_broken, progress=progress)
        with loaded:
            _warn(loaded.warnings)
            output.print_query(loaded.con, query, fmt)


def _one_or_many(paths: list[Path]) -> Path | list[Path]:
    return paths[0] if len(paths) == 1 else paths


def main() -> None:
    """Console entry point."""
    try:
        app()
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
