"""Beside the pipeline, the live preview: ``briefgen preview`` serves the workspace's
memos on 127.0.0.1 and pushes each change to the open pages.

:func:`start` returns a running server (for tests and :func:`serve`); the page updates
in place through server-sent events, with no polling in the page. Uses ``check`` and
``render``; writes nothing to the workspace.
"""

from __future__ import annotations

import threading
from pathlib import Path

from briefgen.errors import WorkspaceError
from briefgen.paths import OPTIONS_DIR, display_path
from briefgen.preview.server import LOOPBACK, PreviewServer
from briefgen.preview.state import Preview, watch


class Running:
    """A started preview: its server, watcher and URL; :meth:`stop` ends both.

    Attributes:
        server: the HTTP server.
        url: where it listens, ``http://127.0.0.1:<port>/``.
    """

    def __init__(self, server: PreviewServer) -> None:
        self.server = server
        self.url = f"http://{LOOPBACK}:{server.port}/"
        self._threads = [
            threading.Thread(target=server.serve_forever, name="preview-http", daemon=True),
            threading.Thread(
                target=watch,
                args=(server.preview, server.stopping),
                name="preview-watch",
                daemon=True,
            ),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Stop watching and serving; open event streams end within a heartbeat."""
        self.server.stopping.set()
        with self.server.preview.changed:
            self.server.preview.changed.notify_all()
        self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)


def start(workspace: Path, port: int = 8000) -> Running:
    """Check and render the workspace once, then serve it on 127.0.0.1:``port``.

    Args:
        workspace: the workspace root (holds ``options/``).
        port: the TCP port; 0 picks a free one.

    Returns:
        The running preview.

    Raises:
        WorkspaceError: ``workspace`` has no ``options/`` folder.
        OSError: the port is taken.
    """
    if not (workspace / OPTIONS_DIR).is_dir():
        raise WorkspaceError(
            display_path(workspace / OPTIONS_DIR),
            "no options/ folder here",
            "run in a workspace, or give --workspace DIR",
        )
    preview = Preview(workspace)
    preview.poll()
    return Running(PreviewServer(preview, port))


__all__ = ["Preview", "PreviewServer", "Running", "start"]
