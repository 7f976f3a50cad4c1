"""scripts/setup.sh: it checks the Python version before installing anything, and asks
apt-get to wait for a held lock. apt-get, sudo and Python are stand-ins here, so nothing
is installed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SETUP = Path(__file__).parent.parent / "scripts" / "setup.sh"
#: Records each call; ``update`` succeeds, ``install`` fails so the script stops there.
FAKE_APT = """#!/bin/sh
echo "apt-get $*" >> "$CALLS"
case " $* " in *" install "*) exit 1;; esac
"""
FAKE_SUDO = '#!/bin/sh\necho "sudo $*" >> "$CALLS"\nexec "$@"\n'


def fake(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


def setup(tmp_path: Path, python: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run setup.sh with PYTHON=python and stand-in apt-get and sudo; return its calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake(bin_dir, "apt-get", FAKE_APT)
    fake(bin_dir, "sudo", FAKE_SUDO)
    calls = tmp_path / "calls"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHON": python,
        "CALLS": str(calls),
    }
    done = subprocess.run(
        ["bash", str(SETUP), "--test"], env=env, capture_output=True, text=True, check=False
    )
    made = calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []
    return done, [line.removeprefix("sudo ") for line in made if line.startswith("apt-get")]


@pytest.mark.parametrize(
    ("python", "found"),
    [
        ("py310", "is 3.10"),
        ("/bin/false", "is missing or not Python"),
        ("/nowhere/python3", "is missing"),
    ],
    ids=["python-3.10", "not-python", "missing"],
)
def test_an_old_or_missing_python_stops_setup_before_any_install(
    tmp_path: Path, python: str, found: str
) -> None:
    if python == "py310":
        python = str(fake(tmp_path, "python3.10", "#!/bin/sh\necho 3.10\n"))
    done, apt_calls = setup(tmp_path, python)
    assert done.returncode == 1
    assert done.stderr.startswith(f"setup: briefgen needs Python 3.11 or newer; '{python}' {found}")
    assert apt_calls == []


def test_apt_get_updates_first_and_waits_for_a_held_lock(tmp_path: Path) -> None:
    python = fake(tmp_path, "python3.12", "#!/bin/sh\necho 3.12\n")
    done, apt_calls = setup(tmp_path, str(python))
    assert done.returncode != 0  # the stand-in apt-get fails on install
    assert [call.split()[:4] for call in apt_calls] == [
        ["apt-get", "-o", "DPkg::Lock::Timeout=600", "update"],
        ["apt-get", "-o", "DPkg::Lock::Timeout=600", "install"],
    ]


def test_the_test_set_up_installs_the_browser_the_preview_tests_drive(tmp_path: Path) -> None:
    python = fake(tmp_path, "python3.12", "#!/bin/sh\necho 3.12\n")
    _, apt_calls = setup(tmp_path, str(python))
    assert "chromium" in apt_calls[1].split()
