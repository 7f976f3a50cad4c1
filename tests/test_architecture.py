"""The shape of the code: one package per stage, imports only downward, a light public face.

The layers are those of docs/architecture.md; a new module goes into the package of its
stage, and this test says so when it imports upward.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import briefgen

PACKAGE = Path(briefgen.__file__).parent
REPO = PACKAGE.parent
#: Rank of each top-level module or package: a module may import only lower ranks and its
#: own package. ``__init__`` (the public face) and ``__main__`` are exempt.
LAYERS = {
    "_version": 0,
    "errors": 0,
    "paths": 1,
    "messages": 1,
    "load": 2,
    "schema": 2,
    "markdown": 3,
    "analysis": 4,
    "check": 5,
    "versions": 6,
    "render": 7,
    "build": 8,
    "fmt": 8,
    "importers": 9,
    "scaffold": 9,
    "preview": 9,
    "cli": 10,
}
STAGES = {"load", "schema", "check", "render", "build"}
#: Packages beside the pipeline: what user text may do, git, decision analysis, importers,
#: scaffolding, the live preview.
BESIDE = {"markdown", "versions", "analysis", "importers", "scaffold", "preview"}
RENDERERS = ("weasyprint", "jinja2", "markdown", "nh3")


def _unit(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imported_units(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "briefgen" and len(parts) > 1 and parts[1] in LAYERS:
                found.add(parts[1])
    return found


def test_the_top_level_holds_at_most_eight_modules_and_a_package_per_stage() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert len(modules) <= 8, modules
    assert packages == STAGES | BESIDE
    named = {m.removesuffix(".py") for m in modules} - {"__init__", "__main__"}
    assert set(LAYERS) == named | STAGES | BESIDE, "every module and package has a layer"


@pytest.mark.parametrize(
    "path",
    sorted(
        p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py" and p != PACKAGE / "__init__.py"
    ),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_imports_go_only_downward(path: Path) -> None:
    unit = _unit(path)
    upward = {other for other in _imported_units(path) - {unit} if LAYERS[other] >= LAYERS[unit]}
    assert not upward, f"{path.relative_to(REPO)} imports {sorted(upward)} (rank {LAYERS[unit]})"


def test_the_public_face_is_its_all_and_stays_light() -> None:
    code = (
        "import sys, briefgen\n"
        f"heavy = [m for m in {RENDERERS!r} if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "missing = [n for n in briefgen.__all__ if getattr(briefgen, n, None) is None]\n"
        "assert not missing, missing\n"
        "print(sorted(briefgen.__all__))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    names = set(ast.literal_eval(done.stdout))
    assert {"load_option_set", "render_memo", "build_workspace", "BuildSettings"} <= names
    assert {"BriefgenError", "InputError", "Diagnostic"} <= names


@pytest.mark.parametrize(
    "command", [["validate", "options/"], ["diff", "HEAD"], ["fmt", "--check"]]
)
def test_commands_that_do_not_render_load_no_renderer(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefgen", *command],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    loaded = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert loaded, done.stderr  # importtime did report
    heavy = sorted(m for m in loaded if m.split(".")[0] in RENDERERS)
    assert not heavy, f"briefgen {' '.join(command)} imported {heavy}"
