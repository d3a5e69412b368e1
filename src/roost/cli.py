"""roost's command line: thin typer commands over the library; a RoostError becomes one line and exit 1."""

from __future__ import annotations

import contextlib
import datetime
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from roost import __version__
from roost.errors import RoostError

if TYPE_CHECKING:
    from roost.options import Options
    from roost.pipeline import Analysis

app = typer.Typer(
    name="roost",
    help="Offline analyzer for your Twitter/X archive: load it into DuckDB, measure your strategy, write a report.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _plain_help_types() -> None:
    """Show option kinds in words, as pip or gh do: a flag is just `--share`, a value `TEXT`, `PATH`, `INTEGER`.

    Recent typer versions print `<bool>` after every flag and `<list[Path]>` after arguments.
    """
    try:
        from typer import core
    except ImportError:  # pragma: no cover - typer always has it today
        return
    words = {"str": "TEXT", "Path": "PATH", "int": "INTEGER", "float": "NUMBER"}
    option_cls = getattr(core, "TyperOption", None)
    param_cls = getattr(core, "_TyperParameter", None)
    if option_cls is None or param_cls is None or not hasattr(param_cls, "display_type"):
        return
    original = param_cls.display_type

    def display_type(self: Any, ctx: Any) -> Any:
        if getattr(self, "is_flag", False):
            return None
        label = original(self, ctx)
        if not isinstance(label, str):
            return label
        inner = label.strip("<>")
        if "|" in inner:
            return "[" + inner + "]"
        many = inner.startswith("list[")
        inner = inner.removeprefix("list[").removesuffix("]")
        word = words.get(inner, inner.upper())
        return word + ("..." if many else "")

    def display_type_rich(self: Any, ctx: Any) -> Any:
        if getattr(self, "is_flag", False):
            return None
        return self.metavar if self.metavar is not None else display_type(self, ctx)

    param_cls.display_type = display_type
    option_cls.display_type_rich = display_type_rich
    argument_cls = getattr(core, "TyperArgument", None)
    if argument_cls is not None:
        argument_cls.display_type_rich = display_type
        if hasattr(argument_cls, "_usage_display_name"):

            def usage_name(self: Any) -> str:
                name = (self.metavar or self.name or "").upper()
                name = name if self.required else f"[{name}]"
                return name + ("..." if self.nargs != 1 else "")

            argument_cls._usage_display_name = usage_name
        if hasattr(argument_cls, "_rich_display_name"):
            argument_cls._rich_display_name = lambda self: (self.metavar or self.name or "").upper() + (
                "..." if self.nargs != 1 else ""
            )


_plain_help_types()


class Format(str, Enum):
    """Output formats of `indicators`, `sql` and `diff`."""

    table = "table"
    json = "json"
    csv = "csv"


class Lang(str, Enum):
    """Report languages."""

    en = "en"
    fr = "fr"


def _usage(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An option callback: the library's check, its UsageError turned into typer's usage error (exit 2)."""

    def callback(value: Any) -> Any:
        from roost.options import UsageError

        try:
            return check(value)
        except UsageError as e:
            raise typer.BadParameter(str(e)) from None

    return callback


def _check_tz(value: str | None) -> str | None:
    from roost.options import check_tz

    return check_tz(value)


def _check_topic(value: str | None) -> str | None:
    from roost.options import parse_topic

    parse_topic(value)
    return value


def _check_site(value: str | None) -> str | None:
    from roost.options import parse_site

    return parse_site(value)


ArchiveArg = Annotated[
    list[Path],
    typer.Argument(
        help="The archive: its .zip as downloaded (all parts of a split archive), its extracted folder, "
        "or a .duckdb written by `roost load`.",
        show_default=False,
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
TzOpt = Annotated[Optional[str], typer.Option("--tz", callback=_usage(_check_tz), help="Time zone for hours and weekdays (IANA name, e.g. Europe/Paris); default: the archive's, else UTC.")]
TopicOpt = Annotated[Optional[str], typer.Option("--topic", callback=_usage(_check_topic), help='Your field, as comma-separated keywords or hashtags: "seo, marketing".')]
SiteOpt = Annotated[Optional[str], typer.Option("--site", callback=_usage(_check_site), help="Your website's domain, e.g. monsupersite.fr.")]
IndicatorsDirOpt = Annotated[Optional[list[Path]], typer.Option("--indicators-dir", help="A folder of your own indicator .sql files (repeatable).")]
SkipBrokenOpt = Annotated[bool, typer.Option("--skip-broken", help="Load the rest when a tweet file is damaged.")]


def _say(message: str) -> None:
    typer.echo(message, err=True)


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Turn roost's errors into one line on stderr and exit 1; Ctrl-C into exit 130."""
    try:
        yield
    except RoostError as e:
        if getattr(e, "exit_code", 1) == 130:  # an interrupted batch: it kept what finished and says so
            _say(f"roost: {e}")
            raise typer.Exit(130) from None
        _say(f"roost: error: {e}")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        _say("roost: interrupted; nothing was written")
        raise typer.Exit(130) from None
    except RuntimeError as e:  # DuckDB turns Ctrl-C during a query into "Query interrupted"
        if "interrupt" not in str(e).lower():
            raise
        _say("roost: interrupted; nothing was written")
        raise typer.Exit(130) from None


def _warn(warnings: list[str]) -> None:
    for w in warnings:
        _say(f"roost: warning: {w}")


def _progress() -> contextlib.AbstractContextManager[Any]:
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


def _options(tz: str | None, topic: str | None, site: str | None) -> Options:
    from roost.options import Options, parse_topic

    return Options(tz=tz, topic=parse_topic(topic), site=site)


@app.command()
def load(
    archive: Annotated[
        list[Path],
        typer.Argument(
            help="The archive: its .zip as downloaded (all parts of a split archive) or its extracted folder.",
            show_default=False,
        ),
    ],
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
    fmt: FormatOpt = Format.table,
    tz: TzOpt = None,
    topic: TopicOpt = None,
    site: SiteOpt = None,
    indicators_dir: IndicatorsDirOpt = None,
    skip_broken: SkipBrokenOpt = False,
) -> None:
    """Compute every indicator of the lesson (followers, friends, ratio, tweets per day, RT, buzz...)."""
    from roost import output

    with _errors():
        analysis = _analyze(archive, tz, topic, site, indicators_dir, skip_broken)
        _warn(analysis.warnings)
        output.print_indicators(analysis.document, fmt.value)


@app.command()
def sql(
    archive: ArchiveArg,
    query: Annotated[str, typer.Argument(help="The SQL query to run over the loaded tables.", show_default=False)],
    fmt: FormatOpt = Format.table,
    skip_broken: SkipBrokenOpt = False,
) -> None:
    """Run your own SQL over the loaded tables (tweets, followers, following, likes, handles...)."""
    from roost import output
    from roost.load import open_archive

    with _errors():
        with _progress() as progress:
            loaded = open_archive(_one_or_many(archive), skip_broken=skip_broken, progress=progress)
        with loaded:
            _warn(loaded.warnings)
            output.print_query(loaded.con, query, fmt.value)


LangOpt = Annotated[Lang, typer.Option("--lang", help="Report language.")]
KeepTextOpt = Annotated[bool, typer.Option(
    "--keep-text", help="With --share: still quote the tweets posted while the account was protected.")]


def _analyze(archive: list[Path], tz: str | None, topic: str | None, site: str | None,
             indicators_dir: list[Path] | None, skip_broken: bool) -> Analysis:
    """The pipeline's analysis of the archive given, with a progress bar on a terminal."""
    from roost.pipeline import AnalyzeOptions, analyze

    options = AnalyzeOptions(indicators=_options(tz, topic, site), indicators_dirs=tuple(indicators_dir or ()),
                             skip_broken=skip_broken)
    with _progress() as progress:
        return analyze(archive, options, progress=progress)


def _write_report(document: dict[str, Any], output: Path | None, *, lang: str, share: bool, keep_handles: bool,
                  sample: bool = False, keep_text: bool = False) -> Path:
    """Render a document and write it; return where."""
    from roost.pipeline import ReportOptions, default_report_name, render, write_atomic
    from roost.privacy import shared_document

    if share:
        document = shared_document(document, keep_text=keep_text)

    options = ReportOptions(lang=lang, share=share, keep_handles=keep_handles, sample=sample,
                            generated_at=_generation_time())
    target = output or Path(default_report_name(document))
    write_atomic(target, render(document, options))
    return target


def _generation_time() -> datetime.datetime:
    """Now, or SOURCE_DATE_EPOCH when set (reproducible outputs: the same archive gives the same bytes)."""
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and len(epoch) <= 11:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _open_in_browser(path: Path) -> None:
    import webbrowser

    webbrowser.open(path.resolve().as_uri())


@app.command()
def report(
    archive: ArchiveArg,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="The HTML file to write; default <account>-<archive date>.html here.")] = None,
    lang: LangOpt = Lang.en,
    tz: TzOpt = None,
    topic: TopicOpt = None,
    site: SiteOpt = None,
    share: Annotated[bool, typer.Option("--share", help="A report to share: no e-mail, phone, IPs or DMs; other accounts' handles replaced by labels.")] = False,
    keep_handles: Annotated[bool, typer.Option("--keep-handles", help="With --share: keep other accounts' handles.")] = False,
    keep_text: KeepTextOpt = False,
    indicators_dir: IndicatorsDirOpt = None,
    skip_broken: SkipBrokenOpt = False,
    open_: Annotated[bool, typer.Option("--open", help="Open the report in the default browser.")] = False,
) -> None:
    """Write one self-contained HTML report: is your Twitter strategy working? (An existing file is replaced.)

    ARCHIVE may also be a results file from `roost indicators ARCHIVE --format json`: the report is then
    rendered from it alone (in any --lang, --share or not), without reading the archive again.
    """
    with _errors():
        if len(archive) == 1 and archive[0].suffix.lower() == ".json":
            from roost.pipeline import read_document

            if tz or topic or site or indicators_dir or skip_broken:
                _say("roost: error: --tz, --topic, --site, --indicators-dir and --skip-broken apply when an archive is "
                     "read; a results file holds figures already computed: give them to `roost indicators`")
                raise typer.Exit(2)
            document = read_document(archive[0])
        else:
            analysis = _analyze(archive, tz, topic, site, indicators_dir, skip_broken)
            _warn(analysis.warnings)
            document = analysis.document
        target = _write_report(document, output, lang=lang.value, share=share, keep_handles=keep_handles,
                               keep_text=keep_text)
    _say(f"roost: wrote {target}")
    if open_:
        _open_in_browser(target)


@app.command()
def demo(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("roost-demo.html"),
    lang: LangOpt = Lang.en,
    tweets: Annotated[int, typer.Option("--tweets", min=1, max=2_000_000, help="Size of the generated sample archive.")] = 3000,
    open_: Annotated[bool, typer.Option("--open", help="Open the report in the default browser.")] = False,
) -> None:
    """Write the report of a bundled synthetic sample archive (no archive of yours needed)."""
    import tempfile

    from roost.sample import write_sample_archive

    with _errors(), tempfile.TemporaryDirectory(prefix="roost-demo-") as tmp:
        archive = write_sample_archive(Path(tmp) / "twitter-sample.zip", tweets=tweets, zip=True)
        analysis = _analyze([archive], None, "seo, marketing", "roost-sample.example", None, False)
        target = _write_report(analysis.document, output, lang=lang.value, share=False, keep_handles=False,
                               sample=True)
    _say(f"roost: wrote {target} (sample data)")
    if open_:
        _open_in_browser(target)


@contextlib.contextmanager
def _batch_progress() -> Iterator[Callable[[str, str, int, int], None]]:
    """Each archive's state as it changes: a bar and a log on a terminal, plain lines otherwise."""
    if not sys.stderr.isatty():
        def plain(source: str, state: str, done: int, total: int) -> None:
            _say(f"roost: [{done}/{total}] {state}: {source}")

        yield plain
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("[bold]batch[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.description}"), console=Console(stderr=True))
    task = bar.add_task("", total=None)

    def update(source: str, state: str, done: int, total: int) -> None:
        bar.update(task, completed=done, total=total, description=f"{state}: {Path(source).name}")
        if state not in ("loading",):
            bar.console.log(f"{state}: {source}")

    with bar:
        yield update


@app.command()
def batch(
    archives: Annotated[list[Path], typer.Argument(help="Archives (.zip, folders, .duckdb) or folders holding them.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The folder to write reports, index.html, indicators.csv/json and dataset/ into.")],
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, max=256, help="Archives processed at once (default: the CPU count).")] = None,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="A Dask scheduler address (tcp://host:8786) to run the archives on.")] = None,
    lang: LangOpt = Lang.en,
    tz: TzOpt = None,
    topic: TopicOpt = None,
    site: SiteOpt = None,
    share: Annotated[bool, typer.Option("--share", help="Shared reports: no e-mail, phone, IPs or DMs; handles replaced.")] = False,
    keep_handles: Annotated[bool, typer.Option("--keep-handles", help="With --share: keep other accounts' handles.")] = False,
    keep_text: KeepTextOpt = False,
    pseudonymize: Annotated[Optional[Path], typer.Option(
        "--pseudonymize", metavar="KEYFILE",
        help="Every account id and handle in every output becomes a keyed pseudonym (HMAC-SHA256 with the key in "
        "KEYFILE, created when it does not exist); implies --share.")] = None,
    no_text: Annotated[bool, typer.Option("--no-text", help="No tweet or like text in any output.")] = False,
    no_likes: Annotated[bool, typer.Option("--no-likes", help="No likes table in the dataset.")] = False,
    indicators_dir: IndicatorsDirOpt = None,
    skip_broken: SkipBrokenOpt = False,
) -> None:
    """Process many archives: a report each, an index, indicators.csv/json, a Parquet dataset, growth per account."""
    from roost.batch import BatchOptions, run_batch

    with _errors():
        opts = _options(tz, topic, site)
        options = BatchOptions(
            lang=lang.value, tz=tz, topic=opts.topic, site=site, share=share, keep_handles=keep_handles,
            keep_text=keep_text, no_text=no_text, no_likes=no_likes,
            indicators_dirs=tuple(str(d) for d in indicators_dir or ()), skip_broken=skip_broken,
        )
        if indicators_dir:  # check the user's SQL once, before any archive is processed
            from roost.indicators import discover

            discover(indicators_dir)
        if pseudonymize is not None:
            from roost.batch.sources import find_archives
            from roost.pseudonym import key_id, load_or_create_key

            find_archives(archives)  # inputs that cannot be read are refused before a key file is made
            secret, created = load_or_create_key(pseudonymize)
            if created:
                _say(f"roost: created the pseudonym key {pseudonymize} (mode 0600): keep it secret, and keep it "
                     "for every later batch of this study (the same key gives the same pseudonyms)")
            options.pseudonymize, options.key_id = str(pseudonymize.resolve()), key_id(secret)

        with _batch_progress() as progress:
            outcomes = run_batch(archives, output, options, jobs=jobs, scheduler=scheduler, progress=progress)
    failed = [o for o in outcomes if o.status == "failed"]
    for o in failed:
        _say(f"roost: error: {o.source}: {o.error}")
    done = sum(1 for o in outcomes if o.status == "done")
    skipped = sum(1 for o in outcomes if o.status == "skipped")
    _say(f"roost: {done} processed, {skipped} unchanged, {len(failed)} failed; see {output / 'index.html'}")
    if failed:
        raise typer.Exit(1)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="One archive of the account (.zip, folder or .duckdb).")],
    new: Annotated[Path, typer.Argument(help="Another archive of the same account; the order does not matter.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """What changed between two archives of one account: followers gained and lost, follow-backs."""
    from roost import output
    from roost.diff import diff_archives

    with _errors():
        result = diff_archives(old, new)
        output.print_diff(result, fmt.value)


def _one_or_many(paths: list[Path]) -> Path | list[Path]:
    return paths[0] if len(paths) == 1 else paths


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so SIGTERM cleans up temporary files like Ctrl-C does


def main() -> None:
    """Console entry point."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
