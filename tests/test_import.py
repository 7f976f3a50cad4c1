"""``briefgen import``: decision records (MADR, Nygard/adr-tools) become option sets.

Real records come from the shared corpus (``../shared/corpora/decision-records/``, read
in place; the tests that need it are skipped when it is absent) and from the variants in
``tests/data/import/``. Each imported record must validate and render, and every
sentence of the record must appear in the rendered Markdown memo.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from briefgen.check.validate import load_option_set
from briefgen.cli import cli
from briefgen.fmt import format_text
from briefgen.importers import ImportReport, guess_dialect, import_records
from briefgen.importers.record import read_record
from briefgen.paths import display_path as shown
from briefgen.render import render_memo
from briefgen.render.templates import TemplateSet
from briefgen.schema.option_set import OptionSet
from briefgen.versions.git import Version

CORPUS = Path(
    os.environ.get(
        "BRIEFGEN_DECISION_RECORDS",
        Path(__file__).resolve().parents[2] / "shared" / "corpora" / "decision-records",
    )
)
FIXTURES = DATA / "import"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the shared corpus of decision records is not at {CORPUS} "
    "(set BRIEFGEN_DECISION_RECORDS to its folder)",
)
UNVERSIONED = Version(path=None, commit=None, state="unversioned")


def _corpus_records() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted((CORPUS / "madr").glob("[0-9]*.md")) + sorted(
        (CORPUS / "adr-tools").glob("[0-9]*.md")
    )


FIXTURE_RECORDS = sorted((FIXTURES / "madr").glob("*.md")) + sorted(
    (FIXTURES / "nygard").glob("*.md")
)
ALL_RECORDS = _corpus_records() + FIXTURE_RECORDS


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@dataclass
class Imported:
    """One record's import: the option set file, the model and the Markdown memo."""

    target: Path
    option_set: OptionSet
    memo: str


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Imported]:
    """Every record imported once (each group into its own folder, as a user would)."""
    root = tmp_path_factory.mktemp("imported")
    templates = TemplateSet.for_workspace(root)
    result: dict[Path, Imported] = {}
    groups = {path.parent for path in ALL_RECORDS}
    for number, folder in enumerate(sorted(groups)):
        records = [p for p in ALL_RECORDS if p.parent == folder]
        report = import_records(records, root / f"options-{number}")
        assert report.ok, [str(d) for d in report.failed]
        for record, target in report.written:
            option_set = load_option_set(target)
            rendered = render_memo(
                option_set,
                source=target,
                templates=templates,
                formats=("md", "html"),
                version=UNVERSIONED,
            )
            assert rendered.files["html"].startswith(b"<!DOCTYPE html>")
            result[record] = Imported(target, option_set, rendered.files["md"].decode())
    return result


# --- Plain text of a record and of a memo, for comparing sentences ----------------------

MD = MarkdownIt("commonmark", {"html": True}).use(front_matter_plugin).enable(["table"])
#: Headings whose section maps onto a field of its own (docs/import.md): not printed.
MAPPED = {
    "context and problem statement",
    "context",
    "decision drivers",
    "considered options",
    "considered alternatives",
    "decision outcome",
    "decision",
    "pros and cons of the options",
    "pros and cons",
    "status",
    "date",
}
#: Metadata lines, mapped onto status, date and stakeholders (checked separately).
META = re.compile(
    r"^\W*(status|date|deciders|decision-makers|consulted|informed)\W*:", re.IGNORECASE
)
LEAD_IN = re.compile(r"^(good|bad)\s*(,\s*because|:)\s*", re.IGNORECASE)
STATUS_WORDS = {
    "accepted",
    "approved",
    "adopted",
    "proposed",
    "pending",
    "deprecated",
    "superseded",
}


def _mapped(heading: str) -> bool:
    """A heading of a mapped section, also when qualified ("Pros and Cons of other Options")."""
    return heading in MAPPED or any(
        " " in name and (heading.startswith(name + " ") or heading.endswith(" " + name))
        for name in MAPPED
    )


def normal(text: str) -> str:
    """Words only: case, Markdown punctuation and spacing do not count."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _inline_lines(token: Token) -> list[str]:
    """The visible text of an inline token, one string per source line."""
    lines = [""]
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("")
    return lines


def record_sentences(path: Path) -> list[str]:
    """Every sentence of a record's text, except what maps onto fields of its own: the
    title, mapped section headings, metadata lines, a lone status word, "Good, because"."""
    text = path.read_text(encoding="utf-8")
    # Front matter under a licence comment is front matter still.
    tokens = MD.parse(re.sub(r"\A(\s*<!--.*?-->\s*)+(?=---\n)", "", text, flags=re.DOTALL))
    pieces: list[str] = []
    section = ""
    for index, token in enumerate(tokens):
        before = tokens[index - 1] if index else None
        if token.type in ("fence", "code_block"):
            pieces += token.content.splitlines()
        if token.type != "inline":
            continue
        text = " ".join(_inline_lines(token))
        if before is not None and before.type == "heading_open":
            section = normal(text)
            if before.tag != "h1" and not _mapped(section):
                pieces.append(text)
            continue
        if section == "status" and normal(text) in STATUS_WORDS:
            continue
        pieces += [LEAD_IN.sub("", line) for line in _inline_lines(token) if not META.match(line)]
    sentences = [s for piece in pieces for s in re.split(r"(?<=[.!?])\s+", piece)]
    return [normal(s) for s in sentences if normal(s)]


def memo_text(memo: str) -> str:
    """The words of a Markdown memo, markup stripped."""
    words: list[str] = []
    for token in MD.parse(memo):
        if token.type == "inline":
            words += _inline_lines(token)
        elif token.type in ("fence", "code_block"):
            words.append(token.content)
    return " " + normal(" ".join(words)) + " "


# --- Every record ------------------------------------------------------------------------


@pytest.mark.parametrize("record", ALL_RECORDS, ids=_name)
def test_every_record_imports_to_a_valid_option_set_in_canonical_layout(
    record: Path, imported: dict[Path, Imported]
) -> None:
    result = imported[record]
    assert result.option_set.title
    text = result.target.read_text(encoding="utf-8")
    assert format_text(text, result.target, OptionSet) == text
    assert text.splitlines()[0].startswith("# Imported from ")


@pytest.mark.parametrize("record", ALL_RECORDS, ids=_name)
def test_every_sentence_of_the_record_is_in_the_rendered_memo(
    record: Path, imported: dict[Path, Imported]
) -> None:
    memo = memo_text(imported[record].memo)
    sentences = record_sentences(record)
    assert sentences
    missing = [s for s in sentences if f" {s} " not in memo]
    assert not missing, missing


def _chosen(record: Path) -> tuple[str, list[str]] | None:
    """The name a "Chosen option" line gives and the Considered Options items, read
    independently of the importer."""
    tokens = MD.parse(record.read_text(encoding="utf-8"))
    options: list[str] = []
    chosen = None
    section = ""
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        text = " ".join(_inline_lines(token))
        if tokens[index - 1].type == "heading_open":
            section = normal(text)
        elif section == "considered options" and tokens[index - 2].type == "list_item_open":
            options.append(text)
        elif chosen is None and text.lower().startswith("chosen option"):
            quoted = re.search(r"""(["'])(.+?)\1\s*(,|because|$)""", text)
            chosen = quoted.group(2) if quoted else None
    return (chosen, options) if chosen else None


def _listed_choice(record: Path) -> str | None:
    """The chosen option's name, when it begins one of the considered options."""
    found = _chosen(record)
    if found and any(normal(o).startswith(normal(found[0])) for o in found[1]):
        return found[0]
    return None


CHOSEN = [record for record in ALL_RECORDS if _listed_choice(record)]


@pytest.mark.parametrize("record", CHOSEN, ids=_name)
def test_a_chosen_option_that_the_record_lists_is_the_recommendation(
    record: Path, imported: dict[Path, Imported]
) -> None:
    recommended = imported[record].option_set.recommended
    chosen = normal(_listed_choice(record) or "")
    assert recommended is not None
    title = normal(recommended.title)
    assert title in chosen or chosen in title, (recommended.title, chosen)


def test_the_chosen_option_test_sees_most_madr_records() -> None:
    madr = [r for r in ALL_RECORDS if r.parent.name == "madr"]
    assert len(CHOSEN) >= len(madr) - 4, sorted(set(madr) - set(CHOSEN))


@needs_corpus
def test_the_corpus_records_import_as_their_dialect_with_status_and_date(
    imported: dict[Path, Imported],
) -> None:
    madr = [r for r in _corpus_records() if r.parent.name == "madr"]
    nygard = [r for r in _corpus_records() if r.parent.name == "adr-tools"]
    assert len(madr) == 19 and len(nygard) == 9
    assert {guess_dialect(read_record(r)) for r in madr} == {"madr"}
    assert {guess_dialect(read_record(r)) for r in nygard} == {"nygard"}
    for record in nygard:
        option_set = imported[record].option_set
        assert option_set.status == "decided"
        assert option_set.kind == "information"
        assert option_set.recommended is not None
        assert option_set.recommended.title == option_set.title
    first = imported[CORPUS / "adr-tools" / "0001-record-architecture-decisions.md"]
    assert first.option_set.title == "Record architecture decisions"
    assert str(first.option_set.date) == "2016-02-12"
    help_comments = imported[CORPUS / "adr-tools" / "0005-help-comments.md"].option_set
    assert help_comments.background is not None
    assert "Amended by [9. Help scripts](0009-help-scripts.md)" in help_comments.background
    on_hold = imported[CORPUS / "madr" / "0003-provide-own-madr-tools.md"].option_set
    assert on_hold.status == "draft"
    assert on_hold.background is not None and "status: on hold" in on_hold.background


@needs_corpus
def test_corpus_arguments_become_pros_cons_and_the_description(tmp_path: Path) -> None:
    report = import_records([CORPUS / "madr" / "0001-use-CC0-or-MIT-as-license.md"], tmp_path)
    option_set = load_option_set(report.written[0][1])
    by_title = {o.title: o for o in option_set.options}
    assert [p.text for p in by_title["MIT"].pros] == [
        "it [explicitly may be used for documentation](https://opensource.stackexchange.com/a/9545/5671)",
        "it is lean.",
    ]
    assert next(p.text for p in by_title["CC0"].cons).startswith("it does not contain attribution")
    assert by_title["CC0"].cons[0].sources == ["attribution-is-important"]
    dual = by_title["Dual license with MIT and CC0"]
    assert dual.description is not None and "SPDX identifier" in dual.description
    assert option_set.kind == "decision" and option_set.question
    assert option_set.recommended == dual


# --- The variants ------------------------------------------------------------------------


def _one(path: Path, tmp_path: Path) -> tuple[OptionSet, ImportReport]:
    report = import_records([path], tmp_path / "options")
    assert report.ok, [str(d) for d in report.failed]
    return load_option_set(report.written[0][1]), report


def _warnings(report: ImportReport) -> list[str]:
    return [str(w).split(": warning: ", 1)[1] for w in report.warnings]


def test_madr_2_lines_under_the_title_links_and_split_consequences(tmp_path: Path) -> None:
    option_set, report = _one(FIXTURES / "madr" / "0001-use-postgresql-for-order-data.md", tmp_path)
    assert (option_set.status, str(option_set.date)) == ("decided", "2019-03-14")
    assert [(s.name, s.group) for s in option_set.stakeholders] == [
        ("Maria Lopez", "Decision-makers"),
        ("Tom Becker", "Decision-makers"),
    ]
    assert [c.name for c in option_set.criteria] == [
        "Transactions across order lines",
        "The operations team already runs it",
        "Licence cost",
    ]
    assert all(c.weight == 1 for c in option_set.criteria)
    assert all(not o.scores and not o.positions for o in option_set.options)
    assert option_set.question == "Which database should hold the orders?"
    assert [o.title for o in option_set.options] == [
        "PostgreSQL",
        "MongoDB",
        "Flat files on a shared volume",
    ]
    assert option_set.options[1].summary == "MongoDB - a document store"
    assert option_set.recommendation is not None
    assert option_set.recommendation.option == "postgresql"
    rationale = option_set.recommendation.rationale or ""
    assert "### Negative Consequences" in rationale and "migrated with every release" in rationale
    assert option_set.background is not None
    assert option_set.background.startswith("Technical Story: [PLAT-112]")
    assert "## Links\n\n* Refined by [ADR-0004](0004-partition-orders-by-month.md)" in (
        option_set.background
    )
    assert "<!--" not in report.written[0][1].read_text(encoding="utf-8")
    assert [s.url for s in option_set.sources] == [
        "https://tracker.example.org/browse/PLAT-112",
        "https://www.postgresql.org/",
        "https://www.postgresql.org/docs/current/tutorial-transactions.html",
    ]
    assert _warnings(report) == [
        "the stakeholders' influence and salience are set from their role; "
        "review them: decision-makers 5 and 5, consulted 3 and 4, informed 2 and 3"
    ]


def test_madr_3_front_matter_neutral_arguments_and_a_code_block(tmp_path: Path) -> None:
    option_set, _ = _one(FIXTURES / "madr" / "0002-sign-release-artifacts.md", tmp_path)
    # The "## Status" and "status: rejected" lines inside the code block are code.
    assert option_set.status == "decided"
    assert [(s.name, s.group, s.influence, s.salience) for s in option_set.stakeholders] == [
        ("Priya Raman", "Decision-makers", 5, 5),
        ("Jonas Weber", "Decision-makers", 5, 5),
        ("Security team", "Consulted", 3, 4),
        ("All maintainers", "Informed", 2, 3),
    ]
    sigstore = option_set.options[0]
    assert [p.text for p in sigstore.pros] == ["there is no key to rotate."]
    assert [p.text for p in sigstore.cons] == ["signing depends on the log being up."]
    assert sigstore.description is not None
    assert "* Neutral, because the public log shows every release" in sigstore.description
    assert "```yaml\n## Status\nstatus: rejected" in sigstore.description
    assert option_set.recommendation is not None
    assert "* Neutral, because the checksums stay" in (option_set.recommendation.rationale or "")
    assert option_set.background is not None
    assert option_set.background.index("## Validation") < option_set.background.index(
        "## More Information"
    )


def test_madr_4_decision_makers_bold_names_and_a_superseded_status(tmp_path: Path) -> None:
    option_set, _ = _one(FIXTURES / "madr" / "0003-cache-sessions.md", tmp_path)
    assert option_set.status == "superseded"
    assert option_set.background is not None
    assert 'status: "superseded by [ADR-0009](0009-drop-server-side-sessions.md)"' in (
        option_set.background
    )
    assert [o.title for o in option_set.options] == ["Sticky sessions", "Redis", "Signed cookies"]
    assert option_set.recommended is not None and option_set.recommended.title == "Redis"
    assert "### Confirmation" in (option_set.recommendation.rationale or "")  # type: ignore[union-attr]
    assert [s.name for s in option_set.stakeholders] == ["Ana Costa"]
    nested = option_set.options[1].cons[0]
    assert nested.text.startswith("Redis becomes a single point of failure")
    assert "  - Replication needs a second instance" not in nested.text  # dedented
    assert nested.sources == ["redis-io-docs-management-replication"]


def test_a_chosen_option_named_only_under_pros_and_cons_is_added_and_reported(
    tmp_path: Path,
) -> None:
    option_set, report = _one(FIXTURES / "madr" / "0004-choose-a-logging-format.md", tmp_path)
    assert [o.title for o in option_set.options] == ["Plain text lines", "JSON lines", "Logfmt"]
    assert option_set.recommended is not None and option_set.recommended.title == "Logfmt"
    assert (
        "'Logfmt' matches none of the considered options; it is imported as an option of its own"
        in (_warnings(report))
    )
    assert any(w.line == 23 for w in report.warnings)


def test_a_chosen_option_that_matches_nothing_keeps_the_outcome_in_the_background(
    tmp_path: Path,
) -> None:
    record = tmp_path / "0001-pick.md"
    record.write_text(
        "# Pick\n\nDate: 2020-01-01\n\n## Considered Options\n\n* A\n* B\n\n"
        '## Decision Outcome\n\nChosen option: "C", because it is best.\n',
        encoding="utf-8",
    )
    option_set, report = _one(record, tmp_path)
    assert option_set.recommendation is None
    assert option_set.background == (
        '## Decision Outcome\n\nChosen option: "C", because it is best.\n'
    )
    assert [str(w) for w in report.warnings] == [
        f"{record}:12:1: warning: the chosen option 'C' matches none of the considered options; "
        "no recommendation; the outcome is kept in the background"
    ]


def test_a_record_with_one_option_becomes_an_information_memo(tmp_path: Path) -> None:
    option_set, report = _one(FIXTURES / "madr" / "0005-adopt-trunk-based-development.md", tmp_path)
    assert option_set.kind == "information"
    assert option_set.status == "proposed"
    assert [o.title for o in option_set.options] == ["Trunk-based development with feature flags"]
    assert _warnings(report) == [
        "the record lists 1 option(s); a decision memo needs two; "
        "it is imported as an information memo (kind: information)"
    ]


def test_a_rejected_record_is_decided_with_its_status_kept(tmp_path: Path) -> None:
    option_set, report = _one(FIXTURES / "madr" / "0006-retire-the-soap-api.md", tmp_path)
    assert option_set.status == "decided"
    assert option_set.background is not None
    assert "```yaml\nstatus: rejected\nlayout: adr\n```" in option_set.background
    assert "## Decision Drivers\n\nThe drivers were weighed" in option_set.background
    assert "## Notes\n\nThe question comes back in 2022" in option_set.background
    assert "status 'rejected' is imported as 'decided'; the original is kept in the background" in (
        _warnings(report)
    )
    assert (
        "no place in an option set for front matter 'layout'; it is kept in the background under 'Front matter'"
        in _warnings(report)
    )


def test_nygard_numbered_titles_superseded_and_supersedes(tmp_path: Path) -> None:
    folder = FIXTURES / "nygard"
    report = import_records([folder], tmp_path / "options", "nygard")
    assert report.ok
    sets = {record.name: load_option_set(target) for record, target in report.written}
    first = sets["0001-record-architecture-decisions.md"]
    assert (first.title, first.status, str(first.date)) == (
        "Record architecture decisions",
        "decided",
        "2018-01-01",
    )
    assert first.recommended is not None and first.recommended.summary.startswith("We will use")
    old = sets["0002-use-rabbitmq-for-events.md"]
    assert old.status == "superseded" and old.supersedes is None
    assert old.background is not None and "Superseded by [5. Use Kafka" in old.background
    new = sets["0005-use-kafka-for-events.md"]
    assert new.supersedes == "0002-use-rabbitmq-for-events"
    assert new.bluf.startswith("Services publish events to Kafka topics:\n\n| Topic |")
    assert (new.recommendation.rationale or "").startswith("## Consequences")  # type: ignore[union-attr]
    deprecated = sets["0006-deprecate-the-ftp-upload.md"]
    assert deprecated.status == "superseded"
    assert deprecated.background is not None and "Status" not in deprecated.background


def test_nygard_status_lines_code_blocks_and_unknown_sections(tmp_path: Path) -> None:
    option_set, report = _one(FIXTURES / "nygard" / "0003-pin-dependencies.md", tmp_path)
    assert (option_set.title, option_set.status, str(option_set.date)) == (
        "Pin dependencies",
        "proposed",
        "2020-06-01",
    )
    assert option_set.question == "How do we keep builds repeatable?"
    # The "## Decision" inside the code block is not the Decision section.
    assert option_set.options[0].summary.startswith("Every service pins its dependencies")
    assert option_set.background is not None
    assert "```markdown\n## Decision\n\nStatus: Rejected\n```" in option_set.background
    assert [str(w) for w in report.warnings] == [
        f"{shown(FIXTURES / 'nygard' / '0003-pin-dependencies.md')}:27:1: warning: section "
        "'Alternatives considered' has no place in an option set; "
        "it is kept in the background under its heading"
    ]


def test_nygard_without_a_decision_and_with_a_date_that_is_not_iso(tmp_path: Path) -> None:
    record = FIXTURES / "nygard" / "0004-nightly-reports.md"
    option_set, report = _one(record, tmp_path)
    assert option_set.kind == "information" and not option_set.options
    assert option_set.status == "decided"
    assert option_set.background is not None
    assert option_set.background.startswith("Date: 02/03/2019")
    assert "## Status\n\nRejected" in option_set.background
    lines = {w.line: w.message for w in report.warnings}
    assert lines[3] == "cannot tell which date '02/03/2019' is"
    assert lines[7] == "status 'rejected' is imported as 'decided'"


# --- Files: ids, overwriting, failures, the command line ----------------------------------


def test_nothing_is_overwritten_without_force(tmp_path: Path) -> None:
    record = FIXTURES / "nygard" / "0002-use-rabbitmq-for-events.md"
    into = tmp_path / "options"
    first = import_records([record], into)
    target = first.written[0][1]
    target.write_text("edited by hand\n", encoding="utf-8")
    again = import_records([record], into)
    assert not again.ok and not again.written
    assert [str(d) for d in again.failed] == [
        f"{shown(record)}: {shown(target)} already exists; use --force to replace it"
    ]
    assert target.read_text(encoding="utf-8") == "edited by hand\n"
    forced = import_records([record], into, force=True)
    assert forced.ok and load_option_set(target).title == "Use RabbitMQ for events"


def test_a_record_that_does_not_parse_is_reported_and_the_others_import(tmp_path: Path) -> None:
    report = import_records([FIXTURES / "broken"], tmp_path / "options")
    assert [str(d) for d in report.failed] == [
        f"{shown(FIXTURES / 'broken' / '0001-bad-front-matter.md')}:4:1: the front matter is not "
        "valid YAML: expected ',' or ']', but got '<stream end>'; "
        "fix the YAML between the '---' lines"
    ]
    assert [target.name for _, target in report.written] == ["0002-fine-record.yaml"]
    assert (tmp_path / "options" / "0002-fine-record.yaml").is_file()
    assert not (tmp_path / "options" / "0001-bad-front-matter.yaml").exists()


def test_ids_come_from_file_names_and_are_made_unique(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "0007 Use Äpfel_Now.md").write_text(
            "# 7. Use apples\n\nDate: 2020-01-01\n\n## Decision\n\nApples.\n", encoding="utf-8"
        )
    report = import_records([tmp_path / "a", tmp_path / "b"], tmp_path / "options")
    assert [target.name for _, target in report.written] == [
        "0007-use-apfel-now.yaml",
        "0007-use-apfel-now-2.yaml",
    ]


def test_folders_skip_what_is_not_a_record_and_say_so(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Decisions\n\nAll records.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\n## Ideas\n\nSome.\n", encoding="utf-8")
    (tmp_path / "0001-a.md").write_text("# A\n\n## Decision\n\nA.\n", encoding="utf-8")
    report = import_records([tmp_path], tmp_path / "options")
    assert [record.name for record, _ in report.written] == ["0001-a.md"]
    skipped = [str(w) for w in report.warnings if "not imported" in w.message]
    assert skipped == [
        f"{tmp_path / 'index.md'}: warning: not imported: not a decision record (its name); "
        "name the file to import it",
        f"{tmp_path / 'notes.md'}: warning: not imported: not a decision record "
        "(no known section); name the file to import it",
    ]


def test_a_record_without_a_title_or_text_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "0001-use-tabs.md").write_text("## Decision\n\nTabs.\n", encoding="utf-8")
    (tmp_path / "0002-latin1.md").write_bytes(b"# Caf\xe9\n\n## Decision\n\nYes.\n")
    report = import_records(sorted(tmp_path.glob("*.md")), tmp_path / "options")
    assert [str(d) for d in report.failed] == [
        f"{tmp_path / '0002-latin1.md'}:1:1: the record is not UTF-8 text; save it as UTF-8"
    ]
    option_set = load_option_set(report.written[0][1])
    assert option_set.title == "Use tabs"
    assert "the record has no '# title' heading" in [w.message for w in report.warnings]


def test_the_import_command(tmp_path: Path) -> None:
    runner = CliRunner()
    into = tmp_path / "options"
    args = ["import", "auto", str(FIXTURES / "broken"), "--into", str(into)]
    done = runner.invoke(cli, args)
    assert done.exit_code == 1
    assert f"imported {shown(FIXTURES / 'broken' / '0002-fine-record.md')} -> " in done.output
    assert "0001-bad-front-matter.md:4:1: the front matter is not valid YAML" in done.output
    assert done.output.rstrip().endswith("1 record imported, 1 failed")
    nygard = FIXTURES / "nygard" / "0001-record-architecture-decisions.md"
    done = runner.invoke(cli, ["import", "nygard", str(nygard), "--into", str(into)])
    assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["import", "nygard", str(nygard), "--into", str(into)])
    assert done.exit_code == 1 and "already exists; use --force" in done.output
    done = runner.invoke(cli, ["import", "nygard", str(nygard), "--into", str(into), "--force"])
    assert done.exit_code == 0
    done = runner.invoke(cli, ["import", "yaml", str(nygard)])
    assert done.exit_code == 2


def test_labels_numbers_references_and_front_matter_under_a_comment(tmp_path: Path) -> None:
    option_set, report = _one(FIXTURES / "madr" / "0007-store-uploaded-files.md", tmp_path)
    assert (option_set.status, str(option_set.date)) == ("decided", "2024-04-09")
    assert option_set.title == "Store uploaded files in object storage"
    assert [o.title for o in option_set.options] == [
        "Local disk with nightly rsync between hosts",
        "An S3-compatible object store",
        "A shared NFS volume",
    ]
    assert option_set.recommended is not None
    assert option_set.recommended.title == "An S3-compatible object store"
    # "Good:" and "**Good, because**" are pros; the heading one level too high still
    # argues its option.
    assert [p.text for p in option_set.options[0].pros] == ["nothing new to run."]
    assert [p.text for p in option_set.options[1].pros] == ["the store replicates every file."]
    assert [p.text for p in option_set.options[2].cons] == [
        "the NFS server is one more host that can fail."
    ]
    # A heading that names an option otherwise than its list item is kept above its
    # arguments.
    assert option_set.options[0].description == "### Option 1: Local disk with rsync"
    # Reference links keep their definitions in every field that uses them.
    assert option_set.background is not None
    assert "[issue-412]: https://tracker.example.org/issues/412" in option_set.background
    assert "[durability]: https://storage.example.org/docs/durability" in option_set.bluf
    assert [s.url for s in option_set.sources] == [
        "https://tracker.example.org/issues/412",
        "https://storage.example.org/docs/durability",
    ]
    assert "no place in an option set for front matter 'review-by'" in " ".join(_warnings(report))


def test_an_outcome_without_a_chosen_option_line_names_the_option(tmp_path: Path) -> None:
    option_set, report = _one(FIXTURES / "madr" / "0008-choose-a-licence.md", tmp_path)
    assert str(option_set.date) == "2020-06-12"  # day first, as dots are written
    assert option_set.background == "* Date: 12.06.2020"
    assert option_set.recommended is not None and option_set.recommended.title == "MIT License"
    assert [str(w).split(": ", 1)[1] for w in report.warnings if w.line == 19] == [
        "warning: no 'Chosen option:' line; 'MIT License' is taken as chosen, the only "
        "option the outcome's first paragraph names; check the recommendation"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-01-01", "2018-01-01"),
        ("Accepted on 2019-10-07", "2019-10-07"),
        ("2019/10/07", "2019-10-07"),
        ("12.06.2020", "2020-06-12"),
        ("14/02/2019", "2019-02-14"),
        ("02/14/2019", "2019-02-14"),
        ("02/03/2019", None),  # March 2 or February 3
        ("12 June 2020", "2020-06-12"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("2018-02-30", None),
        ("{YYYY-MM-DD when the decision was last updated}", None),
    ],
)
def test_dates_records_write(text: str, expected: str | None) -> None:
    from briefgen.importers.metadata import read_date

    found = read_date(text)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("MADR 4.0.0", 0),
        ("Include in section 'More Information'", 1),
        ("A", 2),
        ("Option 2 — Pluggable protocol", 3),
        ("Option 3, with two folders", 4),
        ("Special-case only convert", 5),
        ("Resolve inside getInputFile() (chosen)", 6),
        ("Use a library", None),  # two options hold these words
        ("Something else", None),
    ],
)
def test_an_option_is_found_by_the_names_records_give_it(name: str, expected: int | None) -> None:
    from briefgen.importers.names import match, names_of

    candidates = [
        names_of("MADR 4.0.0 – The Markdown Architectural Decision Records", "MADR 4.0.0"),
        names_of('Include in section "More Information"'),
        names_of("A. A self-contained reporter"),
        names_of("Option 2: Pluggable protocol with env default"),
        names_of("option 3", "Three folders"),
        names_of("Special-case URL handling only in the convert command"),
        names_of("Keep raw strings and resolve inside getInputFile()"),
        names_of("Use a library for parsing"),
        names_of("Use a library for printing"),
    ]
    assert match(name, candidates) == expected


def test_a_title_one_level_down_and_a_record_without_sections(tmp_path: Path) -> None:
    (tmp_path / "0003-cache.md").write_text(
        "## Cache the catalogue\n\n### Status\n\nAccepted\n\n### Decision\n\nWe cache it.\n",
        encoding="utf-8",
    )
    option_set, report = _one(tmp_path / "0003-cache.md", tmp_path)
    assert (option_set.title, option_set.status) == ("Cache the catalogue", "decided")
    assert option_set.options[0].summary == "We cache it."
    assert "the record has no '# title' heading" not in [w.message for w in report.warnings]


def test_importing_loads_no_renderer(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [
            *(sys.executable, "-X", "importtime", "-m", "briefgen", "import", "auto"),
            *(str(FIXTURES / "nygard"), "--into", str(tmp_path / "options")),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "markdown_it" in loaded
    heavy = sorted(
        m for m in loaded if m.split(".")[0] in ("weasyprint", "jinja2", "markdown", "nh3")
    )
    assert not heavy
