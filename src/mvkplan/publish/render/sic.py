"""Known errors of the source, marked [sic] where they are printed.

One rule for every document and format: the text is printed as printed. The normal render
follows each known error (a document's ``sic:`` entries) with " [sic]" and gives the
correction in a note of the tool's; ``--plain`` marks none, since it is the adopted text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MARK = " [sic]"

# What is not text: the raw text of <style> and <script> (the page's stylesheet is hashed in
# its security policy, and a comment there may quote a word of a plan), HTML comments, tags
# (HTML, and the anchors of the Markdown render) and Markdown link targets. Only the text
# between them is marked.
_NOT_TEXT = re.compile(
    r"(<style\b[^>]*>.*?</style\s*>|<script\b[^>]*>.*?</script\s*>|<!--.*?-->|<[^>]*>|\]\([^)]*\))",
    re.IGNORECASE | re.DOTALL,
)


def _pattern(printed: str) -> re.Pattern[str]:
    """The printed words, however the render breaks lines between them, not already marked."""
    words = r"\s+".join(re.escape(word) for word in printed.split())
    return re.compile(rf"(?<!\w){words}(?!\w)(?!\s*\[sic\])", re.IGNORECASE)


def mark_sic(text: str, printed: Sequence[str]) -> str:
    """``text`` with each place one of ``printed`` stands followed by " [sic]"."""
    if not printed:
        return text
    patterns = [_pattern(p) for p in printed]
    parts = _NOT_TEXT.split(text)
    for i in range(0, len(parts), 2):  # the odd parts are tags and link targets
        for pattern in patterns:
            parts[i] = pattern.sub(lambda m: m.group(0) + MARK, parts[i])
    return "".join(parts)
