"""One unit of rendering work, run in a worker process (or in-process with one job).

A job carries everything it needs and never raises: it returns the rendered files
(:class:`~briefgen.render.Rendered`) or why it failed
(:class:`~briefgen.render.RenderFailed`), so one bad memo cannot stop a batch. Each job
runs under a deadline (``--timeout``). :func:`run_all` runs a list of jobs, in worker
processes when there are several.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import signal
import threading
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError
from briefgen.render import Rendered, RenderFailed, render_memo
from briefgen.render.packet import render_packet
from briefgen.render.templates import TemplateSet
from briefgen.schema.meeting import Meeting
from briefgen.schema.option_set import OptionSet
from briefgen.schema.settings import WorkspaceSettings
from briefgen.versions.git import Revision, Version

if TYPE_CHECKING:
    from briefgen.versions.diff import Change

#: WeasyPrint's per-font notice when HarfBuzz's subsetter is missing; reported once instead.
FONTTOOLS_NOTICE = "Using fontTools instead of HarfBuzz-Subset"
SLOW_FONTS = (
    "libharfbuzz-subset0 is not installed: fonts are subset with fontTools, "
    "3-4x slower per memo; install it (scripts/setup.sh does)"
)


@dataclass(frozen=True)
class RenderJob:
    """A memo (``meeting`` None) or a packet to render, picklable for a worker.

    Attributes:
        path: the option set or meeting file.
        option_set: the option set (for a memo).
        meeting: the meeting (for a packet).
        members: (option-set id, file, option set, git version) of a packet's memos.
        folders: the template look-up folders.
        formats: output formats.
        workspace: the workspace folder.
        allow_remote: let https images through.
        timeout: seconds the job may take.
        version: the option set's git version (None: looked up by the renderer).
        changes: changes since ``since``, for a memo's "Changes since" section.
        since: the revision changes are measured from.
        analysis: include the Analysis tab (``--no-analysis`` leaves it out).
        settings: the workspace's ``briefgen.yaml`` (paper, font size, tab labels).
        docx_template: the office template of Word memos, or None.
    """

    path: Path
    folders: tuple[Path, ...]
    formats: tuple[str, ...]
    workspace: Path
    option_set: OptionSet | None = None
    meeting: Meeting | None = None
    members: tuple[tuple[str, Path, OptionSet, Version], ...] = ()
    allow_remote: bool = False
    timeout: float = 120.0
    version: Version | None = None
    changes: tuple[Change, ...] = ()
    since: Revision | None = None
    analysis: bool = True
    settings: WorkspaceSettings = field(default_factory=WorkspaceSettings)
    docx_template: Path | None = None


def run(job: RenderJob) -> Rendered | RenderFailed:
    """Render one job; return its outputs, or why it failed."""
    try:
        with deadline(job.timeout):
            rendered = _render(job)
    except BriefgenError as error:
        return RenderFailed(job.path, str(error))
    except Exception as error:  # A layout failure of one memo must not stop the batch.
        detail = traceback.format_exc() if os.environ.get("BRIEFGEN_DEBUG") else ""
        message = f"{type(error).__name__}: {error}" + (f"\n{detail}" if detail else "")
        return RenderFailed(job.path, message)
    slow = any(FONTTOOLS_NOTICE in line for line in rendered.warnings) or (
        "pdf" in rendered.files and _without_harfbuzz_subset()
    )
    warnings = [line for line in rendered.warnings if FONTTOOLS_NOTICE not in line]
    return dataclasses.replace(rendered, warnings=warnings + ([SLOW_FONTS] if slow else []))


def run_all(jobs: Sequence[RenderJob], workers: int) -> list[Rendered | RenderFailed]:
    """Run ``jobs``, in ``workers`` processes when more than one; results in job order."""
    if workers <= 1:
        with _fewer_collections():
            return [run(job) for job in jobs]
    # Imported here: multiprocessing costs a one-memo render some 10-30 ms of start-up.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_tune_collector) as pool:
        return list(pool.map(run, jobs))


#: Allocations between young-generation collections while rendering (Python's default is
#: 700). Layout makes millions of short-lived objects; collecting less often saves about
#: 3% of a build (measured with benchmarks/run.py).
RENDER_GC_THRESHOLD = (50_000, 20, 100)


def _tune_collector() -> None:
    gc.set_threshold(*RENDER_GC_THRESHOLD)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect less often while rendering in this process, and leave out of every
    collection what validation left in memory (it lives until the end anyway). No full
    collection first: it costs more than the little garbage it would free."""
    previous = gc.get_threshold()
    gc.freeze()
    _tune_collector()
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def _without_harfbuzz_subset() -> bool:
    """True when WeasyPrint found no libharfbuzz-subset, so fontTools subsets the fonts.

    WeasyPrint 70 also logs :data:`FONTTOOLS_NOTICE` then; older releases say nothing.
    """
    from weasyprint.pdf import fonts

    return getattr(fonts, "harfbuzz_subset", True) is None


def _render(job: RenderJob) -> Rendered:
    templates = _templates(job.folders)
    if job.meeting is not None:
        return render_packet(
            job.meeting,
            {member_id: (path, option_set) for member_id, path, option_set, _ in job.members},
            versions={member_id: version for member_id, _, _, version in job.members},
            source=job.path,
            templates=templates,
            formats=job.formats,
            workspace=job.workspace,
            allow_remote=job.allow_remote,
            settings=job.settings,
        )
    assert job.option_set is not None
    return render_memo(
        job.option_set,
        source=job.path,
        templates=templates,
        formats=job.formats,
        workspace=job.workspace,
        version=job.version,
        allow_remote=job.allow_remote,
        changes=job.changes,
        since=job.since,
        analysis=job.analysis,
        settings=job.settings,
        docx_template=job.docx_template,
    )


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
