"""What a build will render: its settings, one job per memo and packet, and which are due.

A job is due when one of its outputs is missing, was changed by hand, was made with other
output settings, or when anything its last render read has changed since
(:mod:`briefgen.build.manifest`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen._version import __version__
from briefgen.build.manifest import Currency, Manifest
from briefgen.build.run import RenderJob
from briefgen.check.batch import Loaded, LoadedMeeting
from briefgen.errors import TemplateError
from briefgen.paths import FORMATS, PACKET_FORMATS
from briefgen.render.inputs import fact_value, file_hash
from briefgen.render.templates import TemplateSet
from briefgen.schema.settings import WorkspaceSettings
from briefgen.versions.git import Revision, Version, version_of


def _output(default: Any) -> Any:
    """A setting that changes the bytes of what a build writes."""
    return field(default=default, metadata={"output": True})


@dataclass(frozen=True)
class BuildSettings:
    """What a build renders and where.

    Attributes:
        workspace: the folder holding ``options/`` and, optionally, ``templates/``.
        output_dir: where memos are written (default ``<workspace>/output``).
        formats: output formats, any of ``md``, ``html``, ``pdf``, ``docx`` (packets
            are written in those of ``md``, ``html`` and ``pdf`` asked for).
        jobs: parallel render processes; 0 means one per CPU.
        templates: a ``--templates`` folder that overrides the workspace's, or None.
        strict: treat warnings (content lint, dropped content, the page budget and
            what the printer reports) as errors.
        allow_remote: fetch ``https`` images named in option sets.
        timeout: seconds one memo may take to render.
        since: a git revision; each memo then lists what changed since it.
        analysis: include each memo's Analysis tab (``--no-analysis``: False).
        force: render everything, even what is up to date.
        keep_going: render the valid option sets when some are invalid (still exit 1).
        docx_template: an office ``.docx`` whose styles the Word memos use, or None.
    """

    workspace: Path
    output_dir: Path
    formats: tuple[str, ...] = _output(("md", "pdf"))
    jobs: int = 0
    templates: Path | None = None
    strict: bool = False
    allow_remote: bool = _output(False)
    timeout: float = 120.0
    since: str | None = _output(None)
    analysis: bool = _output(True)
    force: bool = False
    keep_going: bool = False
    docx_template: Path | None = _output(None)  # noqa: RUF009 (a dataclass field)

    def output_key(self) -> str:
        """One hash over the settings that change output bytes (those declared with
        ``_output``) and briefgen's version: equal keys, equal outputs for equal reads.
        The templates folder is not among them: the templates a render read are."""
        chosen = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.metadata}
        text = json.dumps({"briefgen": __version__, **chosen}, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def outputs(job: RenderJob, settings: BuildSettings) -> list[Path]:
    """The files ``job`` writes, one per format: ``<id>.pdf``, packets below ``meetings/``."""
    if job.meeting is not None:
        folder, name = settings.output_dir / "meetings", job.meeting.id
    else:
        assert job.option_set is not None
        folder, name = settings.output_dir, job.option_set.id
    return [folder / f"{name}{FORMATS[fmt]}" for fmt in job.formats]


def memo_job(
    item: Loaded,
    version: Version,
    templates: TemplateSet,
    settings: BuildSettings,
    look: WorkspaceSettings,
) -> RenderJob:
    """The job that renders one option set's memo, with the workspace settings ``look``."""
    parts = {"option_set": item.option_set, "version": version}
    return _job(item.path, templates, settings, look, **parts)


def packet_job(
    item: LoadedMeeting,
    loaded: Sequence[Loaded],
    versions: dict[str, Version],
    templates: TemplateSet,
    settings: BuildSettings,
    look: WorkspaceSettings,
) -> RenderJob:
    """The job that renders one meeting's read-ahead packet from the memos on its agenda."""
    by_id = {i.option_set.id: i for i in loaded}
    wanted = dict.fromkeys(a.option_set for a in item.meeting.agenda if a.option_set)
    members = tuple((i, by_id[i].path, by_id[i].option_set, versions[i]) for i in wanted)
    formats = tuple(f for f in settings.formats if f in PACKET_FORMATS)
    parts = {"meeting": item.meeting, "members": members, "formats": formats}
    return _job(item.path, templates, settings, look, **parts)


def _job(
    path: Path,
    templates: TemplateSet,
    settings: BuildSettings,
    look: WorkspaceSettings,
    **parts: Any,
) -> RenderJob:
    formats = parts.pop("formats", settings.formats)
    return RenderJob(
        path,
        templates.folders,
        formats,
        settings.workspace,
        allow_remote=settings.allow_remote,
        docx_template=settings.docx_template,
        timeout=settings.timeout,
        settings=look,
        analysis=settings.analysis,
        **parts,
    )


@dataclass
class Freshness:
    """Decides which jobs are due, asking git and hashing each file at most once."""

    settings: BuildSettings
    templates: TemplateSet
    manifest: Manifest
    versions: dict[Path, Version]
    look: WorkspaceSettings
    since: Revision | None = None

    def __post_init__(self) -> None:
        self.currency = Currency(self.settings.workspace, self._template, self._fact)
        self.key = self.settings.output_key()

    def due(self, job: RenderJob) -> bool:
        """True when ``job`` must be rendered (always with ``--force``)."""
        if self.settings.force:
            return True
        return not all(
            self.manifest.fresh(out, self.key, self.currency) for out in outputs(job, self.settings)
        )

    def _template(self, name: str) -> str:
        try:
            return file_hash(self.templates.find(name))
        except TemplateError:
            return ""

    def _version(self, path: Path) -> Version:
        resolved = path.resolve()
        if resolved not in self.versions:
            self.versions[resolved] = version_of(resolved)
        return self.versions[resolved]

    def _fact(self, name: str) -> str:
        kind, _, rest = name.partition(":")
        if kind == "git" and not Path(rest).is_absolute():
            name = f"git:{self.settings.workspace.resolve() / rest}"
        return fact_value(name, version_of=self._version, since=self.since, look=self.look)
