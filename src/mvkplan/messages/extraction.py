"""Which message keys the Python source uses: a Babel extraction method reading the syntax tree.

Babel's own ``python`` method reads tokens, and joins every string inside a call: it turns
``t("T304" if both else "T303")`` into one key ``T304T303`` and ``t(code + ".hint")`` into
``.hint``. Keys are identifiers, not sentences, so this method reads the parsed tree instead:
the first argument of ``t``, ``has`` and ``N_`` is a key when it is a string literal, or when
it is a conditional whose branches are (both are keys). A key built at run time
(``t(f"n.{noun}")``, ``t(exc.key)``) is named where it is defined, with ``N_("n.goal")``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any

KEYWORDS = ("t", "has", "N_", "say")
"""Functions whose first argument is a message key."""


def literal_keys(node: ast.expr) -> Iterator[str]:
    """The keys an argument names: a string literal, or each branch of a conditional."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from literal_keys(node.body)
        yield from literal_keys(node.orelse)


def called_name(call: ast.Call) -> str | None:
    """``t`` for ``t(…)`` and for ``i18n.t(…)``."""
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def keys_in(source: str | bytes, filename: str = "<source>") -> Iterator[tuple[int, str]]:
    """(line, key) of every key the source passes to ``t``, ``has`` or ``N_``."""
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call) and node.args and called_name(node) in KEYWORDS:
            for key in literal_keys(node.args[0]):
                yield node.lineno, key


def extract_keys(fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Sequence[str],
                 options: Mapping[str, Any]) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method: ``(line, function, key, comments)`` for each key used."""
    source = fileobj.read()
    for line, key in sorted(keys_in(source, getattr(fileobj, "name", "<source>"))):
        yield line, "t", key, []
