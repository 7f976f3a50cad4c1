"""Stage 4, build: option sets to memos and meetings to packets, in two phases.

Phase one loads and validates every file and reports every problem across all of them;
if any file is invalid, nothing is written (``keep_going`` renders the valid ones and
still fails). Phase two renders, in parallel processes, only what is due (see
:mod:`briefgen.build.plan`), and writes each file atomically; a memo that fails to
render is reported and does not stop the others. The shape follows mkdocs'
``commands/build.py``.

Entry points: :func:`build_workspace`, :func:`render_files`, :func:`render_packets`.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.build.manifest import Manifest
from briefgen.build.outputs import write_rendered
from briefgen.build.plan import BuildSettings, Freshness, memo_job, packet_job
from briefgen.build.run import SLOW_FONTS, RenderJob, run_all
from briefgen.check.batch import (
    Loaded,
    check_all,
    check_meetings,
    check_settings,
    find_meetings,
    find_option_sets,
    settings_file,
)
from briefgen.check.cache import CheckCache
from briefgen.errors import Diagnostic, InputError, WorkspaceError
from briefgen.paths import OPTIONS_DIR, display_path
from briefgen.render import Rendered, RenderFailed
from briefgen.render.templates import TemplateSet
from briefgen.versions.git import Version, resolve, version_of

__all__ = [
    "BuildReport",
    "BuildSettings",
    "build_workspace",
    "render_files",
    "render_packets",
]

#: Called as progress(done, total, line) after each memo or packet.
Progress = Callable[[int, int, str], None]


@dataclass
class BuildReport:
    """What a build did.

    Attributes:
        built: files (option sets, meetings) rendered.
        skipped: files whose outputs were up to date.
        written: output files written.
        failed: each memo or packet that failed to render, and why.
        invalid: problems of input files left out (with ``keep_going``).
        warnings: content lint, what rendering dropped or refused, notes on the machine.
        seconds: wall-clock time of the build.
    """

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    failed: list[RenderFailed] = field(default_factory=list)
    invalid: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every input was valid and every memo rendered."""
        return not self.failed and not self.invalid


def build_workspace(settings: BuildSettings, progress: Progress | None = None) -> BuildReport:
    """Render every ``options/*.yaml`` and ``meetings/*.yaml`` of a workspace.

    Raises:
        WorkspaceError: the workspace has no ``options/`` folder.
        InputError: any input is invalid (nothing is written then), unless ``keep_going``.
    """
    options_dir = settings.workspace / OPTIONS_DIR
    if not options_dir.is_dir():
        raise WorkspaceError(
            display_path(options_dir),
            "no options/ folder here",
            "run in a workspace, or give --workspace DIR",
        )
    files = find_option_sets([options_dir])
    report = _build(files, find_meetings(settings.workspace), settings, progress)
    if not files:
        nothing = "no option sets (*.yaml) here; nothing to build"
        report.warnings.append(Diagnostic.note(display_path(options_dir), nothing))
    return report


def render_files(
    files: Sequence[Path], settings: BuildSettings, progress: Progress | None = None
) -> BuildReport:
    """Validate option-set ``files``, then render each to ``settings.output_dir``.

    Raises:
        InputError: any file is invalid (nothing is written then), unless ``keep_going``.
        TemplateError, WorkspaceError: the templates folder is unusable.
        GitError: ``settings.since`` names no revision, or there is no repository.
    """
    return _build(files, [], settings, progress)


def render_packets(
    meetings: Sequence[Path], settings: BuildSettings, progress: Progress | None = None
) -> BuildReport:
    """Render the packets of meeting files; their memos come from the workspace's options/."""
    options = find_option_sets([settings.workspace / OPTIONS_DIR])
    return _build(options, meetings, settings, progress, memos=False)


def _build(
    option_files: Sequence[Path],
    meeting_files: Sequence[Path],
    settings: BuildSettings,
    progress: Progress | None,
    *,
    memos: bool = True,
) -> BuildReport:
    started = time.perf_counter()
    look, look_issues = check_settings(settings_file(settings.workspace))
    checked = CheckCache(settings.output_dir)
    loaded, issues = check_all(
        option_files,
        workspace=settings.workspace,
        strict=settings.strict,
        allow_remote=settings.allow_remote,
        cache=checked,
    )
    meetings, meeting_issues = check_meetings(
        meeting_files, {i.option_set.id for i in loaded}, issues
    )
    issues += meeting_issues
    # Broken workspace settings would change every output: never render past them.
    if look_issues or (issues and not settings.keep_going):
        raise InputError(look_issues + issues)
    checked.write([item.path for item in loaded], settings.allow_remote)
    report = BuildReport(
        invalid=sorted(issues), warnings=[w for item in loaded for w in item.warnings]
    )
    templates = TemplateSet.for_workspace(settings.workspace, settings.templates)
    # Each file's place in git, asked once: memos, packets and freshness all use it.
    versions = {item.option_set.id: version_of(item.path) for item in loaded}
    jobs = [
        *(
            memo_job(i, versions[i.option_set.id], templates, settings, look)
            for i in loaded
            if memos
        ),
        *(packet_job(m, loaded, versions, templates, settings, look) for m in meetings),
    ]
    jobs = [job for job in jobs if job.formats]  # --formats docx: no packets
    since = resolve(settings.workspace, settings.since) if settings.since else None
    if since is not None and memos:
        jobs = _with_changes(jobs, settings, report)
    manifest = Manifest(settings.output_dir, settings.workspace)
    freshness = Freshness(settings, templates, manifest, _by_path(loaded, versions), look, since)
    todo = [job for job in jobs if freshness.due(job)]
    report.skipped = [display_path(job.path) for job in jobs if job not in todo]
    workers = min(settings.jobs or os.cpu_count() or 1, len(todo))
    for done, (job, result) in enumerate(zip(todo, run_all(todo, workers), strict=True), 1):
        line = _record(job, result, settings, manifest, report)
        if progress:
            progress(done, len(todo), line)
    if todo:
        manifest.write()
    report.warnings = list(dict.fromkeys(report.warnings))
    report.seconds = time.perf_counter() - started
    return report


def _by_path(loaded: Sequence[Loaded], versions: dict[str, Version]) -> dict[Path, Version]:
    return {item.path.resolve(): versions[item.option_set.id] for item in loaded}


def _with_changes(
    jobs: list[RenderJob], settings: BuildSettings, report: BuildReport
) -> list[RenderJob]:
    """Attach to each memo job what changed in its option set since ``settings.since``."""
    assert settings.since is not None
    from briefgen.versions.diff import diff_option_sets  # only --since needs snapshots
    from briefgen.versions.snapshots import snapshot_at

    memos = [job for job in jobs if job.option_set is not None]
    if not memos:
        return jobs
    snapshot = snapshot_at(settings.since, sorted({job.path.parent for job in memos}))
    report.warnings.extend(snapshot.warnings)

    def changed(job: RenderJob) -> RenderJob:
        if job.option_set is None:
            return job
        old = snapshot.option_sets.get(job.option_set.id)
        changes = tuple(diff_option_sets(old, job.option_set))
        return dataclasses.replace(job, since=snapshot.revision, changes=changes)

    return [changed(job) for job in jobs]


def _record(
    job: RenderJob,
    result: Rendered | RenderFailed,
    settings: BuildSettings,
    manifest: Manifest,
    report: BuildReport,
) -> str:
    """Write one job's outputs and note them; return the progress line."""
    name = display_path(job.path)
    if isinstance(result, RenderFailed):
        report.failed.append(result)
        return f"failed {name}: {result.message}"
    # The slow-fonts notice concerns the machine, not the memo: said once per build.
    about_memo = [w for w in result.warnings if w != SLOW_FONTS]
    report.warnings.extend(Diagnostic.note("", w) for w in result.warnings if w == SLOW_FONTS)
    if settings.strict and about_memo:
        # Under --strict what the render warns about (the page budget, the printer's
        # complaints) fails the memo, as content lint does before rendering.
        report.failed.extend(RenderFailed(job.path, f"error: {w}") for w in about_memo)
        return "\n".join(f"failed {name}: error: {w}" for w in about_memo)
    report.built.append(name)
    report.warnings.extend(Diagnostic.note(name, w) for w in about_memo)
    targets = write_rendered(job, result, settings, manifest)
    report.written.extend(targets)
    return f"built {name} -> " + ", ".join(display_path(t) for t in targets)
