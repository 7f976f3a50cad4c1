"""The workspace setting file, ``briefgen.yaml`` at the workspace root: what people change most.

Every key is optional; a workspace without the file gets the defaults. The file is
validated like an option set, with located errors.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from briefgen.schema.option_set import Model
from briefgen.schema.types import Decimal, choice

#: The file's name, at the workspace root.
SETTINGS_FILE = "briefgen.yaml"
PAPERS = ("letter", "a4")
#: Tab label styles: State Department "Tab 1", "Tab 2"; DoD "TAB A", "TAB B".
TAB_LABELS = ("number", "letter")

Paper = Annotated[Literal["letter", "a4"], BeforeValidator(choice("paper size", PAPERS))]
TabLabels = Annotated[
    Literal["number", "letter"], BeforeValidator(choice("tab label style", TAB_LABELS))
]


class WorkspaceSettings(Model):
    """Settings for every memo and packet of a workspace."""

    paper: Paper = Field(default="letter", description="Paper size: letter or a4.")
    font_size: Decimal = Field(
        default=12.0,
        ge=9,
        le=14,
        allow_inf_nan=False,
        description="Body text size in points, 9-14 (house style: 12).",
    )
    tab_labels: TabLabels = Field(
        default="number",
        description="How attachments are labelled: number ('Tab 1', State) "
        "or letter ('TAB A', DoD).",
    )

    def tab_label(self, number: int) -> str:
        """The label of the ``number``-th tab (1-based): ``Tab 2`` or ``TAB B``; after
        ``TAB Z`` come ``TAB AA``, ``TAB AB``, as spreadsheet columns go.

        Raises:
            ValueError: ``number`` is below 1.
        """
        if number < 1:
            raise ValueError(f"tab {number} has no label")
        if self.tab_labels == "number":
            return f"Tab {number}"
        letters = ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("A") + rest) + letters
        return f"TAB {letters}"
