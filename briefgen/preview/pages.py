"""The preview's pages: the index, a memo (the HTML it prints from, with a live-update
script), and the located problems of an invalid file with a link to its last good memo."""

from __future__ import annotations

from html import escape

from briefgen.preview.state import Memo, Preview

#: Put into each memo page: on each server-sent event the page fetches its new content
#: and swaps head and body in place, so the page is never reloaded (scroll and state
#: stay). EventSource reconnects by itself when the server restarts.
LIVE_SCRIPT = """<script id="briefgen-live">
(function () {
  var source = new EventSource("/events");
  source.addEventListener("change", function () {
    fetch(location.pathname + location.search, {headers: {"X-Briefgen-Live": "1"}})
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        var x = window.scrollX, y = window.scrollY;
        document.head.replaceWith(page.head);
        document.body.replaceWith(page.body);
        window.scrollTo(x, y);
        document.dispatchEvent(new Event("briefgen:updated"));
      });
  });
})();
</script>"""

_STYLE = """<style>
body { font-family: sans-serif; margin: 2em; }
.problems { font-family: monospace; white-space: pre-wrap; color: #a00; }
.bar { font-family: sans-serif; font-size: 0.9em; padding: 0.4em 0.8em; background: #eef;
       border-bottom: 1px solid #99c; }
td, th { padding: 0.2em 0.8em; text-align: left; }
</style>"""


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>{_STYLE}</head><body>{body}{LIVE_SCRIPT}</body></html>"
    )


def index_page(preview: Preview) -> str:
    """The list of option sets, each with its state and links to its memo and PDF."""
    rows = []
    for memo_id, memo in sorted(preview.memos.items()):
        state = f"{len(memo.problems)} problem(s)" if memo.problems else "valid"
        title = escape(memo.option_set.title) if memo.option_set else ""
        rows.append(
            f'<tr id="option-set-{memo_id}" class="{"invalid" if memo.problems else "valid"}">'
            f'<td><a href="/memo/{memo_id}">{escape(memo_id)}</a></td><td>{title}</td>'
            f'<td class="state">{state}</td><td><a href="/memo/{memo_id}.pdf">PDF</a></td></tr>'
        )
    settings = "".join(f"<p class='problems'>{escape(p)}</p>" for p in preview.settings_problems)
    table = "<table><tr><th>option set</th><th>title</th><th>state</th><th></th></tr>"
    body = f"<h1>briefgen preview</h1>{settings}{table}{''.join(rows)}</table>"
    if preview.meetings:
        meetings = "".join(
            f"<tr id='meeting-{escape(name)}'><td>{escape(name)}</td><td class='state'>"
            f"{'valid' if not problems else escape(chr(10).join(problems))}</td></tr>"
            for name, problems in sorted(preview.meetings.items())
        )
        body += f"<h2>Meetings</h2><table class='problems-list'>{meetings}</table>"
    return _page("briefgen preview", body)


def memo_page(memo_id: str, memo: Memo, *, last_good: bool) -> str:
    """The memo as it prints, or its problems while the file is invalid."""
    if memo.problems and not last_good:
        return _problems_page(memo_id, memo)
    if memo.html is None:
        return _page(memo_id, "<p>No version of this memo has rendered yet.</p>")
    bar = ""
    if last_good and memo.problems:
        bar = (
            f'<div class="bar" id="briefgen-bar">The last good version: the file now has '
            f'{len(memo.problems)} problem(s). <a href="/memo/{memo_id}">Show them</a></div>'
        )
    html = memo.html
    head_end = html.find("<body")
    at = html.find(">", head_end) + 1 if head_end >= 0 else 0
    html = html[:at] + bar + html[at:]
    closing = html.rfind("</body>")
    return html[:closing] + LIVE_SCRIPT + html[closing:] if closing >= 0 else html + LIVE_SCRIPT


def _problems_page(memo_id: str, memo: Memo) -> str:
    lines = "\n".join(escape(line) for line in memo.problems)
    good = (
        f'<p><a id="last-good" href="/memo/{memo_id}?last-good=1">'
        "Show the last good version</a></p>"
        if memo.html is not None
        else "<p>No version of this memo has rendered yet.</p>"
    )
    body = (
        f'<p><a href="/">All option sets</a></p><h1>{escape(memo_id)}: invalid</h1>'
        f'<pre class="problems" id="problems">{lines}</pre>{good}'
    )
    return _page(f"{memo_id}: invalid", body)
