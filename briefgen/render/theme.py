"""The theme layer: one stylesheet for the page furniture, the workspace's stylesheets on
top of it, and the workspace settings last.

The HTML templates receive the result as ``css``. Its order is the point:

1. ``base.css``: marking banners, running heads, "Page i of N" (:data:`BASE_CSS`);
2. the memo's own stylesheets (``memo.css``, and ``packet.css`` for packets), looked up
   per file like every template, so a workspace may replace them: rules there restyle
   the furniture, and a replaced ``memo.css`` that says nothing about it leaves it whole;
3. the paper size and body font size of ``briefgen.yaml``, which win over both.
"""

from __future__ import annotations

from markupsafe import Markup

from briefgen.render.templates import TemplateSet
from briefgen.schema.settings import WorkspaceSettings

BASE_CSS = "base.css"


def settings_css(settings: WorkspaceSettings) -> str:
    """The CSS of ``briefgen.yaml``: ``@page { size: a4; }`` and the body font size (pt)."""
    return (
        "/* briefgen.yaml */\n"
        f"@page {{ size: {settings.paper}; }}\n"
        f"@page landscape {{ size: {settings.paper} landscape; }}\n"
        f"html {{ font-size: {settings.font_size:g}pt; }}\n"
    )


def stylesheet(
    templates: TemplateSet, names: tuple[str, ...], settings: WorkspaceSettings
) -> Markup:
    """The complete stylesheet of a memo or packet, in the order above.

    Args:
        templates: where ``base.css`` and ``names`` are looked up.
        names: the stylesheets between the base and the settings (``memo.css``, ...).
        settings: the workspace's settings.

    Returns:
        The CSS, marked safe for the ``<style>`` element of the HTML templates.

    Raises:
        TemplateError: a stylesheet is missing from every template folder.
    """
    parts = [templates.read(BASE_CSS), *(templates.read(name) for name in names)]
    return Markup("\n".join([*parts, settings_css(settings)]))
