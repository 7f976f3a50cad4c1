"""Benchmark ``briefgen``: parallel speed-up, no-op rebuilds, overhead over WeasyPrint
(for a batch, and for one cold ``briefgen render``), and what a read-ahead packet costs
over its memos.

Everything is measured in one run, on one generated workspace, so the ratios compare runs
made under the same conditions; the absolute seconds depend on the machine and are only
printed for context. Each command runs in its own process (``sys.executable -m briefgen``)
and is timed by wall clock, imports included, best of ``--repeat`` rounds; the CPU
seconds of its processes are shown too, being less disturbed by other load.

Usage::

    python3 benchmarks/run.py [--repeat N] [--memos N] [--keep] [--check]

Exit status: 0 whatever the ratios (benchmarks inform, they do not gate); with ``--check``,
1 when a target is missed. 2 when a command fails, since nothing was measured then.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: An option set using every field; it renders to three pages.
SOURCE = REPO / "tests" / "data" / "full.yaml"
#: The printer alone: each HTML file given on the command line to WeasyPrint, nothing else.
BARE_WEASYPRINT = """\
import sys
from pathlib import Path
from weasyprint import HTML

for name in sys.argv[1:]:
    html = Path(name)
    HTML(filename=str(html)).write_pdf(str(html.with_suffix(".pdf")))
"""
COMPILE_BRIEFGEN = (
    "import compileall, pathlib, briefgen; "
    "compileall.compile_dir(pathlib.Path(briefgen.__file__).parent, quiet=1)"
)
#: Pure-Python CPU work with no I/O: two at once show how parallel the machine really is.
CPU_BURN = "sum(i * i for i in range(8_000_000))"
#: Who commits the generated workspace (git refuses to commit without a name).
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "benchmark",
    "GIT_AUTHOR_EMAIL": "benchmark@example.org",
    "GIT_COMMITTER_NAME": "benchmark",
    "GIT_COMMITTER_EMAIL": "benchmark@example.org",
}
HARFBUZZ_PROBE = "import weasyprint.text.ffi as f; print(f.harfbuzz_subset is not None)"
#: Below this parallel ceiling (2 CPU burns at once vs in turn) the machine is not idle.
IDLE_CEILING = 1.8
BUSY_WARNING = (
    "WARNING: other processes are using the CPUs; wall-clock ratios are skewed "
    "(--jobs 2 most): compare the cpu s column, or rerun on an idle machine"
)
SUMMARY = re.compile(r"(\d+) built, (\d+) up to date, (\d+) failed")
#: Memos on the benchmark's meeting agenda (fewer when --memos is smaller).
PACKET_MEMOS = 8


class BenchmarkError(Exception):
    """A command under measurement failed, so its timing means nothing."""


@dataclass(frozen=True)
class Target:
    """A bound on a ratio: ``ratio >= limit`` (``at_least``) or ``ratio <= limit``."""

    limit: float
    at_least: bool
    percent: bool = False

    def met(self, ratio: float) -> bool:
        """True when ``ratio`` is within the bound."""
        return ratio >= self.limit if self.at_least else ratio <= self.limit

    def describe(self) -> str:
        """The bound as printed, e.g. ``>= 1.60x`` or ``<= 5.0%``."""
        return f"{'>=' if self.at_least else '<='} {_ratio_text(self.limit, self.percent)}"


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of one command, and the CPU seconds its processes used."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class Round:
    """One timing per measurement, and the machine's parallel ceiling (see cpu_ceiling)."""

    timings: dict[str, Timing]
    ceiling: float


@dataclass(frozen=True)
class Row:
    """One line of the results table; rows without a target only give context."""

    name: str
    timing: Timing | None
    ratio: float | None = None
    target: Target | None = None

    @property
    def ok(self) -> bool:
        """True when there is no target or it is met."""
        return self.target is None or self.ratio is None or self.target.met(self.ratio)


@dataclass(frozen=True)
class Workspace:
    """The generated workspace and the output folders each measurement uses."""

    root: Path
    memos: int

    @property
    def full(self) -> Path:
        """Output of the default (md+pdf) builds and of the no-op rebuild."""
        return self.root / "out-full"

    @property
    def html(self) -> Path:
        """HTML made by briefgen, the bare WeasyPrint loop's input (and its PDFs)."""
        return self.root / "out-html"

    @property
    def pdf(self) -> Path:
        """Output of the PDF-only build compared with the bare loop."""
        return self.root / "out-pdf"

    @property
    def meeting(self) -> Path:
        """The meeting file, outside ``meetings/`` so that builds leave it alone."""
        return self.root / "packet" / "bench.yaml"

    @property
    def packet_memos(self) -> list[Path]:
        """The option sets on the meeting's agenda, in agenda order."""
        count = min(PACKET_MEMOS, self.memos)
        return [self.root / "options" / f"memo-{n:02d}.yaml" for n in range(1, count + 1)]

    @property
    def packet(self) -> Path:
        """Output of the packet, and of its memos rendered alone, side by side."""
        return self.root / "out-packet"

    @property
    def single(self) -> Path:
        """Output of the one-memo render, emptied before each run so nothing is cached."""
        return self.root / "out-single"

    @property
    def first(self) -> Path:
        """The option set the one-memo render prints."""
        return self.root / "options" / "memo-01.yaml"


def _ratio_text(value: float, percent: bool) -> str:
    return f"{value * 100:.1f}%" if percent else f"{value:.2f}x"


def memo_yaml(source: str, number: int) -> str:
    """The source option set renamed ``memo-NN``, its title and question numbered."""
    tag = f"{number:02d}"
    replacements = {
        "id: ": f"id: memo-{tag}",
        "title: ": f"title: 'Memo {tag}: Kirkuk and the disputed territories'",
        "question: ": f"question: Whether to back UN mediation on Kirkuk now, or wait ({tag}).",
    }
    lines = source.splitlines()
    for prefix, line in replacements.items():
        index = next(i for i, text in enumerate(lines) if text.startswith(prefix))
        lines[index] = line
    return "\n".join(lines) + "\n"


def make_workspace(memos: int) -> Workspace:
    """Write ``memos`` option sets into a fresh temporary workspace, committed to git as
    in real use (each memo asks git for its version stamp)."""
    root = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    options = root / "options"
    options.mkdir()
    source = SOURCE.read_text(encoding="utf-8")
    for number in range(1, memos + 1):
        (options / f"memo-{number:02d}.yaml").write_text(
            memo_yaml(source, number), encoding="utf-8"
        )
    workspace = Workspace(root, memos)
    workspace.meeting.parent.mkdir()
    agenda = "".join(
        f"  - {{option_set: {path.stem}, minutes: 10}}\n" for path in workspace.packet_memos
    )
    workspace.meeting.write_text(
        f"title: Benchmark meeting\ndate: 2008-12-15\ntime: '14:00'\nagenda:\n{agenda}",
        encoding="utf-8",
    )
    (root / ".gitignore").write_text("out-*/\n", encoding="utf-8")
    if shutil.which("git"):
        for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "benchmark"]):
            run(["git", "-C", str(root), *command], env=GIT_IDENTITY)
    return workspace


def run(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[Timing, str]:
    """Run ``command`` (with ``env`` added to the environment); return its timing and its
    standard output.

    Raises:
        BenchmarkError: the command exited with an error.
    """
    environment = {**os.environ, **(env or {})}
    before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    timing = Timing(time.perf_counter() - started, _children_cpu() - before)
    if done.returncode != 0:
        raise BenchmarkError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return timing, done.stdout


def _children_cpu() -> float:
    """CPU seconds (user + system) of all finished child processes, workers included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(
    workspace: Workspace, output: Path, *options: str, built: int, command: str = "build"
) -> Timing:
    """Time one ``briefgen build`` (or ``render``, ``packet`` with their files in
    ``options``) into ``output``; check it rendered ``built`` memos or packets."""
    command_line = [
        sys.executable,
        "-m",
        "briefgen",
        command,
        "-w",
        str(workspace.root),
        "--output-dir",
        str(output),
        *options,
    ]
    timing, stdout = run(command_line)
    summary = SUMMARY.search(stdout)
    if summary is None or int(summary[1]) != built or int(summary[3]) != 0:
        raise BenchmarkError(f"expected {built} built, got: {stdout.strip().splitlines()[-1:]}")
    return timing


def packet_memos_alone(workspace: Workspace) -> Timing:
    """Time rendering the packet's memos to PDF alone, one process, as the packet is."""
    files = [str(path) for path in workspace.packet_memos]
    options = ("--jobs", "1", "--force", "--formats", "pdf")
    return build(workspace, workspace.packet, *files, *options, built=len(files), command="render")


def packet(workspace: Workspace) -> Timing:
    """Time rendering the meeting's read-ahead packet to PDF."""
    options = (str(workspace.meeting), "--jobs", "1", "--force", "--formats", "pdf")
    return build(workspace, workspace.packet, *options, built=1, command="packet")


def bare_weasyprint(workspace: Workspace, only: Path | None = None) -> Timing:
    """Time a fresh process that only prints briefgen's HTML files (or the one HTML file
    of option set ``only``) with WeasyPrint."""
    files = sorted(str(path) for path in workspace.html.glob("*.html"))
    if len(files) != workspace.memos:
        raise BenchmarkError(f"expected {workspace.memos} HTML files, found {len(files)}")
    if only is not None:
        files = [str(workspace.html / f"{only.stem}.html")]
    return run([sys.executable, "-c", BARE_WEASYPRINT, *files])[0]


def render_one(workspace: Workspace) -> Timing:
    """Time ``briefgen render`` of one option set to PDF, cold: a fresh process and an
    empty output folder, so no earlier check or render is reused."""
    shutil.rmtree(workspace.single, ignore_errors=True)
    command = [sys.executable, "-m", "briefgen", "render", str(workspace.first)]
    options = ["-w", str(workspace.root), "--output-dir", str(workspace.single)]
    timing, stdout = run([*command, *options, "--jobs", "1", "--formats", "pdf"])
    summary = SUMMARY.search(stdout)
    if summary is None or int(summary[1]) != 1:
        raise BenchmarkError(f"expected 1 built, got: {stdout.strip().splitlines()[-1:]}")
    return timing


def cpu_ceiling() -> float:
    """Speed-up of two CPU burns run at once over the same two run one after the other.

    About 2.0 on an idle 2-core machine; near 1.0 when other processes hold a core, and
    then no ``--jobs 2`` speed-up can show.
    """
    command = [sys.executable, "-c", CPU_BURN]
    serial = run(command)[0].wall + run(command)[0].wall
    started = time.perf_counter()
    burns = [subprocess.Popen(command) for _ in range(2)]
    if any(burn.wait() != 0 for burn in burns):
        raise BenchmarkError("the CPU burn failed")
    return serial / (time.perf_counter() - started)


def one_round(workspace: Workspace) -> Round:
    """Time every measurement once; the order makes the no-op follow a full build."""
    n = workspace.memos
    timings = {
        "jobs1": build(workspace, workspace.full, "--jobs", "1", "--force", built=n),
        "noop": build(workspace, workspace.full, "--jobs", "1", built=0),
        "jobs2": build(workspace, workspace.full, "--jobs", "2", "--force", built=n),
        "pdf": build(
            workspace, workspace.pdf, "--jobs", "1", "--force", "--formats", "pdf", built=n
        ),
        "bare": bare_weasyprint(workspace),
        "memos": packet_memos_alone(workspace),
        "packet": packet(workspace),
        "single": render_one(workspace),
        "bare_single": bare_weasyprint(workspace, only=workspace.first),
    }
    return Round(timings, cpu_ceiling())


def compile_briefgen() -> None:
    """Write the bytecode of briefgen's modules, as installing a wheel does. An editable
    install under ``PYTHONDONTWRITEBYTECODE`` would compile them again in every run,
    some 30 ms that no installed briefgen pays."""
    run([sys.executable, "-c", COMPILE_BRIEFGEN])


def measure(workspace: Workspace, repeat: int) -> Round:
    """The best of ``repeat`` rounds: each measurement's fastest run; the lowest ceiling,
    so that a round disturbed by other load does not go unnoticed."""
    compile_briefgen()
    build(workspace, workspace.html, "--jobs", "1", "--formats", "html", built=workspace.memos)
    # The first packet also fills the check cache, as the first build of a day would.
    packet(workspace)
    rounds = [one_round(workspace) for _ in range(repeat)]
    best = {
        name: min((r.timings[name] for r in rounds), key=lambda t: t.wall)
        for name in rounds[0].timings
    }
    return Round(best, min(r.ceiling for r in rounds))


def table_rows(best: Round) -> list[Row]:
    """The results table: each ratio (of wall-clock times) next to the runs it comes from."""
    t = best.timings
    return [
        Row("machine: 2 CPU burns at once vs in turn (min)", None, best.ceiling),
        Row("build --jobs 1 --force (md+pdf)", t["jobs1"]),
        Row(
            "build --jobs 2 --force (md+pdf): speed-up",
            t["jobs2"],
            t["jobs1"].wall / t["jobs2"].wall,
            Target(1.6, at_least=True),
        ),
        Row(
            "no-op rebuild / full --jobs 1",
            t["noop"],
            t["noop"].wall / t["jobs1"].wall,
            Target(0.05, at_least=False, percent=True),
        ),
        Row("bare WeasyPrint loop (same HTML)", t["bare"]),
        Row(
            "build --jobs 1 --formats pdf / bare",
            t["pdf"],
            t["pdf"].wall / t["bare"].wall,
            Target(1.15, at_least=False),
        ),
        Row("render the packet's memos --jobs 1 --formats pdf", t["memos"]),
        Row(
            "packet --formats pdf / its memos alone",
            t["packet"],
            t["packet"].wall / t["memos"].wall,
            Target(1.2, at_least=False),
        ),
        Row("bare WeasyPrint, one memo (same HTML)", t["bare_single"]),
        Row(
            "render one memo --formats pdf, cold / bare",
            t["single"],
            t["single"].wall / t["bare_single"].wall,
            Target(1.10, at_least=False),
        ),
    ]


def format_table(rows: Sequence[Row]) -> str:
    """Rows as an aligned text table."""
    header = ("measurement", "wall s", "cpu s", "ratio", "target", "result")
    lines = [header]
    for row in rows:
        percent = row.target.percent if row.target else False
        lines.append(
            (
                row.name,
                f"{row.timing.wall:.2f}" if row.timing else "",
                f"{row.timing.cpu:.2f}" if row.timing else "",
                "" if row.ratio is None else _ratio_text(row.ratio, percent),
                row.target.describe() if row.target else "",
                "" if row.target is None else ("ok" if row.ok else "MISSED"),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    )


def harfbuzz_subset() -> bool:
    """True when WeasyPrint subsets fonts with libharfbuzz-subset (not fontTools)."""
    _, stdout = run([sys.executable, "-c", HARFBUZZ_PROBE])
    return stdout.strip() == "True"


def page_count(pdf: Path) -> int | None:
    """Pages of ``pdf`` when pypdf is installed (a test dependency), else None."""
    try:
        pypdf = importlib.import_module("pypdf")
    except ImportError:
        return None
    return len(pypdf.PdfReader(pdf).pages)


def describe_setup(workspace: Workspace, repeat: int, ceiling: float) -> str:
    """What was measured on what: the lines printed above the table."""
    pages = page_count(workspace.full / "memo-01.pdf")
    packet_pages = page_count(workspace.packet / "meetings" / "bench.pdf")
    harfbuzz = harfbuzz_subset()
    fonts = "libharfbuzz-subset" if harfbuzz else "fontTools (3-4x slower)"
    return "\n".join(
        [
            f"python {platform.python_version()}, weasyprint {metadata.version('weasyprint')}, "
            f"briefgen {metadata.version('briefgen')}, {os.cpu_count()} CPUs",
            f"{workspace.memos} memos of {pages or '?'} pages each; best of {repeat} rounds",
            f"packet: {len(workspace.packet_memos)} of the memos, {packet_pages or '?'} pages",
            f"harfbuzz_subset in use: {harfbuzz} (fonts subset with {fonts})",
            *([BUSY_WARNING] if ceiling < IDLE_CEILING else []),
        ]
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds; best is kept [3]")
    parser.add_argument("--memos", type=int, default=24, help="option sets to generate [24]")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.memos < 1:
        parser.error("--repeat and --memos must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table; return the exit status."""
    args = parse_args(argv)
    workspace = make_workspace(args.memos)
    try:
        started = time.perf_counter()
        best = measure(workspace, args.repeat)
        rows = table_rows(best)
        print(describe_setup(workspace, args.repeat, best.ceiling))
        print()
        print(format_table(rows))
        kept = f"; workspace kept in {workspace.root}" if args.keep else ""
        print(f"\n(total {time.perf_counter() - started:.0f} s{kept})")
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(workspace.root, ignore_errors=True)
    missed = [row.name for row in rows if not row.ok]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
