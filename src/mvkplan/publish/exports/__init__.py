"""Publishing as the authorities do: a tagged PDF and a Word file for consultation rounds.

Both build on the HTML rendering (``mvkplan.publish.render``) and need an optional extra:
``pip install 'mvkplan[pdf]'`` (WeasyPrint) or ``'mvkplan[docx]'`` (python-docx).
"""

from __future__ import annotations

PUBLISH_FORMATS = {"pdf": ".pdf", "docx": ".docx"}


class MissingExtra(Exception):
    """An optional dependency (``mvkplan[pdf]`` or ``mvkplan[docx]``) is not installed."""

    def __init__(self, extra: str, module: str) -> None:
        super().__init__(f"{module} is not installed (pip install 'mvkplan[{extra}]')")
        self.extra = extra
        self.module = module


__all__ = ["PUBLISH_FORMATS", "MissingExtra"]
