"""Which words of a run's output are English (or Swedish) words that should not be there.

"English word" is defined from the words the program itself can say, so the test fails on a
real leak and never on plan content, ids, paths or option names:

- the *English vocabulary*: every word of the English side of the message catalogs (messages and
  help texts) and of the English rule documentation and of the
  command-line library's own user-facing strings (read from Typer's source, not copied here);
- minus every word that is also Swedish: the Swedish side of the same tables, the Swedish rule
  documentation, and the words of the shipped plans, frameworks and catalogs (plan content may
  quote English names such as "Mentors in Violence Prevention").

A token counts only if it is a plain word of letters: option names (``--dry-run``), ids
(``kalmar-2024``), paths, file names, codes and numbers are never words. The mirror (Swedish
words in an English run) uses the Swedish vocabulary minus every English word.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import mvkplan

REPO = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STRIP = "'\"“”‘’«»()[]{}<>.,:;!?…*|·•→✓✗+=#`"
# Typer's modules that hold what a user of a Typer program reads (help, errors, aborts).
# Words of a command line shown to be typed, the same in every language.
SHELL_WORDS = frozenset({"cd", "git", "pip", "python", "mvkplan"})
_LIBRARY_FILES = ("rich_utils.py", "core.py", "_param_types.py", "_coercion.py",
                  "_click/exceptions.py", "_click/parser.py", "_click/core.py", "_click/formatting.py")


def words(text: str) -> set[str]:
    """The plain words of ``text``, lower case (no ids, paths, options, codes or numbers)."""
    found: set[str] = set()
    for raw in re.split(r"[\s│┃╭╮╰╯─━┏┓┗┛┡┩┠┨╇╈┯┷┼═]+", text):
        token = raw.strip(_STRIP)
        if not token or token.startswith("-") or re.search(r"[-/_.=@\\\d%$&~^]", token):
            continue
        if _WORD.fullmatch(token):
            found.add(token.lower())
    return found


@cache
def message_pairs() -> tuple[tuple[str, str], ...]:
    """Every (English, Swedish) pair the program holds: the catalogs, and the rules' own texts."""
    from mvkplan.messages.i18n import MESSAGES

    pairs: list[tuple[str, str]] = [MESSAGES[key] for key in MESSAGES]
    pairs += _rule_documentation()
    return tuple(pairs)


def _rule_documentation() -> list[tuple[str, str]]:
    from mvkplan.checks.rules import RULES
    from mvkplan.checks.rules.docs_sv import DOCS_SV, OPTIONS_SV

    pairs = [(rule.doc, DOCS_SV.get(rule.code, "")) for rule in RULES]
    for rule in RULES:
        described = rule.options.descriptions() if rule.options else {}
        for name in (rule.options.model_fields if rule.options else {}):
            pairs.append((described.get(name, ""), OPTIONS_SV.get((rule.code, name), "")))
    return pairs


@cache
def library_texts() -> tuple[str, ...]:
    """The strings Typer (and the Click it carries) print to a user, read from their source."""
    import typer

    root = Path(typer.__file__).parent
    texts: list[str] = []
    for name in _LIBRARY_FILES:
        path = root / name
        if not path.exists():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_" and node.args:
                texts.extend(_constants(node.args[0]))
            elif isinstance(node, ast.JoinedStr):
                texts.extend(_constants(node))
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                  and " " in node.value.strip() and node.value[:1].isupper()):
                texts.append(node.value)
    return tuple(texts)


def _constants(node: ast.AST) -> Iterable[str]:
    return [sub.value for sub in ast.walk(node) if isinstance(sub, ast.Constant) and isinstance(sub.value, str)]


@cache
def content_words() -> frozenset[str]:
    """The words of the shipped plans, frameworks and catalogs."""
    found: set[str] = set()
    for folder in (REPO / "plans", Path(mvkplan.__file__).parent / "data"):
        for path in folder.rglob("*.yaml"):
            found |= words(path.read_text(encoding="utf-8"))
    return frozenset(found)


@cache
def english_only() -> frozenset[str]:
    """Words that are English and not Swedish, nor a word of the shipped content."""
    english: set[str] = set()
    for text in [english for english, _ in message_pairs()] + list(library_texts()):
        english |= words(text)
    return frozenset(english - swedish_vocabulary() - content_words() - SHELL_WORDS)


@cache
def swedish_vocabulary() -> frozenset[str]:
    """Every word of the Swedish side of the program's messages."""
    found: set[str] = set()
    for _, swedish in message_pairs():
        found |= words(swedish)
    return frozenset(found)


@cache
def swedish_only() -> frozenset[str]:
    """Words of Swedish messages that are not English words of the program."""
    english: set[str] = set()
    for text in [english for english, _ in message_pairs()] + list(library_texts()):
        english |= words(text)
    return frozenset(swedish_vocabulary() - english)


def english_words_in(output: str, given: Iterable[str] = ()) -> list[str]:
    """The English words of :func:`english_only` in ``output``, sorted; the words of the
    arguments ``given`` (a folder the user named, printed back) do not count."""
    return sorted((words(output) - words(" ".join(given))) & english_only())


def swedish_words_in(output: str, given: Iterable[str] = ()) -> list[str]:
    """The Swedish words of :func:`swedish_only` in ``output``, sorted (as above)."""
    return sorted((words(output) - words(" ".join(given))) & swedish_only())
