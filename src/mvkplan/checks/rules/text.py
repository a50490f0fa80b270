"""The text values of one document, searched cheaply and located only where something is found.

Text rules look for rare things (placeholders, contact details, regulation codes) in every
text value, and most documents hold none. So a rule asks in two steps, each of which only
narrows what the next looks at, never what is found:

1. :class:`Source`: could any value of the file hold a match at all? One pass of a pattern
   over the file's bytes (a superset of every way the value can be written), no parsing.
2. :class:`DocumentText`: which values hold a *trigger*, something every match of the rule's
   own pattern contains? The values are joined once per document and searched together.

Only the values that pass are searched with the rule's own pattern, so a rule finds exactly
what searching every value would find. Paths are computed, and positions looked up in the
source, only for the values a rule reports.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mvkplan.loading.documents import LoadedDocument

Path_ = tuple[str | int, ...]
SEPARATOR = "\n"
"""Between the values in the joined text: a trigger must never match it."""
LOOKALIKES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
"""The characters other than ASCII letters that a pattern with IGNORECASE takes for an ASCII
letter (İ ı ſ K: ``(?i)s`` matches 'ſ'). A text holding none of them for the letters of a word
holds the word ignoring case exactly when its UTF-8, with ASCII letters lowered, holds it
(non-ASCII characters never encode to ASCII bytes)."""


class Source:
    """A document's file as bytes, to tell without parsing that no value holds something.

    Between a file and its values stand only quoting and line folding (a line break and
    indentation become a space), unless a double-quoted value uses escapes, which may write
    any character: a file with a backslash may hold anything.
    """

    def __init__(self, data: bytes | None) -> None:
        self.data = data
        """The bytes as read now; None when the file cannot be read any more."""

    @cached_property
    def lowered(self) -> bytes:
        """The bytes with ASCII letters lowered."""
        return (self.data or b"").lower()

    def may_match(self, *patterns: re.Pattern[bytes], lowered: bool = False) -> bool:
        """Whether one of ``patterns`` matches the bytes (or the lowered bytes), or escapes or
        an unreadable file leave it open."""
        if self.data is None or b"\\" in self.data:
            return True
        data = self.lowered if lowered else self.data
        return any(pattern.search(data) for pattern in patterns)

    def may_hold(self, character: bytes) -> bool:
        """Whether a value may hold ``character`` (an ASCII byte; found faster than a pattern)."""
        return self.data is None or b"\\" in self.data or character in self.data


def source_words(words: Iterable[str]) -> tuple[re.Pattern[bytes], ...]:
    """Patterns for a file's lowered bytes (:meth:`Source.may_match`) of which one matches
    wherever a value could hold one of ``words`` (lowercase ASCII) ignoring case: a space in a
    word may be any run of white space (a folded line break), a letter may be a look-alike.
    One pattern a word: each starts with a plain character, which the engine finds fast."""
    patterns = []
    for word in words:
        parts = []
        for c in word:
            if c == " ":
                parts.append(rb"[\s\x80-\xff]+")  # YAML 1.1 also breaks lines at NEL, LS and PS
            elif c in LOOKALIKES:
                spellings = (c, *LOOKALIKES[c])
                parts.append(b"(?:" + b"|".join(re.escape(x.encode()) for x in spellings) + b")")
            else:
                parts.append(re.escape(c.encode()))
        patterns.append(re.compile(b"".join(parts)))
    return tuple(patterns)


class DocumentText:
    """Every text value of a document in document order (keys excluded), and where each stands."""

    def __init__(self, document: LoadedDocument, data: dict[str, object]) -> None:
        self.document = document
        self.data = data
        self.values: list[str] = []
        """The values as strings; a null (``~``, ``null``, nothing) stands as ''."""
        self.nulls: set[int] = set()
        """Indices of the null values (see :meth:`written`)."""
        _collect(data, self.values, self.nulls)
        self.joined = SEPARATOR.join(self.values)
        self._paths: list[Path_] | None = None

    def holding(self, *triggers: re.Pattern[str]) -> list[int]:
        """Indices (in order) of the non-null values in which a trigger finds a match.

        A trigger must never match a line break (the values are searched joined by line
        breaks) and must treat a line break before it as the start of a value.
        """
        positions = [m.start() for trigger in triggers for m in trigger.finditer(self.joined)]
        return self._indices(positions) if positions else []

    def holding_words(self, words: Iterable[str]) -> list[int]:
        """Indices (in order) of the non-null values holding one of ``words`` ignoring case.

        The words are lowercase ASCII; a value holds one as a pattern with IGNORECASE would
        find it. When that cannot be told cheaply, every non-null value is returned.
        """
        words = tuple(words)
        joined = self.joined
        letters = {c for word in words for c in word}
        if any(c in joined for letter in letters & LOOKALIKES.keys() for c in LOOKALIKES[letter]):
            return self._non_null()  # only the patterns themselves can tell
        folded = joined.encode("utf-8", "surrogatepass").lower()
        if not any(word.encode() in folded for word in words):
            return []
        lowered = joined.lower()
        if len(lowered) != len(joined):  # a character lowered into several: positions shift
            return self._non_null()
        positions = []
        for word in words:
            at = lowered.find(word)
            while at >= 0:
                positions.append(at)
                at = lowered.find(word, at + 1)
        return self._indices(positions)

    def path(self, index: int) -> Path_:
        """Where value ``index`` stands in the document (keys and list indices)."""
        if self._paths is None:
            self._paths = []
            _collect_paths(self.data, (), self._paths)
        return self._paths[index]

    def written(self, index: int) -> str:
        """Value ``index`` as written; for a null, its spelling in the source (parsed again)."""
        if index not in self.nulls:
            return self.values[index]
        from mvkplan.source.nodes import ScalarNode

        node = self.document.node_at(self.path(index))
        return node.value if isinstance(node, ScalarNode) else ""

    def _non_null(self) -> list[int]:
        return [i for i in range(len(self.values)) if i not in self.nulls]

    @cached_property
    def _starts(self) -> list[int]:
        """Where each value starts in the joined text."""
        return list(accumulate((len(value) + 1 for value in self.values), initial=0))

    def _indices(self, positions: list[int]) -> list[int]:
        starts = self._starts
        return sorted({bisect_right(starts, at) - 1 for at in positions} - self.nulls)


def _collect(container: dict[str, object] | list[object], values: list[str], nulls: set[int]) -> None:
    for value in container.values() if isinstance(container, dict) else container:
        if type(value) is str:
            values.append(value)
        elif isinstance(value, dict | list):
            _collect(value, values, nulls)
        elif value is None:
            nulls.add(len(values))
            values.append("")
        else:  # plain data holds only text and nulls; anything else is read as its text
            values.append(str(value))


def _collect_paths(container: dict[str, object] | list[object], path: Path_, paths: list[Path_]) -> None:
    pairs: Iterable[tuple[str | int, object]] = (
        container.items() if isinstance(container, dict) else enumerate(container))
    for key, value in pairs:
        if isinstance(value, dict | list):
            _collect_paths(value, (*path, key), paths)
        else:
            paths.append((*path, key))
