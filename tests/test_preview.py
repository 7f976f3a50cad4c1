"""briefgen preview in a real browser (headless Chromium from the system packages, driven
by Playwright): an edit to the YAML, saved in place or by write-and-rename, shows on the
open page without a reload; an invalid edit shows its located error, the last good memo
one click away. Also the server's limits: loopback only, known routes only."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.preview import Running, start

REPO = Path(__file__).resolve().parent.parent
BROWSER = Path("/usr/bin/chromium")
#: Chromium switches for a headless run as root in a container, with nothing fetched.
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
]
#: Seconds a change may take to reach the page before the test fails. The target is two
#: seconds; the margin is for a loaded test machine (speed is measured elsewhere).
PATIENCE_MS = 20_000
MEMO = "withdrawal-pace"
PRO = "Keeps the campaign commitment exactly"


@pytest.fixture
def running(workspace: Path) -> Iterator[Running]:
    preview = start(workspace, port=0)
    yield preview
    preview.stop()


def _get(url: str, host: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_preview_binds_to_loopback_and_serves_only_its_routes(running: Running) -> None:
    assert running.server.server_address[0] == "127.0.0.1"
    status, index = _get(running.url)
    assert status == 200
    assert f'href="/memo/{MEMO}"' in index.decode()
    for path in ("memo/../../etc/passwd", "options/withdrawal-pace.yaml", "memo/nope", "x"):
        assert _get(running.url + path)[0] == 404, path
    assert _get(running.url, host="attacker.example")[0] == 403


def test_the_index_gives_each_file_its_validation_state(workspace: Path) -> None:
    (workspace / "meetings").mkdir()
    (workspace / "meetings" / "pc.yaml").write_text(
        "title: PC\ndate: 2008-12-15\nagenda:\n  - option_set: withdrawal-pace\n"
    )
    (workspace / "meetings" / "bad.yaml").write_text(
        "title: Bad\ndate: 2008-12-15\nagenda:\n  - option_set: nowhere\n"
    )
    source = workspace / "options" / "regional-reconciliation.yaml"
    source.write_text(source.read_text().replace("status: ", "status: nonsense-", 1))
    preview = start(workspace, port=0)
    try:
        index = _get(preview.url)[1].decode()
    finally:
        preview.stop()
    rows = dict(re.findall(r"<tr id=.([a-z0-9-]+).(.*?)</tr>", index, re.DOTALL))
    good = rows["option-set-withdrawal-pace"]
    assert 'class="state">valid<' in good
    assert "1 problem(s)" in rows["option-set-regional-reconciliation"]
    assert "class='state'>valid<" in rows["meeting-pc"]
    assert "meetings/bad.yaml:4:" in rows["meeting-bad"] and "nowhere" in rows["meeting-bad"]


def test_the_pdf_is_rendered_on_request(running: Running) -> None:
    status, data = _get(f"{running.url}memo/{MEMO}.pdf")
    assert status == 200
    text = " ".join(page.extract_text() for page in PdfReader(_bytes_io(data)).pages)
    assert "Pace of the US Combat-Brigade Drawdown" in " ".join(text.split())


def _bytes_io(data: bytes) -> object:
    import io

    return io.BytesIO(data)


@pytest.fixture
def browser() -> Iterator[object]:
    if not BROWSER.exists():
        pytest.skip(f"no system Chromium at {BROWSER} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(BROWSER), args=BROWSER_ARGS)
        yield launched
        launched.close()


def test_edits_show_on_the_open_page_and_errors_in_place_of_the_memo(
    running: Running, browser: object, workspace: Path
) -> None:
    source = workspace / "options" / f"{MEMO}.yaml"
    original = source.read_text(encoding="utf-8")
    assert PRO in original
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{running.url}memo/{MEMO}")
    assert PRO in page.inner_text("body")
    page.evaluate("window.notReloaded = true")

    source.write_text(original.replace(PRO, "Edited in place"), encoding="utf-8")
    page.wait_for_function(
        "document.body.innerText.includes('Edited in place')", timeout=PATIENCE_MS
    )
    assert page.evaluate("window.notReloaded === true"), "the page was reloaded"

    renamed = source.with_name(f".{MEMO}.yaml.tmp")
    renamed.write_text(original.replace(PRO, "Saved by rename"), encoding="utf-8")
    renamed.replace(source)
    page.wait_for_function(
        "document.body.innerText.includes('Saved by rename')", timeout=PATIENCE_MS
    )
    assert page.evaluate("window.notReloaded === true"), "the page was reloaded"

    broken = original.replace("likelihood: possible", "likelihood: very high", 1)
    assert broken != original
    line = broken.splitlines().index(
        next(x for x in broken.splitlines() if "likelihood: very high" in x)
    )
    source.write_text(broken, encoding="utf-8")
    page.wait_for_selector("#problems", timeout=PATIENCE_MS)
    problems = page.inner_text("#problems")
    assert f"options/{MEMO}.yaml:{line + 1}:" in problems
    assert "'very high' is not a likelihood" in problems
    assert page.evaluate("window.notReloaded === true"), "the page was reloaded"

    page.click("#last-good")
    page.wait_for_selector("#briefgen-bar", timeout=PATIENCE_MS)
    assert "Saved by rename" in page.inner_text("body")
