"""Stage 5, the command line: parse arguments, call one library function, map errors.

Exit status: 0 on success; 1 when input is invalid or a memo fails to render (one plain
line per problem, no traceback; ``--debug`` shows one); 2 on a usage error (Click's own).
Heavy modules (WeasyPrint) are imported only by the commands that render.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from briefgen._version import __version__
from briefgen.errors import BriefgenError, format_diagnostics
from briefgen.paths import FORMATS, display_path

F = TypeVar("F", bound=Callable[..., Any])


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in value.split(",") if p.strip()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        wrong = f"'{', '.join(unknown)}' is not a format; " if unknown else ""
        raise click.BadParameter(f"{wrong}use a comma-separated list of {', '.join(FORMATS)}")
    return chosen


def _options(*options: Callable[[F], F]) -> Callable[[F], F]:
    """Apply several Click options at once, so shared ones are defined once."""

    def apply(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


strict_option = click.option(
    "--strict", is_flag=True, help="Treat warnings (content lint, dropped content) as errors."
)

render_options = _options(
    click.option(
        "--output-dir",
        type=click.Path(path_type=Path, file_okay=False),
        help="Where memos are written [default: output/].",
    ),
    click.option(
        "--formats",
        default="md,pdf",
        show_default=True,
        callback=_formats,
        help="Comma-separated output formats: md, html, pdf, docx.",
    ),
    click.option(
        "--docx-template",
        type=click.Path(path_type=Path, dir_okay=False, exists=True),
        help="An office .docx whose styles the Word memos (--formats docx) use.",
    ),
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=0,
        help="Parallel render processes [default: one per CPU].",
    ),
    click.option(
        "--templates",
        type=click.Path(path_type=Path, file_okay=False),
        help="Templates folder that overrides the workspace's and the defaults.",
    ),
    click.option(
        "--workspace",
        "-w",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path(),
        show_default=".",
        help="Workspace folder (holds options/, templates/, output/).",
    ),
    click.option(
        "--allow-remote",
        is_flag=True,
        help="Fetch https images named in option sets (off: nothing is fetched).",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=1),
        default=120,
        show_default=True,
        help="Seconds one memo may take to render before it fails.",
    ),
    click.option(
        "--since",
        metavar="REV",
        help="Add a 'Changes since REV' section (REV: a git revision) to each memo.",
    ),
    click.option(
        "--analysis/--no-analysis",
        default=True,
        help="Include the Analysis tab (scores, flip weights, support, risk) [default: on].",
    ),
    click.option("--force", is_flag=True, help="Render everything, even what is up to date."),
    click.option(
        "--keep-going",
        is_flag=True,
        help="Render the valid files when some are invalid (still exits 1).",
    ),
    strict_option,
)


#: ``--format text|json|markdown`` of the commands that print a report (diff, analyze).
report_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Output format.",
)


def user_errors(command: F) -> F:
    """Print user errors as plain lines and exit 1; keep tracebacks for bugs."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BriefgenError as error:
            if os.environ.get("BRIEFGEN_DEBUG"):
                raise
            click.echo(str(error), err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug: bool) -> None:
    """Turn policy option sets (YAML) into action memos in Markdown, HTML and PDF."""
    if debug:
        os.environ["BRIEFGEN_DEBUG"] = "1"


def _settings(workspace: Path, output_dir: Path, **options: Any) -> Any:
    from briefgen.build import BuildSettings

    return BuildSettings(workspace=workspace, output_dir=output_dir, **options)


@cli.command()
@render_options
@user_errors
def build(workspace: Path, output_dir: Path | None, **options: Any) -> None:
    """Render the workspace's option sets and meetings.

    Every options/*.yaml becomes output/<id>.md and .pdf; every meetings/*.yaml a
    read-ahead packet in output/meetings/. Only what changed is rendered again.
    """
    from briefgen.build import build_workspace

    settings = _settings(workspace, output_dir or workspace / "output", **options)
    with _progress() as progress:
        report = build_workspace(settings, progress=progress)
    _finish(report)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@render_options
@user_errors
def render(
    files: tuple[Path, ...], workspace: Path, output_dir: Path | None, **options: Any
) -> None:
    """Render the given option-set FILES."""
    from briefgen.build import render_files
    from briefgen.check.batch import find_option_sets

    settings = _settings(workspace, output_dir or Path("output"), **options)
    with _progress(bar=len(files) > 1) as progress:
        report = render_files(find_option_sets(files), settings, progress=progress)
    _finish(report)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@render_options
@user_errors
def packet(
    files: tuple[Path, ...], workspace: Path, output_dir: Path | None, **options: Any
) -> None:
    """Render read-ahead packets of meeting FILES.

    Each packet goes to output/meetings/<id>.pdf and .md; its memos come from the
    workspace's options/.
    """
    from briefgen.build import render_packets
    from briefgen.check.batch import find_option_sets

    settings = _settings(workspace, output_dir or workspace / "output", **options)
    with _progress() as progress:
        report = render_packets(find_option_sets(files), settings, progress=progress)
    _finish(report)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How problems are printed.",
)
@strict_option
@user_errors
def validate(paths: tuple[Path, ...], output_format: str, strict: bool) -> None:
    """Check option sets and meetings without rendering.

    PATHS are files or folders [default: options/ and meetings/]. Exits 1 when any
    file is invalid (with --strict, also on warnings).
    """
    from briefgen.check.batch import check_paths

    loaded, meetings, issues = check_paths(paths, workspace=Path(), strict=strict)
    warnings = [warning for item in loaded for warning in item.warnings]
    if output_format == "json":
        click.echo(format_diagnostics(issues + warnings, "json"), nl=False)
        sys.exit(1 if issues else 0)
    click.echo(format_diagnostics(issues + warnings), err=True, nl=False)
    if issues:
        sys.exit(1)
    counted = [_count(len(loaded), "option set")]
    if meetings:
        counted.append(_count(len(meetings), "meeting"))
    tail = f", {_count(len(warnings), 'warning')}" if warnings else ""
    click.echo(f"{' and '.join(counted)} valid{tail}")


@cli.command()
@click.argument("rev")
@click.argument("rev2", required=False)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@report_format_option
@user_errors
def diff(rev: str, rev2: str | None, paths: tuple[Path, ...], output_format: str) -> None:
    """Show what changed between two git revisions.

    Compares the option sets at REV with REV2 (default: the working tree), in the
    memo's terms.

    PATHS are option-set files or folders [default: options/]. A REV2 that names an
    existing path is taken as the first path.
    """
    from briefgen.paths import OPTIONS_DIR
    from briefgen.versions.report import FORMATTERS
    from briefgen.versions.snapshots import diff_revisions

    if rev2 is not None and Path(rev2).exists():
        paths = (Path(rev2), *paths)
        rev2 = None
    title, changes, warnings = diff_revisions(rev, rev2, paths or (Path(OPTIONS_DIR),))
    click.echo(format_diagnostics(warnings), err=True, nl=False)
    click.echo(FORMATTERS[output_format](changes, title), nl=False)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; exit 1 when a file is not in the canonical layout.",
)
@user_errors
def fmt(paths: tuple[Path, ...], check: bool) -> None:
    """Give option sets and meetings one canonical layout.

    Keys in the format's order, two-space indentation; comments and values are kept.

    PATHS are files or folders [default: options/ and meetings/].
    """
    from briefgen.check.batch import default_paths, find_option_sets
    from briefgen.fmt import format_files

    files = find_option_sets(paths or default_paths(Path()))
    changed = format_files(files, check=check)
    for path in changed:
        click.echo(f"{'would reformat' if check else 'reformatted'} {display_path(path)}")
    unchanged = len(files) - len(changed)
    click.echo(
        f"{_count(len(changed), 'file')} {'would be ' if check else ''}reformatted, "
        f"{unchanged} unchanged"
    )
    if check and changed:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@report_format_option
@user_errors
def analyze(files: tuple[Path, ...], output_format: str) -> None:
    """Analyse option sets: scores, ranks, flip weights, support, veto players, risks.

    FILES are option-set files or folders. See docs/analysis.md for the definitions.
    """
    from briefgen.analysis import analyze as analyse_option_set
    from briefgen.analysis.report import FORMATTERS
    from briefgen.check.batch import find_option_sets, load_all

    loaded = load_all(find_option_sets(files))
    analyses = [analyse_option_set(item.option_set) for item in loaded]
    click.echo(FORMATTERS[output_format](analyses), nl=False)


@cli.command("import")
@click.argument("dialect", type=click.Choice(["madr", "nygard", "auto"]))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--into",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("options"),
    show_default=True,
    help="Folder the option sets are written to.",
)
@click.option("--force", is_flag=True, help="Replace option sets that already exist.")
@user_errors
def import_(dialect: str, paths: tuple[Path, ...], into: Path, force: bool) -> None:
    """Import decision records (MADR or Nygard/adr-tools) as option sets.

    PATHS are record files or folders of them. Each record becomes <id>.yaml in --into,
    the id being its file name; nothing is overwritten without --force. What could not
    be mapped is kept in the background and reported. See docs/import.md.
    """
    from briefgen.importers import import_records

    report = import_records(paths, into, dialect, force=force)
    click.echo(format_diagnostics(report.failed + report.warnings), err=True, nl=False)
    for record, target in report.written:
        click.echo(f"imported {display_path(record)} -> {display_path(target)}")
    click.echo(f"{_count(len(report.written), 'record')} imported, {len(report.failed)} failed")
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path), default=Path())
@user_errors
def init(folder: Path) -> None:
    """Scaffold a workspace in FOLDER [default: .].

    Writes options/ with an example option set, meetings/, templates/, briefgen.yaml,
    .gitignore, a pre-commit config and the editor schemas; runs git init when FOLDER
    is not inside a repository. Nothing is overwritten.
    """
    from briefgen.scaffold import init_workspace

    done = init_workspace(folder)
    for path in done.written:
        click.echo(f"created {display_path(path)}")
    if done.git_initialised:
        click.echo(f"initialised a git repository in {display_path(folder)}")
    click.echo("next: edit the example in options/, then run briefgen build")


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(min=0, max=65535),
    default=8000,
    show_default=True,
    help="TCP port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--workspace",
    "-w",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(),
    show_default=".",
    help="Workspace folder (holds options/).",
)
@user_errors
def preview(port: int, workspace: Path) -> None:
    """Serve the workspace's memos on 127.0.0.1, updated live as files change.

    Open the printed address in a browser: each memo's page follows every save, shows
    the located errors while its file is invalid (the last good version a click away)
    and links its PDF, rendered on request. Ctrl-C stops it.
    """
    import time

    from briefgen.preview import start

    running = start(workspace, port)
    click.echo(f"preview of {display_path(workspace)} at {running.url} (Ctrl-C stops it)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        running.stop()


@cli.group()
def new() -> None:
    """Write a commented skeleton that validates as it is."""


_workspace_option = click.option(
    "--workspace",
    "-w",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(),
    show_default=".",
    help="Workspace folder (holds options/ and meetings/).",
)


@new.command("option-set")
@click.argument("name")
@_workspace_option
@user_errors
def new_option_set(name: str, workspace: Path) -> None:
    """Write options/NAME.yaml; fill in the fields marked FILL."""
    from briefgen.scaffold import new_option_set as write

    click.echo(f"created {display_path(write(workspace, name))}; fill in the fields marked FILL")


@new.command("meeting")
@click.argument("name")
@_workspace_option
@user_errors
def new_meeting(name: str, workspace: Path) -> None:
    """Write meetings/NAME.yaml; fill in the fields marked FILL."""
    from briefgen.scaffold import new_meeting as write

    click.echo(f"created {display_path(write(workspace, name))}; fill in the fields marked FILL")


@cli.command()
@click.option(
    "--settings",
    "of_settings",
    is_flag=True,
    help="Print the schema of briefgen.yaml, the workspace setting file, instead.",
)
def schema(of_settings: bool) -> None:
    """Print the JSON Schema of the option-set format."""
    from briefgen.schema import json_schema, settings_json_schema

    click.echo(json.dumps(settings_json_schema() if of_settings else json_schema(), indent=2))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@contextmanager
def _progress(*, bar: bool = True) -> Iterator[Callable[[int, int, str], None]]:
    """A progress bar on a terminal; one plain line per file otherwise, or when ``bar``
    is False (one file: the bar would tell nothing, and rich takes time to import)."""
    if not bar or not sys.stderr.isatty():
        yield lambda _done, _total, line: click.echo(line, err=line.startswith("failed"))
        return
    from rich.progress import Progress

    with Progress(transient=True) as shown:
        task = shown.add_task("rendering", total=None)

        def advance(done: int, total: int, line: str) -> None:
            shown.update(task, completed=done, total=total)
            if line.startswith("failed"):
                shown.console.print(line, markup=False, highlight=False)

        yield advance


def _finish(report: Any) -> None:
    click.echo(format_diagnostics(report.invalid), err=True, nl=False)
    # Warnings keep the order they were found in: per file, then what rendering said.
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    click.echo(
        f"{len(report.built)} built, {len(report.skipped)} up to date, "
        f"{len(report.failed)} failed, {len({i.path for i in report.invalid})} invalid "
        f"in {report.seconds:.1f} s"
    )
    if not report.ok:
        sys.exit(1)


#: Allocations between young-generation collections over a whole run (Python's default is
#: 700): a run is short, and most of what it allocates (modules, models, layout boxes)
#: lives to its end.
RUN_GC_THRESHOLD = (50_000, 20, 100)


def main() -> None:
    """Entry point of the ``briefgen`` command."""
    gc.set_threshold(*RUN_GC_THRESHOLD)
    try:
        cli(prog_name="briefgen")
    finally:
        # Nothing is left to collect that matters at exit: the last full collections
        # would cost a one-memo render some 30 ms (measured with callgrind).
        gc.freeze()
