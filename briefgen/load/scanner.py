"""ruamel.yaml's scanner, with tabs read as YAML 1.2 reads them.

ruamel.yaml refuses a tab anywhere outside a flow collection ("Do not use tabs in
YAML!"). YAML 1.2 forbids tabs only as indentation (spec 6.1); elsewhere a tab is white
space like a space (s-white, 6.2): after ``key:`` or ``-``, at the end of a line,
before a comment, on a blank line, and inside a plain value. This scanner accepts those
and still refuses a tab that indents a line, or that stands between ``-``, ``?`` or
``:`` and a nested block collection (``-\\t- a``), as the spec does.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.scanner import Scanner, ScannerError

_LINE_END = "\0\r\n\x85\u2028\u2029"
_BREAKS = "\r\n\x85\u2028\u2029"
_END_OR_SPACE = " \t\n\0\r\x85\u2028\u2029"
_BLOCK_INDICATORS = "-?:"


class TabScanner(Scanner):
    """:class:`ruamel.yaml.scanner.Scanner` with YAML 1.2's rules for tabs."""

    def scan_to_next_token(self) -> None:
        peek, forward = self.reader.peek, self.reader.forward
        if self.reader.index == 0 and peek() == "\ufeff":
            forward()
        while True:
            while peek() == " " or (peek() == "\t" and self._tab_separates()):
                forward()
            before = self.reader.buffer[self.reader.pointer - 1] if self.reader.pointer else " "
            if peek() == "#" and before not in " \t\r\n\ufeff":
                raise ScannerError(
                    None, None, "a comment's '#' right after text", self.reader.get_mark()
                )
            if peek() == "#":
                while peek() not in _LINE_END:
                    forward()
            if not self.scan_line_break():
                return
            if not self.flow_level:
                self.allow_simple_key = True

    def _tab_separates(self) -> bool:
        """True when the tab under the cursor is white space, not indentation."""
        if self.flow_level:
            return True
        reader = self.reader
        ahead = 0
        while reader.peek(ahead) in " \t":
            ahead += 1
        if reader.peek(ahead) in _LINE_END + "#":
            # A blank line, trailing white space, or before a comment; but a tab that
            # starts the line under a '|' or '>' header would indent the block's text.
            return reader.column > 0 or not self._after_block_scalar()
        line = reader.buffer[reader.pointer - reader.column : reader.pointer]
        written = line.strip(" \t")
        if not written:
            # Indentation: the spaces before the tab must indent the line enough.
            return len(line) - len(line.lstrip(" ")) > self.indent
        if written[-1] in _BLOCK_INDICATORS:
            return not self._block_collection_at(ahead)
        return True

    def _after_block_scalar(self) -> bool:
        last = self.tokens[-1] if self.tokens else None
        return getattr(last, "style", None) in {"|", ">"}

    def _block_collection_at(self, ahead: int) -> bool:
        """True when a block sequence entry or mapping key starts ``ahead`` characters on."""
        peek = self.reader.peek
        if peek(ahead) in _BLOCK_INDICATORS and peek(ahead + 1) in _LINE_END + " \t":
            return True
        rest = ""
        while peek(ahead + len(rest)) not in _LINE_END:
            rest += peek(ahead + len(rest))
        return ": " in rest or ":\t" in rest or rest.rstrip().endswith(":")

    def scan_plain_spaces(self, indent: Any, start_mark: Any) -> Any:
        """The white space after a chunk of a plain value: tabs count as spaces there,
        on blank lines inside it, and after the indentation of its next line."""
        peek, forward = self.reader.peek, self.reader.forward
        length = 0
        while peek(length) in " \t":
            length += 1
        whitespace = self.reader.prefix(length)
        forward(length)
        if peek() not in _BREAKS:
            return [whitespace] if whitespace else []
        line_break = self.scan_line_break()
        self.allow_simple_key = True
        breaks: list[str] = []
        while not self._document_marker():
            spaces = 0
            while peek(spaces) == " ":
                spaces += 1
            blank = spaces
            while peek(blank) in " \t":
                blank += 1
            if peek(blank) not in _BREAKS:
                forward(blank if spaces >= indent or self.flow_level else spaces)
                chunks = [line_break] if line_break != "\n" else ([] if breaks else [" "])
                return chunks + breaks
            forward(blank)
            breaks.append(self.scan_line_break())
        return None

    def _document_marker(self) -> bool:
        return self.reader.prefix(3) in {"---", "..."} and self.reader.peek(3) in _END_OR_SPACE
