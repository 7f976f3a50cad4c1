"""Writing what a job rendered: each output atomically, each recorded in the manifest."""

from __future__ import annotations

from pathlib import Path

from briefgen.build.manifest import Manifest
from briefgen.build.plan import BuildSettings, outputs
from briefgen.build.run import RenderJob
from briefgen.paths import write_atomic
from briefgen.render import Rendered


def write_rendered(
    job: RenderJob, rendered: Rendered, settings: BuildSettings, manifest: Manifest
) -> list[Path]:
    """Write ``rendered``'s files where ``job``'s outputs go, and note in ``manifest``
    what each was made from.

    Returns:
        The output files, one per format, in the job's format order.

    Raises:
        OSError: an output cannot be written (the files written before it stay).
    """
    targets = outputs(job, settings)
    version = job.version
    commit = version.commit.short if version and version.commit else None
    for fmt, target in zip(job.formats, targets, strict=True):
        data = rendered.files[fmt]
        write_atomic(target, data)
        manifest.record(
            target,
            data,
            source=job.path,
            kind="packet" if job.meeting else "memo",
            settings_key=settings.output_key(),
            reads=rendered.reads,
            commit=commit,
        )
    return targets
