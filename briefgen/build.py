"""Stage 4, build: many option sets to memos, in two phases.

Phase one loads and validates every file and reports every problem across all of them;
if any file is invalid, nothing is written. Phase two renders each memo (in parallel
processes with ``jobs`` > 1) and writes its files atomically; a memo that fails to render
is reported and does not stop the others. The shape follows mkdocs' ``commands/build.py``.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.changes import snapshot_at
from briefgen.diff import Change, diff_option_sets
from briefgen.errors import BriefgenError, WorkspaceError, display_path
from briefgen.history import Revision
from briefgen.models import OptionSet
from briefgen.outputs import write_atomic
from briefgen.render import FORMATS, RenderedMemo, render_memo
from briefgen.render.templates import TemplateSet
from briefgen.workspace import OPTIONS_DIR, find_option_sets, load_all


@dataclass(frozen=True)
class BuildSettings:
    """What a build renders and where.

    Attributes:
        workspace: the folder holding ``options/`` and, optionally, ``templates/``.
        output_dir: where memos are written (default ``<workspace>/output``).
        formats: output formats, any of ``md``, ``html``, ``pdf``.
        jobs: parallel render processes; 0 means one per CPU.
        templates: a ``--templates`` folder that overrides the workspace's, or None.
        strict: treat warnings (content lint, dropped content) as errors.
        allow_remote: fetch ``https`` images named in option sets.
        timeout: seconds one memo may take to render.
        since: a git revision; each memo then lists what changed since it.
    """

    workspace: Path
    output_dir: Path
    formats: tuple[str, ...] = ("md", "pdf")
    jobs: int = 0
    templates: Path | None = None
    strict: bool = False
    allow_remote: bool = False
    timeout: float = 120.0
    since: str | None = None


@dataclass
class BuildReport:
    """What a build did.

    Attributes:
        written: every file written.
        failed: (option set file, message) for each memo that failed to render.
        warnings: located warning lines (content lint, what was dropped or refused).
        seconds: wall-clock time of the build.
    """

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every memo rendered."""
        return not self.failed


def build_workspace(
    settings: BuildSettings, progress: Callable[[str], None] | None = None
) -> BuildReport:
    """Render every ``options/*.yaml`` of a workspace.

    Raises:
        WorkspaceError: the workspace has no ``options/`` folder.
        InputError: any option set is invalid (nothing is written then).
    """
    options_dir = settings.workspace / OPTIONS_DIR
    if not options_dir.is_dir():
        raise WorkspaceError(
            display_path(options_dir),
            "no options/ folder here",
            "run in a workspace, or give --workspace DIR",
        )
    files = find_option_sets([options_dir])
    report = render_files(files, settings, progress)
    if not files:
        report.warnings.append(
            f"{display_path(options_dir)}: warning: no option sets (*.yaml) here; nothing to build"
        )
    return report


def render_files(
    files: Sequence[Path], settings: BuildSettings, progress: Callable[[str], None] | None = None
) -> BuildReport:
    """Validate ``files``, then render each to ``settings.output_dir``.

    Args:
        files: option-set files.
        settings: formats, folders and parallelism.
        progress: called with one line per memo written or failed.

    Returns:
        The :class:`BuildReport`; ``report.ok`` is False if any memo failed to render.

    Raises:
        InputError: any file is invalid (nothing is written then).
        TemplateError, WorkspaceError: the templates folder is unusable.
        GitError: ``settings.since`` names no revision, or there is no repository.
    """
    started = time.perf_counter()
    loaded = load_all(files, workspace=settings.workspace, strict=settings.strict)
    templates = TemplateSet.for_workspace(settings.workspace, settings.templates)
    report = BuildReport(warnings=[str(w) for item in loaded for w in item.warnings])
    jobs = [_Job(item.path, item.option_set, templates.folders, settings) for item in loaded]
    if settings.since and jobs:
        jobs = _with_changes(jobs, settings.since, report)
    workers = min(settings.jobs or os.cpu_count() or 1, len(jobs))
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_render_job, jobs))
    else:
        results = [_render_job(job) for job in jobs]
    for job, result in zip(jobs, results, strict=True):
        _record(job.path, result, settings, report, progress)
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class _Job:
    """Everything one render needs, picklable for a worker process."""

    path: Path
    option_set: OptionSet
    folders: tuple[Path, ...]
    settings: BuildSettings
    changes: tuple[Change, ...] = ()
    since: Revision | None = None


def _with_changes(jobs: list[_Job], since: str, report: BuildReport) -> list[_Job]:
    """Attach to each job what changed in its option set since revision ``since``."""
    snapshot = snapshot_at(since, sorted({job.path.parent for job in jobs}))
    report.warnings.extend(snapshot.warnings)
    return [
        dataclasses.replace(
            job,
            changes=tuple(
                diff_option_sets(snapshot.option_sets.get(job.option_set.id), job.option_set)
            ),
            since=snapshot.revision,
        )
        for job in jobs
    ]


def _record(
    path: Path,
    result: RenderedMemo | str,
    settings: BuildSettings,
    report: BuildReport,
    progress: Callable[[str], None] | None,
) -> None:
    name = display_path(path)
    if isinstance(result, str):
        report.failed.append((name, result))
        if progress:
            progress(f"failed {name}: {result}")
        return
    report.warnings.extend(f"{name}: warning: {warning}" for warning in result.warnings)
    for fmt, data in result.files.items():
        target = settings.output_dir / f"{result.memo_id}{FORMATS[fmt]}"
        write_atomic(target, data)
        report.written.append(target)
    if progress:
        progress(
            f"built {name} -> "
            + ", ".join(
                display_path(settings.output_dir / f"{result.memo_id}{FORMATS[f]}")
                for f in result.files
            )
        )


def _render_job(job: _Job) -> RenderedMemo | str:
    """Render one memo; return its outputs, or the reason it failed (never raise, so one
    bad memo cannot stop the others)."""
    settings = job.settings
    try:
        with deadline(settings.timeout):
            return render_memo(
                job.option_set,
                source=job.path,
                templates=_templates(job.folders),
                formats=settings.formats,
                workspace=settings.workspace,
                allow_remote=settings.allow_remote,
                changes=job.changes,
                since=job.since,
            )
    except BriefgenError as error:
        return str(error)
    except Exception as error:  # A layout failure of one memo must not stop the batch.
        detail = traceback.format_exc() if os.environ.get("BRIEFGEN_DEBUG") else ""
        return f"{type(error).__name__}: {error}" + (f"\n{detail}" if detail else "")


class RenderTimeoutError(BriefgenError):
    """A memo took longer than the render timeout."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`RenderTimeoutError` in this thread after ``seconds`` (wall clock).

    Uses ``SIGALRM``, so it only acts in a process's main thread on POSIX; elsewhere the
    render runs without a limit.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise RenderTimeoutError(f"rendering took longer than {seconds:g} s (--timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_TEMPLATE_SETS: dict[tuple[Path, ...], TemplateSet] = {}


def _templates(folders: tuple[Path, ...]) -> TemplateSet:
    """One template set per process and folder list, so Jinja's cache is reused."""
    if folders not in _TEMPLATE_SETS:
        _TEMPLATE_SETS[folders] = TemplateSet(folders)
    return _TEMPLATE_SETS[folders]
