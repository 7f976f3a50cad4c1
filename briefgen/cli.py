"""Stage 5, the command line: parse arguments, call one library function, map errors.

Exit status: 0 on success; 1 when input is invalid or a memo fails to render (one plain
line per problem, no traceback; ``--debug`` shows one); 2 on a usage error (Click's own).
Heavy modules (WeasyPrint) are imported only by the commands that render.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from briefgen import __version__
from briefgen.errors import BriefgenError

F = TypeVar("F", bound=Callable[..., Any])


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    from briefgen.render import FORMATS

    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"use a comma-separated list of {', '.join(FORMATS)}")
    return chosen


def render_options(command: F) -> F:
    """The options shared by ``build`` and ``render``, defined once."""
    options = [
        click.option(
            "--output-dir",
            type=click.Path(path_type=Path, file_okay=False),
            help="Where memos are written [default: output/ in the workspace].",
        ),
        click.option(
            "--formats",
            default="md,pdf",
            show_default=True,
            callback=_formats,
            help="Comma-separated output formats: md, html, pdf.",
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
            help="Folder of templates that override the workspace's and the packaged ones.",
        ),
        click.option(
            "--workspace",
            "-w",
            type=click.Path(path_type=Path, file_okay=False),
            default=Path(),
            show_default=".",
            help="Workspace folder (holds options/, templates/, output/).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def user_errors(command: F) -> F:
    """Print user errors as plain lines and exit 1; keep tracebacks for bugs."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BriefgenError as error:
            if click.get_current_context().find_root().params.get("debug"):
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


@cli.command()
@render_options
@user_errors
def build(
    output_dir: Path | None,
    formats: tuple[str, ...],
    jobs: int,
    templates: Path | None,
    workspace: Path,
) -> None:
    """Render every options/*.yaml of the workspace to output/."""
    from briefgen.build import BuildSettings, build_workspace

    settings = BuildSettings(
        workspace, output_dir or workspace / "output", formats, jobs, templates
    )
    _finish(build_workspace(settings, progress=_progress))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@render_options
@user_errors
def render(
    files: tuple[Path, ...],
    output_dir: Path | None,
    formats: tuple[str, ...],
    jobs: int,
    templates: Path | None,
    workspace: Path,
) -> None:
    """Render the given option-set FILES."""
    from briefgen.build import BuildSettings, find_option_sets, render_files

    settings = BuildSettings(workspace, output_dir or Path("output"), formats, jobs, templates)
    _finish(render_files(find_option_sets(files), settings, progress=_progress))


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
@user_errors
def validate(paths: tuple[Path, ...], output_format: str) -> None:
    """Check option-set files or folders without rendering [default: options/]."""
    from briefgen.build import find_option_sets, load_all
    from briefgen.errors import InputError

    files = find_option_sets(paths or (Path("options"),))
    try:
        load_all(files)
    except InputError as error:
        if output_format == "json":
            click.echo(json.dumps([vars(issue) for issue in error.issues], indent=2))
            sys.exit(1)
        raise
    if output_format == "json":
        click.echo("[]")
    else:
        click.echo(f"{len(files)} option set{'s' if len(files) != 1 else ''} valid")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the option-set format."""
    from briefgen.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


def _progress(line: str) -> None:
    click.echo(line, err=line.startswith("failed"))


def _finish(report: Any) -> None:
    for name, warning in report.warnings:
        click.echo(f"warning: {name}: {warning}", err=True)
    memos = len({path.stem for path in report.written})
    click.echo(
        f"{memos} memo{'s' if memos != 1 else ''} built, {len(report.failed)} failed "
        f"in {report.seconds:.1f} s"
    )
    if not report.ok:
        sys.exit(1)


def main() -> None:
    """Entry point of the ``briefgen`` command."""
    cli(prog_name="briefgen")
