"""Safe by default: text in an option set cannot read files, reach the network, carry
script, or act as template code. Each test's input is the attack itself."""

from __future__ import annotations

import base64
import http.server
import io
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefgen.build.run import RenderTimeoutError, deadline
from briefgen.cli import cli

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
HEAD = "date: 2008-12-08\nquestion: Q\n"
OPTIONS = """options:
  - {id: a, title: A, summary: S}
  - {id: b, title: B, summary: S}
"""


class Listener(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Listener.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[str]:
    """A local HTTP server that records every request; yields its base URL."""
    Listener.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Listener)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def build(workspace: Path, background: str, *extra: str, title: str = "T") -> tuple[int, str]:
    options = workspace / "options"
    options.mkdir(exist_ok=True)
    body = "".join(f"  {line}\n" for line in background.splitlines())
    text = f"title: {title}\n{HEAD}bluf: B\nbackground: |\n{body}{OPTIONS}"
    (options / "memo.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", "-w", str(workspace), "-j", "1", "--formats", "md,html,pdf", *extra]
    )
    return result.exit_code, result.output


def outputs(workspace: Path) -> tuple[str, str, PdfReader]:
    out = workspace / "output"
    reader = PdfReader(out / "memo.pdf")
    return (
        (out / "memo.md").read_text(encoding="utf-8"),
        (out / "memo.html").read_text(encoding="utf-8"),
        reader,
    )


def pdf_text(reader: PdfReader) -> str:
    return "".join("".join(page.extract_text() for page in reader.pages).split())


def image_count(reader: PdfReader) -> int:
    """Images embedded in the PDF (WeasyPrint lists each on every page's resources)."""
    return len({image.indirect_reference for page in reader.pages for image in page.images})


def test_local_file_links_never_become_attachments(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET KEY", encoding="utf-8")
    attack = (
        f'<link rel="attachment" href="file://{secret}">\n\n'
        f'<a rel="attachment" href="file://{secret}">notes</a>\n\n'
        f"[notes](file://{secret})"
    )
    code, output = build(tmp_path, attack)
    assert code == 0, output
    _, html, reader = outputs(tmp_path)
    assert not reader.attachments
    assert "TOP SECRET KEY" not in pdf_text(reader)
    assert not re.search(r'<(link|a)\b[^>]*rel="attachment"', html)
    assert "warning: background: raw HTML <link> is printed as text" in output
    assert f"warning: background: the link to 'file://{secret}' is removed" in output


def test_images_outside_the_workspace_are_not_embedded(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "leak.png").write_bytes(PNG)
    workspace = tmp_path / "ws"
    workspace.mkdir()
    code, output = build(
        workspace, f"![leak](../../elsewhere/leak.png)\n\n![abs]({outside}/leak.png)"
    )
    assert code == 0, output
    _, html, reader = outputs(workspace)
    assert image_count(reader) == 0
    assert "data:image" not in html
    assert "[image not shown: leak]" in html
    assert output.count("lies outside the workspace") >= 2


def test_images_in_the_workspace_work_in_pdf_and_html(tmp_path: Path) -> None:
    assets = tmp_path / "options" / "assets"
    assets.mkdir(parents=True)
    (assets / "kirkuk.png").write_bytes(PNG)
    code, output = build(tmp_path, "![Map of Kirkuk](assets/kirkuk.png)")
    assert code == 0, output
    assert "image '" not in output
    _, html, reader = outputs(tmp_path)
    assert image_count(reader) == 1
    assert re.search(r'<img alt="Map of Kirkuk" src="data:image/png;base64,', html)


def test_no_network_request_for_images_stylesheets_or_links(tmp_path: Path, listener: str) -> None:
    attack = (
        f"![remote]({listener}/image.png)\n\n"
        f'<link rel="stylesheet" href="{listener}/style.css">\n\n'
        f'<img src="{listener}/raw.png">\n\n'
        f"<style>@import url({listener}/import.css);</style>"
    )
    code, output = build(tmp_path, attack)
    assert code == 0, output
    time.sleep(0.2)
    assert Listener.requests == []
    _, _, reader = outputs(tmp_path)
    assert image_count(reader) == 0
    assert "is on the network and is not fetched" in output


def test_allow_remote_fetches_https_only_and_says_so(tmp_path: Path, listener: str) -> None:
    code, output = build(tmp_path, f"![remote]({listener}/image.png)", "--allow-remote")
    assert code == 0, output
    time.sleep(0.2)
    assert Listener.requests == []  # plain http stays refused even then


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<iframe src="https://example.org"></iframe>',
        '<object data="x.swf"></object><embed src="x.swf">',
        '<img src="x.png" onerror="alert(1)">',
        '<p onclick="alert(1)">click</p>',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "<svg onload=alert(1)>",
    ],
)
def test_no_live_script_in_the_html(tmp_path: Path, attack: str) -> None:
    code, output = build(tmp_path, attack)
    assert code == 0, output
    markdown, html, _ = outputs(tmp_path)
    body = html.split("</style>", 1)[1]
    assert not re.search(r"<(script|iframe|object|embed|svg)\b", body, re.I)
    assert not re.search(r"<[^>]+\son\w+\s*=", body, re.I)
    assert not re.search(r'href="\s*(javascript|data):', body, re.I)
    assert not re.search(r"\]\(\s*(javascript|data):", markdown, re.I)
    assert not re.search(r"<(script|iframe|object|embed|svg)\b", markdown, re.I)


def test_a_style_block_cannot_hide_the_page(tmp_path: Path) -> None:
    code, output = build(tmp_path, "<style>body { display: none }</style>\n\nVisible text.")
    assert code == 0, output
    _, html, reader = outputs(tmp_path)
    text = pdf_text(reader)
    assert "Visibletext." in text and "ACTIONMEMO" in text
    assert "&lt;style&gt;" in html


@pytest.mark.parametrize("syntax", ["{{ 7 * 7 }}", "{% if true %}IF{% endif %}", "{# c #}"])
def test_template_syntax_prints_literally_in_every_kind_of_field(
    tmp_path: Path, syntax: str
) -> None:
    quoted = "'" + syntax.replace("'", "''") + "'"
    options = tmp_path / "options"
    options.mkdir()
    (options / "memo.yaml").write_text(
        f"title: {quoted}\n{HEAD}bluf: {quoted}\nmarking: {quoted}\nto: {quoted}\n"
        f"stakeholders: [{{id: s, name: {quoted}, influence: 3, salience: 3}}]\n"
        f"options:\n  - id: a\n    title: {quoted}\n    summary: {quoted}\n"
        f"    pros: [{quoted}]\n    positions: {{s: {{stance: support, note: {quoted}}}}}\n"
        f"    risks: [{{title: {quoted}, likelihood: 3, impact: 3, mitigation: {quoted}}}]\n"
        f"  - {{id: b, title: B, summary: S}}\n"
        f"sources: [{{id: src, title: {quoted}, author: {quoted}}}]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["build", "-w", str(tmp_path), "-j", "1", "--formats", "md,html,pdf"]
    )
    assert result.exit_code == 0, result.output
    markdown, html, reader = outputs(tmp_path)
    flat = "".join(syntax.split())
    assert pdf_text(reader).count(flat) >= 10
    # The header block prints the principal in capitals ("ACTION MEMO FOR ...").
    printed = pdf_text(reader).replace(flat, "").replace(flat.upper(), "")
    assert "49" not in pdf_text(reader) and "IF" not in printed
    assert html.count(syntax.replace("'", "&#39;")) >= 10
    assert "49" not in markdown


def test_printer_messages_are_captured_not_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "memo.css").write_text("body { colour: red; width: banana }\n", encoding="utf-8")
    code, output = build(tmp_path, "Text.", "--templates", str(templates))
    assert code == 0, output
    assert "memo.yaml: warning:" in output and "colour" in output
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]


def test_strict_turns_dropped_content_into_errors(tmp_path: Path) -> None:
    code, output = build(tmp_path, "<b>bold</b>", "--strict")
    assert code == 1
    assert "background: raw HTML <b> is printed as text" in output
    assert not (tmp_path / "output").exists()


def test_a_render_deadline_stops_a_runaway_memo() -> None:
    with pytest.raises(RenderTimeoutError, match=r"longer than 0\.2 s"), deadline(0.2):
        time.sleep(5)


def test_pdf_bytes_are_not_fooled_by_a_data_url_link(tmp_path: Path) -> None:
    code, _ = build(tmp_path, "[x](data:application/pdf;base64,JVBERi0=)")
    assert code == 0
    reader = PdfReader(io.BytesIO((tmp_path / "output" / "memo.pdf").read_bytes()))
    assert not reader.attachments


def link_targets(reader: PdfReader) -> list[str]:
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


def test_pdf_links_never_name_the_build_machine(tmp_path: Path) -> None:
    code, output = build(
        tmp_path,
        "[annex](annex/a.html) [p](//x.example.org/y) "
        "[web](https://example.org) [sec](#background)",
    )
    assert code == 0, output
    _, _, reader = outputs(tmp_path)
    assert link_targets(reader) == ["https://example.org"]
    assert "annex/a.html' is removed" in output and "//x.example.org/y' is removed" in output


def test_data_image_urls_are_embedded(tmp_path: Path) -> None:
    data = "data:image/png;base64," + base64.b64encode(PNG).decode("ascii")
    code, output = build(tmp_path, f"![dot]({data})\n\n![page](data:text/html,<b>x</b>)")
    assert code == 0, output
    _, html, reader = outputs(tmp_path)
    assert image_count(reader) == 1
    assert "is not an image and is not used" in output
    assert "[image not shown: page]" in html


def test_allow_remote_https_images_are_not_reported_even_under_strict(tmp_path: Path) -> None:
    options = tmp_path / "options"
    options.mkdir()
    (options / "memo.yaml").write_text(
        "kind: information\ntitle: T\ndate: 2008-12-08\nbluf: '![map](https://example.invalid/m.png)'\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["build", "-w", str(tmp_path), "--formats", "md", "--allow-remote", "--strict"]
    )
    assert result.exit_code == 0, result.output
    assert "Remote resources used: <https://example.invalid/m.png>" in (
        tmp_path / "output" / "memo.md"
    ).read_text(encoding="utf-8")
