"""Stage 4, build: option sets to memos and meetings to packets, in two phases.

Phase one loads and validates every file and reports every problem across all of them;
if any file is invalid, nothing is written (``keep_going`` renders the valid ones and
still fails). Phase two renders, in parallel processes, only what changed since the
last build (see :mod:`briefgen.build.manifest`), and writes each file atomically; a memo that
fails to render is reported and does not stop the others. The shape follows mkdocs'
``commands/build.py``.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.build.manifest import Inputs, Manifest, inputs_for
from briefgen.build.run import SLOW_FONTS, RenderJob, run
from briefgen.check.batch import (
    MEETINGS_DIR,
    OPTIONS_DIR,
    Loaded,
    LoadedMeeting,
    check_all,
    check_meetings,
    find_meetings,
    find_option_sets,
)
from briefgen.check.cache import CheckCache
from briefgen.check.lint import image_problem, local_image_files
from briefgen.errors import Diagnostic, InputError, WorkspaceError
from briefgen.paths import display_path, write_atomic
from briefgen.render import FORMATS, RenderedMemo
from briefgen.render.templates import TemplateSet
from briefgen.schema.option_set import OptionSet
from briefgen.versions.git import Version, resolve, version_of

#: Template files each kind of output is made from, by format.
MEMO_TEMPLATES = {"md": ("memo.md.j2",), "html": ("memo.html.j2", "memo_body.html.j2", "memo.css")}
PACKET_TEMPLATES = {
    "md": ("packet.md.j2", "memo.md.j2"),
    "html": ("packet.html.j2", "memo_body.html.j2", "memo.css", "packet.css"),
}

#: Called as progress(done, total, line) after each memo or packet.
Progress = Callable[[int, int, str], None]


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
        force: render everything, even what is up to date.
        keep_going: render the valid option sets when some are invalid (still exit 1).
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
    force: bool = False
    keep_going: bool = False


@dataclass
class BuildReport:
    """What a build did.

    Attributes:
        built: files (option sets, meetings) rendered.
        skipped: files whose outputs were up to date.
        written: output files written.
        failed: (file, message) for each memo or packet that failed to render.
        invalid: problems of input files left out (with ``keep_going``).
        warnings: located warning lines (content lint, what was dropped or refused).
        seconds: wall-clock time of the build.
    """

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    invalid: list[Diagnostic] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
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
        report.warnings.append(
            f"{display_path(options_dir)}: warning: no option sets (*.yaml) here; nothing to build"
        )
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
    checked = CheckCache(settings.output_dir)
    loaded, issues = check_all(
        option_files,
        workspace=settings.workspace,
        strict=settings.strict,
        allow_remote=settings.allow_remote,
        cache=checked,
    )
    known = {i.option_set.id for i in loaded}
    meetings, meeting_issues = check_meetings(meeting_files, known, issues)
    issues += meeting_issues
    if issues and not settings.keep_going:
        raise InputError(issues)
    checked.write([item.path for item in loaded], settings.allow_remote)
    report = BuildReport(
        invalid=sorted(issues), warnings=[str(w) for item in loaded for w in item.warnings]
    )
    templates = TemplateSet.for_workspace(settings.workspace, settings.templates)
    # Each file's place in git, asked once: memos and packets both print it.
    versions = {item.option_set.id: version_of(item.path) for item in loaded}
    planned = [
        *(_memo_job(i, versions[i.option_set.id], templates, settings) for i in loaded if memos),
        *(_packet_job(m, loaded, versions, templates, settings) for m in meetings),
    ]
    if settings.since and memos:
        planned = _with_changes(planned, settings, report)
    manifest = Manifest(settings.output_dir, settings.workspace)
    todo = []
    for job, inputs in planned:
        if settings.force or not all(
            manifest.fresh(out, inputs.key) for out in _outputs(job, settings)
        ):
            todo.append((job, inputs))
        else:
            report.skipped.append(display_path(job.path))
    workers = min(settings.jobs or os.cpu_count() or 1, len(todo))
    results = _run_all([job for job, _ in todo], workers)
    for done, ((job, inputs), result) in enumerate(zip(todo, results, strict=True), 1):
        line = _record(job, inputs, result, settings, manifest, report)
        if progress:
            progress(done, len(todo), line)
    if todo:
        manifest.write()
    report.warnings = list(dict.fromkeys(report.warnings))
    report.seconds = time.perf_counter() - started
    return report


def _run_all(jobs: list[RenderJob], workers: int) -> list[RenderedMemo | str]:
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


def _outputs(job: RenderJob, settings: BuildSettings) -> list[Path]:
    if job.meeting is not None:
        folder, name = settings.output_dir / MEETINGS_DIR, job.meeting.id
    else:
        assert job.option_set is not None
        folder, name = settings.output_dir, job.option_set.id
    return [folder / f"{name}{FORMATS[fmt]}" for fmt in job.formats]


def _template_files(
    templates: TemplateSet, names: dict[str, tuple[str, ...]], formats: Sequence[str]
) -> list[Path]:
    wanted = names["md"] if "md" in formats else ()
    if "html" in formats or "pdf" in formats:
        wanted += names["html"]
    return [templates.find(name) for name in wanted]


def _images(option_set: OptionSet, path: Path, workspace: Path) -> list[Path]:
    """Local image files the option set embeds: their bytes are inputs too."""
    folder = path.resolve().parent
    return [
        image
        for image in local_image_files(option_set, folder)
        if image_problem(str(image), folder, [folder, workspace]) is None
    ]


def _new_job(
    path: Path, templates: TemplateSet, settings: BuildSettings, **parts: Any
) -> RenderJob:
    return RenderJob(
        path,
        templates.folders,
        settings.formats,
        settings.workspace,
        allow_remote=settings.allow_remote,
        timeout=settings.timeout,
        **parts,
    )


def _setting_facts(settings: BuildSettings) -> dict[str, str | None]:
    """The settings that change an output's bytes."""
    return {"formats": ",".join(settings.formats), "allow_remote": str(settings.allow_remote)}


def _memo_job(
    item: Loaded, version: Version, templates: TemplateSet, settings: BuildSettings
) -> tuple[RenderJob, Inputs]:
    job = _new_job(item.path, templates, settings, option_set=item.option_set, version=version)
    files = [
        item.path,
        *_template_files(templates, MEMO_TEMPLATES, settings.formats),
        *_images(item.option_set, item.path, settings.workspace),
    ]
    facts = {
        **_setting_facts(settings),
        "stamp": version.stamp,
        "commit_date": version.commit.date.isoformat() if version.commit else None,
    }
    return job, inputs_for(files, facts, settings.workspace)


def _packet_job(
    item: LoadedMeeting,
    loaded: Sequence[Loaded],
    versions: dict[str, Version],
    templates: TemplateSet,
    settings: BuildSettings,
) -> tuple[RenderJob, Inputs]:
    by_id = {i.option_set.id: i for i in loaded}
    wanted = dict.fromkeys(a.option_set for a in item.meeting.agenda if a.option_set)
    members = tuple((i, by_id[i].path, by_id[i].option_set, versions[i]) for i in wanted)
    job = _new_job(item.path, templates, settings, meeting=item.meeting, members=members)
    files = [
        item.path,
        *(path for _, path, _, _ in members),
        *_template_files(templates, PACKET_TEMPLATES, settings.formats),
        *(img for _, path, o, _ in members for img in _images(o, path, settings.workspace)),
    ]
    facts = {
        **_setting_facts(settings),
        **{f"stamp:{i}": version.stamp for i, _, _, version in members},
    }
    return job, inputs_for(files, facts, settings.workspace)


def _with_changes(
    planned: list[tuple[RenderJob, Inputs]], settings: BuildSettings, report: BuildReport
) -> list[tuple[RenderJob, Inputs]]:
    """Attach to each memo job what changed in its option set since ``settings.since``."""
    assert settings.since is not None
    # Only --since needs git snapshots and diffs.
    from briefgen.versions.diff import diff_option_sets
    from briefgen.versions.snapshots import snapshot_at

    memos = [job for job, _ in planned if job.option_set is not None]
    if not memos:
        return planned
    snapshot = snapshot_at(settings.since, sorted({job.path.parent for job in memos}))
    report.warnings.extend(snapshot.warnings)
    since = resolve(settings.workspace, settings.since)
    result = []
    for job, inputs in planned:
        if job.option_set is None:
            result.append((job, inputs))
            continue
        old = snapshot.option_sets.get(job.option_set.id)
        changes = tuple(diff_option_sets(old, job.option_set))
        result.append(
            (
                dataclasses.replace(job, since=snapshot.revision, changes=changes),
                Inputs(inputs.files, {**inputs.facts, "since": since.sha}),
            )
        )
    return result


def _record(
    job: RenderJob,
    inputs: Inputs,
    result: RenderedMemo | str,
    settings: BuildSettings,
    manifest: Manifest,
    report: BuildReport,
) -> str:
    """Write one job's outputs and note them; return the progress line."""
    name = display_path(job.path)
    if isinstance(result, str):
        report.failed.append((name, result))
        return f"failed {name}: {result}"
    report.built.append(name)
    # The slow-fonts notice concerns the machine, not the memo: said once per build.
    report.warnings.extend(
        f"warning: {w}" if w == SLOW_FONTS else f"{name}: warning: {w}" for w in result.warnings
    )
    targets = _outputs(job, settings)
    commit = job.version.commit.short if job.version and job.version.commit else None
    for fmt, target in zip(job.formats, targets, strict=True):
        data = result.files[fmt]
        write_atomic(target, data)
        manifest.record(
            target,
            data,
            source=job.path,
            kind="packet" if job.meeting else "memo",
            inputs=inputs,
            commit=commit,
        )
        report.written.append(target)
    return f"built {name} -> " + ", ".join(display_path(t) for t in targets)
