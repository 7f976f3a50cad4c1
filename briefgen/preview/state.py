"""What the preview shows: each option set's last good memo and its current problems,
brought up to date when any input of the workspace changes.

Changes are found by polling the files' ``stat`` (modification time, size and inode),
which also sees editors that save by writing a new file and renaming it over the old
one (the inode changes even when the time stamp is kept).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.check.batch import (
    check_meetings,
    check_settings,
    find_meetings,
    find_option_sets,
    settings_file,
)
from briefgen.check.validate import load_option_set
from briefgen.errors import BriefgenError, InputError
from briefgen.paths import MEETINGS_DIR, OPTIONS_DIR, display_path
from briefgen.render import render_memo
from briefgen.render.templates import TemplateSet
from briefgen.schema.option_set import OptionSet
from briefgen.schema.settings import WorkspaceSettings

#: Seconds between two looks at the workspace's files.
POLL_SECONDS = 0.25


@dataclass
class Memo:
    """One option set as the preview knows it.

    Attributes:
        path: its file.
        problems: its errors (and those of ``briefgen.yaml``) as plain located lines;
            empty when it is valid.
        html: the last good memo, as it prints (None before one rendered).
        option_set: the last valid model, for the PDF.
        generation: how many times its page changed.
    """

    path: Path
    problems: list[str] = field(default_factory=list)
    html: str | None = None
    option_set: OptionSet | None = None
    generation: int = 0


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


class Preview:
    """The workspace's memos, kept up to date; thread-safe.

    Args:
        workspace: the workspace root (holds ``options/``).
    """

    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace.resolve()
        self.memos: dict[str, Memo] = {}
        self.settings = WorkspaceSettings()
        self.settings_problems: list[str] = []
        #: meeting file name (without .yaml) -> its problems, empty when valid
        self.meetings: dict[str, list[str]] = {}
        self.changed = threading.Condition()
        self.generation = 0
        self._seen: dict[Path, tuple[int, int, int] | None] = {}
        self._lock = threading.Lock()

    def watched(self) -> Iterator[Path]:
        """Every file whose change can change a memo: option sets, meetings, templates,
        images and the setting file."""
        for folder in (OPTIONS_DIR, MEETINGS_DIR, "templates"):
            root = self.workspace / folder
            if root.is_dir():
                yield from (p for p in sorted(root.rglob("*")) if p.is_file())
        yield settings_file(self.workspace)

    def poll(self) -> bool:
        """Look at the files once; bring the memos up to date if any changed.

        Returns:
            True if something changed (and the pages were told).
        """
        now = {path: _stamp(path) for path in self.watched()}
        if now == self._seen:
            return False
        changed = {p for p in now.keys() | self._seen.keys() if now.get(p) != self._seen.get(p)}
        options = self.workspace / OPTIONS_DIR
        only = None if not self._seen or any(p.parent != options for p in changed) else changed
        self.refresh(only)
        self._seen = now  # only once rendered: a failed look is tried again
        return True

    def refresh(self, only: set[Path] | None = None) -> None:
        """Check and render the option sets again; tell the open pages what changed.

        Args:
            only: the option-set files that changed; None renders every memo again (a
                template, an image or the setting file changed).
        """
        with self._lock:
            look, issues = check_settings(settings_file(self.workspace))
            self.settings, self.settings_problems = look, [str(i) for i in issues]
            templates = TemplateSet.for_workspace(self.workspace)
            files = find_option_sets([self.workspace / OPTIONS_DIR])
            found = {path.stem: path for path in files}
            for gone in set(self.memos) - set(found):
                del self.memos[gone]
            for memo_id, path in found.items():
                if only is not None and memo_id in self.memos and path not in only:
                    continue
                memo = self.memos.setdefault(memo_id, Memo(path))
                before = (memo.problems, memo.html)
                self._update(memo, templates)
                if (memo.problems, memo.html) != before:
                    memo.generation += 1
            self._check_meetings()
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

    def _check_meetings(self) -> None:
        valid = {memo_id for memo_id, memo in self.memos.items() if not memo.problems}
        files = find_meetings(self.workspace)
        _, issues = check_meetings(files, valid)
        self.meetings = {
            path.stem: [str(i) for i in issues if Path(i.path).resolve() == path.resolve()]
            for path in files
        }

    def _update(self, memo: Memo, templates: TemplateSet) -> None:
        try:
            option_set = load_option_set(memo.path)
            if self.settings_problems:
                raise InputError([])
            rendered = render_memo(
                option_set,
                source=memo.path,
                templates=templates,
                formats=("html",),
                workspace=self.workspace,
                settings=self.settings,
            )
        except InputError as error:
            memo.problems = [str(issue) for issue in error.issues] + self.settings_problems
            return
        except BriefgenError as error:
            memo.problems = [f"{display_path(memo.path)}: {error}"]
            return
        except Exception as error:  # one memo's failure must not stop the others
            memo.problems = [f"{display_path(memo.path)}: cannot render: {error!r}"]
            return
        memo.problems = []
        memo.html = rendered.files["html"].decode("utf-8")
        memo.option_set = option_set

    def pdf(self, memo_id: str) -> bytes | None:
        """The PDF of the last good version of ``memo_id``, rendered now; None if none."""
        with self._lock:
            memo = self.memos.get(memo_id)
            if memo is None or memo.option_set is None:
                return None
            rendered = render_memo(
                memo.option_set,
                source=memo.path,
                templates=TemplateSet.for_workspace(self.workspace),
                formats=("pdf",),
                workspace=self.workspace,
                settings=self.settings,
            )
            return rendered.files["pdf"]

    def wait(self, generation: int, timeout: float) -> int:
        """Block until the generation passes ``generation`` or ``timeout`` seconds pass;
        return the current generation."""
        with self.changed:
            self.changed.wait_for(lambda: self.generation > generation, timeout)
            return self.generation


def watch(preview: Preview, stop: threading.Event) -> None:
    """Poll ``preview``'s files every :data:`POLL_SECONDS` until ``stop`` is set."""
    while not stop.wait(POLL_SECONDS):
        try:
            preview.poll()
        except Exception:  # a file caught mid-write, gone, unreadable: look again next time
            continue
