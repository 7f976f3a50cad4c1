"""Plain-language wording for every validation problem, in one table.

Pydantic's own messages ("Input should be a valid integer, unable to parse string as an
integer") are written for programmers. Each error type, Pydantic's or briefgen's own
(raised in :mod:`briefgen.schema.types` and :mod:`briefgen.check.validate`), maps here to a message
and a hint written for analysts. The idea follows rendercv's ``error_dictionary.yaml``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

#: error type -> (message, hint); ``{...}`` names come from the error's context.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("'{key}' is required", "add '{key}:' with a value"),
    "extra_forbidden": ("unknown key '{key}'", "{suggestion}"),
    "string_type": ("expected text, found {found}", "write the text after the ':'"),
    "string_too_short": ("must not be empty", "write a value or remove the key"),
    "blank": ("holds only spaces", "write a value or remove the key"),
    "too_short": ("needs at least {min_length} item(s), found {actual_length}", "add an item"),
    "list_type": (
        "expected a list, found {found}",
        "write each item on its own line, starting with '- '",
    ),
    "dict_type": (
        "expected a mapping of keys, found {found}",
        "write 'key: value' lines, indented under this one",
    ),
    "model_type": (
        "expected a mapping of keys, found {found}",
        "write 'key: value' lines, indented under this one",
    ),
    "model_attributes_type": (
        "expected a mapping of keys, found {found}",
        "write 'key: value' lines, indented under this one",
    ),
    "float_parsing": ("{shown} is not a number", "write a number such as 1 or 2.5"),
    "float_type": ("expected a number, found {found}", "write a number such as 1 or 2.5"),
    "finite_number": ("{shown} is not a finite number", "write a number such as 1 or 2.5"),
    "greater_than": ("{shown} is too small", "it must be greater than {gt}"),
    "greater_than_equal": ("{shown} is too small", "it must be at least {ge}"),
    "less_than_equal": ("{shown} is too large", "it must be at most {le}"),
    "id": (
        "{shown} is not a valid id",
        "use lowercase letters, digits and single hyphens, e.g. 'post-2011-presence'",
    ),
    "file_id": (
        "the file name {shown} is not a valid id",
        "add an 'id:' key (lowercase letters, digits, hyphens) or rename the file",
    ),
    "date_format": ("{shown} is not a date", "write dates as YYYY-MM-DD, e.g. 2008-12-08"),
    "date_impossible": ("{shown} is not a real date ({reason})", "check the month and the day"),
    "date_type": ("expected a date, found {found}", "write dates as YYYY-MM-DD"),
    "scale": ("{shown} is not {a_what}", "{scale_hint}"),
    "page_limit": (
        "{shown} is not a page limit",
        "write a whole number of pages from 1 to 99, or none for no limit",
    ),
    "choice": ("{shown} is not {a_what}", "use one of {allowed}"),
    # Checks across fields, made in briefgen.check.validate:
    "question_required": (
        "a decision memo needs a 'question' (the issue for decision)",
        "add 'question:', or set 'kind: information'",
    ),
    "too_few_options": (
        "a decision memo needs at least two options, found {count}",
        "add an option, or set 'kind: information'",
    ),
    "duplicate_id": (
        "duplicate {what} id '{input}' (first at line {first})",
        "give each {what} its own id",
    ),
    "unknown_reference": ("{shown} is not {a_what} id in this file", "{suggestion}"),
    # Meeting files, checked in briefgen.schema.meeting:
    "clock": ("{shown} is not a time", "write a 24-hour time as HH:MM, e.g. 14:00"),
    "minutes": ("{shown} is not a number of minutes", "write a whole number from 1 to {limit}"),
    "agenda_item": (
        "an agenda item needs either 'option_set' or 'title', not both or neither",
        "name the option set to decide on, or give the item a title",
    ),
    "broken_option_set": (
        "the option set {shown} has errors of its own (listed above)",
        "fix it, or take it off the agenda",
    ),
    "unknown_option_set": (
        "{shown} is not the id of an option set in this workspace",
        "{suggestion}",
    ),
    # Content lint (warnings; errors under --strict), made in briefgen.check.lint:
    "no_cons": ("option '{title}' lists no cons", "every option has a downside; name it"),
    "no_risks": (
        "option '{title}' lists no risks",
        "add at least one risk with its likelihood and impact",
    ),
    "unscored": (
        "option '{title}' is not scored on {criteria}",
        "add a score from 1 to 5 for each criterion under 'scores:'",
    ),
    "unmitigated_risk": (
        "risk '{title}' scores {score} of 25 and has no mitigation",
        "add 'mitigation:' for every risk scoring 15 or more",
    ),
    "no_position": (
        "stakeholder '{name}' has no position on any option",
        "add their stance under each option's 'positions:', or remove them",
    ),
    "uncited_source": (
        "source '{id}' is never cited",
        "cite it from a pro, con, risk or position, or remove it",
    ),
    "no_rationale": (
        "the decision memo gives no recommendation rationale",
        "add 'recommendation:' with 'option:' and 'rationale:'",
    ),
    "not_leader": (
        "the recommended option '{title}' scores {score} on the weighted criteria, below "
        "'{leader}' ({leader_score})",
        "say in the rationale why, or revisit the scores and weights",
    ),
    "status_cleared": (
        "STATUS is cleared, but {offices} {have} not cleared",
        "set 'status: proposed' until every office clears, or record their clearance",
    ),
    "decide_by_early": (
        "the decision is needed by {decide_by}, before the memo's date {date}",
        "give a 'decide_by' date after the memo's 'date'",
    ),
    "bluf_lines": (
        "the BLUF runs to about {lines} printed lines, over {limit}",
        "cut it to the answer in {limit} lines (about {chars} characters)",
    ),
    "raw_html": ("raw HTML {tag} is printed as text, not used as markup", "write Markdown instead"),
    "link_removed": (
        "the link to '{url}' is removed; only http, https, mailto and #section links are kept",
        "link to a web page instead",
    ),
    "remote_image": (
        "the image '{url}' is on the network and is not fetched",
        "copy it into the workspace (e.g. assets/), or build with --allow-remote",
    ),
    "outside_image": (
        "the image '{url}' lies outside the workspace and is not used",
        "copy it into the workspace, e.g. assets/",
    ),
    "not_an_image": (
        "the data: URL '{url}' is not an image and is not used",
        "use data:image/png, jpeg, gif, svg+xml or webp",
    ),
    "missing_image": (
        "the image '{url}' does not exist",
        "check the path; it is relative to the option set's folder",
    ),
    "unsupported_image": (
        "the file '{url}' is not a PNG, JPEG, GIF, SVG or WebP image and is not used",
        "convert it to PNG or SVG",
    ),
    "large_image": (
        "the image '{url}' is larger than 10,000,000 bytes and is not used",
        "make it smaller (a memo figure rarely needs more than 1 MB)",
    ),
    # briefgen import (errors: the record is not imported; warnings: what did not map):
    "import_missing": ("no such file or folder", "check the path"),
    "import_unreadable": (
        "cannot read the record ({reason})",
        "check the path and its permissions",
    ),
    "import_encoding": ("the record is not UTF-8 text", "save it as UTF-8"),
    "import_empty": ("the record is empty", "write the record, or leave the file out"),
    "import_front_matter": (
        "the front matter is not valid YAML: {problem}",
        "fix the YAML between the '---' lines",
    ),
    "import_front_matter_type": (
        "the front matter is not a mapping of keys",
        "write 'key: value' lines between the '---' lines",
    ),
    "import_exists": ("{target} already exists", "use --force to replace it"),
    # briefgen init and new:
    "scaffold_exists": (
        "already exists; nothing was written",
        "move it away, or scaffold in another folder",
    ),
    "scaffold_not_folder": ("is a file, not a folder", "name a folder to scaffold in"),
    "scaffold_bad_name": (
        "is not an id",
        "use lowercase letters, digits and single hyphens, as in 'withdrawal-pace'",
    ),
    "import_invalid": (
        "the option set made of this record is not valid: {problem}",
        "this is a bug in briefgen import; please report it with the record",
    ),
    "import_skipped": (
        "not imported: not a decision record ({reason})",
        "name the file to import it",
    ),
    "import_front_matter_keys": (
        "no place in an option set for front matter {keys}",
        "it is kept in the background under 'Front matter'",
    ),
    "import_unknown_section": (
        "section '{title}' has no place in an option set",
        "it is kept in the background under its heading",
    ),
    "import_no_match": (
        "the chosen option '{name}' matches none of the considered options",
        "no recommendation; the outcome is kept in the background",
    ),
    "import_no_chosen": (
        "'{title}' names no chosen option ('Chosen option: \"...\"')",
        "no recommendation; the outcome is kept in the background",
    ),
    "import_chosen_marked": (
        "no 'Chosen option:' line; '{title}' is taken as chosen, being marked so",
        "check the recommendation",
    ),
    "import_chosen_named": (
        "no 'Chosen option:' line; '{title}' is taken as chosen, the only option the "
        "outcome's first paragraph names",
        "check the recommendation",
    ),
    "import_extra_option": (
        "'{title}' matches none of the considered options",
        "it is imported as an option of its own",
    ),
    "import_status": (
        "status '{status}' is none of draft, proposed, decided or superseded",
        "the status is left out (draft); the original is kept in the background",
    ),
    "import_status_lossy": (
        "status '{status}' is imported as '{mapped}'",
        "the original is kept in the background",
    ),
    "import_bad_date": (
        "cannot tell which date '{date}' is",
        "write YYYY-MM-DD; the memo is dated by the file's modification date, and the "
        "original is kept",
    ),
    "import_no_date": (
        "the record gives no date",
        "the memo is dated {date}, the file's modification date",
    ),
    "import_no_title": (
        "the record has no '# title' heading",
        "the title is made of the file name",
    ),
    "import_information": (
        "the record lists {count} option(s); a decision memo needs two",
        "it is imported as an information memo (kind: information)",
    ),
    "import_no_decision": (
        "the record has no Decision section",
        "it is imported as an information memo without options",
    ),
    "import_roles": (
        "the stakeholders' influence and salience are set from their role",
        "review them: decision-makers 5 and 5, consulted 3 and 4, informed 2 and 3",
    ),
    # The page budget, checked after printing (warnings; errors under --strict), in
    # briefgen.render.budget:
    "page_budget_lines": (
        "the memo proper runs {lines} lines onto page {pages}, past its limit of "
        "{limit} pages; biggest sections: {sections}",
        "shorten them or move detail into the tabs, or raise 'page_limit'",
    ),
    "page_budget_pages": (
        "the memo proper runs to {pages} pages, {over} pages past its limit of "
        "{limit}; biggest sections: {sections}",
        "shorten them or move detail into the tabs, or raise 'page_limit'",
    ),
}


def describe(error_type: str, context: dict[str, Any]) -> tuple[str, str]:
    """Word one problem for the user.

    Args:
        error_type: a key of :data:`MESSAGES` (unknown types fall back to ``context['msg']``).
        context: the values the wording uses: ``input``, ``key``, ``what`` and the
            error's own context (``gt``, ``allowed``, ...).

    Returns:
        ``(message, hint)``; the hint may be "".
    """
    values = {**context, "shown": show(context.get("input")), "found": found(context.get("input"))}
    if "what" in context:
        what = str(context["what"])
        values["a_what"] = ("an " if what[:1] in "aeiou" else "a ") + what
    for bound in ("gt", "ge", "lt", "le"):
        if isinstance(values.get(bound), float):
            values[bound] = f"{values[bound]:g}"
    if error_type == "scale":
        values["scale_hint"] = (
            f"use 1-5 or {values['words']}"
            if values.get("words")
            else "use a whole number from 1 to 5"
        )
    entry = MESSAGES.get(error_type)
    if entry is None:
        message = str(context.get("msg", error_type))
        return message[:1].lower() + message[1:], ""
    message, hint = entry
    return message.format_map(_Lenient(values)), hint.format_map(_Lenient(values))


def suggest(wrong: str, known: Iterable[str], what: str) -> str:
    """Return a "did you mean" hint for ``wrong`` among ``known`` (difflib), or list them."""
    choices = sorted(set(known))
    close = difflib.get_close_matches(wrong, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    plural = _PLURALS.get(what, what + "s")
    if not choices:
        return f"there are no {plural} in this file"
    listed = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f"known {plural}: {listed}"


_PLURALS = {"criterion": "criteria"}


def show(value: Any) -> str:
    """Quote a value as the user typed it: ``'very high'``; ``nothing`` for an empty one."""
    if value is None:
        return "nothing"
    if isinstance(value, dict | list):
        return found(value)
    return f"'{value}'"


def found(value: Any) -> str:
    """Name the kind of a value: ``a list``, ``a mapping``, ``nothing``, ``the text 'x'``."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the text '{value}'"


class _Lenient(dict[str, Any]):
    """Leaves ``{name}`` in place when a context lacks it, instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


#: ruamel.yaml's syntax problems -> (message, hint); the first matching pattern wins and
#: ``{0}`` stands for the pattern's first group.
SYNTAX: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"'\\t'|\btab"), "a tab character is used for indentation", "indent with spaces"),
    (
        re.compile(r"mapping values are not allowed"),
        "a ': ' appears where a value was expected",
        "quote text that contains ': ', or check the indentation of this line",
    ),
    (
        re.compile(r"could not find expected ':'"),
        "a key is missing its ':'",
        "write 'key: value', or quote the text",
    ),
    (
        re.compile(r"found undefined alias"),
        "an alias (*name) refers to no anchor (&name)",
        "define the anchor first with &name, or write the value out",
    ),
    (
        re.compile(r"found unknown escape character"),
        "an unknown escape in double quotes",
        "use single quotes, or write \\\\ for a backslash",
    ),
    (
        re.compile(r"found unexpected end of stream"),
        "a quote or bracket is never closed",
        "close it on the line where it should end",
    ),
    (
        re.compile(r"expected ',' or '([\]}])'"),
        "a '[...]' or '{{...}}' is not closed, or its items lack commas",
        "close it with '{0}' and separate its items with commas",
    ),
    (
        re.compile(r"expected chomping or indentation indicators"),
        "after '|' or '>' the text must start on the next line",
        "move the text to the next line and indent it",
    ),
    (
        re.compile(r"found character '(.)' that cannot start any token"),
        "'{0}' cannot start a plain value",
        "put the value in quotes",
    ),
    (
        re.compile(r"expected <block end>|did not find expected key|expected <block "),
        "this line does not fit the indentation of the lines above",
        "line up keys of one mapping and the '- ' of one list; quote text that starts with "
        "a special character",
    ),
    (
        re.compile(r"did not find expected '-' indicator"),
        "a list item is out of line",
        "line up the '- ' of every item of the list",
    ),
    (
        re.compile(r"incompatible YAML document|YAML version|version minor part"),
        "the %YAML line names a version briefgen does not read",
        "remove the %YAML line; briefgen reads YAML 1.2",
    ),
    (
        re.compile(r"a comment's '#' right after text"),
        "a '#' right after text starts no comment here",
        "put a space before '#' to start a comment, or quote the text",
    ),
    (
        re.compile(r"more indented follow up line than first in a block scalar"),
        "a '|' or '>' text starts with a blank line that is indented deeper than its text",
        "remove the spaces from the blank lines at the start of the text",
    ),
    (
        re.compile(
            r"unexpected document separator|document end marker|document start|"
            r"'<document end>'|'<document start>'"
        ),
        "a '---' or '...' line is out of place",
        "keep one '---' line at the top at most, and no '...' line",
    ),
    (
        re.compile(r"sequence entries are not allowed here"),
        "a '- ' list item appears where a value was expected",
        "start the list on the next line, indented under its key",
    ),
    (
        re.compile(r"expected a comment or a line break, but found|expected ' ', but found"),
        "unexpected text after a value on this line",
        "put a space before '#' to start a comment, or quote the value",
    ),
    (
        re.compile(r"expected the node content, but found '([,:\]}])'"),
        "'{0}' appears where a value was expected",
        "write the value before it, or quote the text",
    ),
    (
        re.compile(r"indentation indicator"),
        "the number after '|' or '>' must be 1 to 9",
        "remove the number, or write how many spaces indent the text",
    ),
    (
        re.compile(r"tag handle|\btag\b"),
        "a YAML tag ('!...') cannot be read",
        "remove the tag; briefgen reads plain values",
    ),
    (
        re.compile(r"directive|a digit or '.'"),
        "a '%' line (a YAML directive) cannot be read",
        "remove the line that starts with '%'",
    ),
]

#: When no pattern above matches: our words, never the parser's.
SYNTAX_FALLBACK = (
    "this line is not valid YAML",
    "check this line and the one above it; quote text that starts with a special character",
)


def describe_syntax(problem: str) -> tuple[str, str]:
    """Word a YAML syntax problem (ruamel.yaml's text) for the user: (message, hint), each
    one line in briefgen's words; the parser's wording is never shown."""
    for pattern, message, hint in SYNTAX:
        match = pattern.search(problem)
        if match:
            groups = match.groups() or ("",)
            return message.format(*groups), hint.format(*groups)
    return SYNTAX_FALLBACK
