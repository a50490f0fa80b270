"""Keeping the message catalogs: ``python -m mvkplan.messages.catalogs extract|update|compile|check|absorb``.

The template ``locale/mvkplan.pot`` is extracted from the source with Babel (every key given to
``t``, ``has`` or ``N_``, see :mod:`mvkplan.messages.extraction`); ``update`` brings the ``sv``
and ``en`` catalogs in line with it (a new key gets an empty text, a dropped one is removed) and
writes each English text as a comment above its Swedish entry, for the translator; ``compile``
writes the ``.mo`` files the program reads (the build does the same); ``check`` lists every
way the catalogs disagree with the source or each other; ``absorb`` moves a module's
``MESSAGES = {key: (English, Swedish)}`` pairs into the catalogs. Needs Babel (``mvkplan[test]``).
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import string
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from mvkplan.messages.extraction import KEYWORDS
from mvkplan.messages.translations import DOMAIN, LANGUAGES, LOCALE, catalog_file, compile_po

PACKAGE = Path(__file__).resolve().parents[1]
"""The source extracted: ``src/mvkplan``."""
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
METHOD = "mvkplan.messages.extraction:extract_keys"
ENGLISH = "English: "
"""How a Swedish entry's comment starts; the rest is the English text."""
WIDTH = 100
# A fixed date keeps the files byte for byte the same when nothing changed (git shows no noise).
STAMP = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Issue:
    """One way the catalogs are wrong: which file, which key, what."""

    file: str
    key: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.what}"


def new_catalog(locale: str | None = None) -> Catalog:
    """An empty catalog with mvkplan's header."""
    return Catalog(locale=locale, domain=DOMAIN, project="mvkplan", version="",
                   copyright_holder="mvkplan contributors", msgid_bugs_address="",
                   creation_date=STAMP, revision_date=STAMP, fuzzy=False)


def extract(package: Path = PACKAGE) -> Catalog:
    """A fresh template: every key the source uses, with the files that use it (no lines)."""
    template = new_catalog()
    found = extract_from_dir(str(package), method_map=[("**.py", METHOD)],
                             keywords=dict.fromkeys(KEYWORDS))
    for filename, _line, key, _comments, _context in found:
        # No line numbers: an edit elsewhere in a file must not change the template.
        where: Any = (f"mvkplan/{Path(filename).as_posix()}", None)
        if key in template:
            message = template[key]
            if where not in message.locations:
                message.locations.append(where)
        else:
            template.add(key, locations=[where])
    return template


def read(path: Path, locale: str | None = None) -> Catalog:
    """A ``.po`` or ``.pot`` file, read with Babel."""
    with path.open("rb") as source:
        return read_po(source, locale=locale, abort_invalid=True)


def write(path: Path, catalog: Catalog) -> None:
    """Write a catalog (locations without line numbers, so edits elsewhere do not churn it)."""
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def po_file(language: str, locale: Path = LOCALE) -> Path:
    """``locale/<language>/LC_MESSAGES/mvkplan.po``."""
    return catalog_file(language, ".po", locale)


def comment_english(swedish: Catalog, english: Catalog) -> None:
    """Write each English text as the translator comment of its Swedish entry."""
    for message in swedish:
        if not message.id:
            continue
        source = english.get(message.id)
        start = next((i for i, c in enumerate(message.user_comments) if c.startswith(ENGLISH)), None)
        others = message.user_comments[:start]
        text = source.string if source is not None and isinstance(source.string, str) else ""
        # One comment line per line of text: a line break inside a comment would end it.
        message.user_comments = [*others, ENGLISH + " ".join(text.split())]


def english_comment(message: Message) -> str:
    """The English text a Swedish entry's comment shows (white space collapsed: comments wrap)."""
    comments = message.user_comments
    start = next((i for i, line in enumerate(comments) if line.startswith(ENGLISH)), None)
    if start is None:
        return ""
    # Babel wraps a long comment over several lines; the English runs to the end.
    return " ".join(" ".join(comments[start:]).removeprefix(ENGLISH).split())


def update(locale: Path = LOCALE) -> None:
    """Bring both ``.po`` in line with the template (new keys empty, dropped ones removed)."""
    template = read(locale / f"{DOMAIN}.pot")
    catalogs = {}
    for language in LANGUAGES:
        catalog = read(po_file(language, locale), language)
        # Keys are names, not sentences: matching a new key to a similar old one would only
        # offer a wrong text, marked fuzzy; a new key starts empty instead.
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.obsolete.clear()
        catalog.revision_date = STAMP
        catalogs[language] = catalog
    comment_english(catalogs["sv"], catalogs["en"])
    for language, catalog in catalogs.items():
        write(po_file(language, locale), catalog)
    refresh_compiled(locale)


def absorb(pairs: Mapping[str, tuple[str, str]], locale: Path = LOCALE) -> list[str]:
    """Put ``key → (English, Swedish)`` pairs into both ``.po`` (replacing a key's old text).

    Returns the keys the template does not know yet: the code must name them (``t("key")`` or
    ``N_("key")``) before ``extract`` and ``update``, or ``update`` drops them again.
    """
    template = read(locale / f"{DOMAIN}.pot")
    catalogs = {language: read(po_file(language, locale), language) for language in LANGUAGES}
    for key, (english, swedish) in pairs.items():
        for language, text in (("en", english), ("sv", swedish)):
            found = catalogs[language].get(key)
            if found is None:
                catalogs[language].add(key, text)
            else:
                found.string = text
                found.flags.discard("fuzzy")
    comment_english(catalogs["sv"], catalogs["en"])
    for language, catalog in catalogs.items():
        write(po_file(language, locale), catalog)
    refresh_compiled(locale)
    return [key for key in pairs if key not in template]


def pairs_in(path: Path, name: str = "MESSAGES", prefix: str = "") -> dict[str, tuple[str, str]]:
    """The literal ``name = {key: (English, Swedish)}`` of a Python file, keys prefixed."""
    for node in ast.parse(path.read_text(encoding="utf-8"), str(path)).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        value = getattr(node, "value", None)
        if isinstance(target, ast.Name) and target.id == name and value is not None:
            found = ast.literal_eval(value)
            return {prefix + key: (english, swedish) for key, (english, swedish) in found.items()}
    raise SystemExit(f"{path}: no literal {name} = {{…}}")


def refresh_compiled(locale: Path = LOCALE) -> None:
    """Compile again the ``.mo`` a build or a run left beside the ``.po`` (none are made here)."""
    if any(catalog_file(language, ".mo", locale).exists() for language in LANGUAGES):
        compile_all(locale)


def replace_pairs(path: Path, name: str = "MESSAGES", prefix: str = "") -> None:
    """Rewrite ``name = {key: (English, Swedish)}`` in ``path`` as ``KEYS = (N_("key"), …)``.

    After :func:`absorb` the words are in the catalogs; the module keeps only the keys, marked
    for extraction, so that ``update`` keeps them.
    """
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text, str(path))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        if isinstance(target, ast.Name) and target.id == name and isinstance(node, ast.Assign | ast.AnnAssign):
            keys = pairs_in(path, name, prefix)
            lines = text.splitlines(keepends=True)
            block = "KEYS = (\n" + "".join(f"    N_({json.dumps(key, ensure_ascii=False)}),\n" for key in keys) + ")\n"
            lines[node.lineno - 1:node.end_lineno] = [block]
            text = "".join(lines)
            break
    else:
        raise SystemExit(f"{path}: no literal {name} = {{…}}")
    marker = "from mvkplan.messages.i18n import N_\n"
    if marker not in text:
        after = text.index("from __future__ import annotations\n") + len("from __future__ import annotations\n") \
            if "from __future__ import annotations\n" in text else 0
        text = text[:after] + "\n" + marker + text[after:]
    path.write_text(text, encoding="utf-8")


def compile_all(locale: Path = LOCALE, into: Path | None = None) -> list[Path]:
    """Write the ``.mo`` of each language (beside its ``.po``, or under ``into``)."""
    written = []
    for language in LANGUAGES:
        target = catalog_file(language, ".mo", into or locale)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compile_po(po_file(language, locale)))
        written.append(target)
    return written


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a ``str.format`` text fills in."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def key_of(message: Message) -> str:
    """A message's msgid (mvkplan has no plural msgids)."""
    return message.id if isinstance(message.id, str) else message.id[0]


def _entries(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Key → the files that use it."""
    return {key_of(m): tuple(sorted(str(path) for path, _ in m.locations)) for m in catalog if m.id}


def check(locale: Path = LOCALE, package: Path = PACKAGE) -> list[Issue]:
    """Every disagreement between the source, the template and the two catalogs."""
    issues = []
    template_file = locale / f"{DOMAIN}.pot"
    committed, fresh = read(template_file), extract(package)
    old, new = _entries(committed), _entries(fresh)
    for key in sorted(new.keys() - old.keys()):
        issues.append(Issue(template_file.name, key, "used in the source, not in the template (run extract)"))
    for key in sorted(old.keys() - new.keys()):
        issues.append(Issue(template_file.name, key, "in the template, no longer in the source (run extract)"))
    for key in sorted(old.keys() & new.keys()):
        if old[key] != new[key]:
            issues.append(Issue(template_file.name, key, "used in other files than the template says (run extract)"))
    catalogs = {language: read(po_file(language, locale), language) for language in LANGUAGES}
    for language, catalog in catalogs.items():
        issues.extend(_check_catalog(language, catalog, committed, locale))
    issues.extend(_check_pairs(catalogs["en"], catalogs["sv"]))
    return issues


def _check_catalog(language: str, catalog: Catalog, template: Catalog, locale: Path) -> Iterable[Issue]:
    name = f"{language}/{po_file(language, locale).name}"
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        if found is None:
            yield Issue(name, key_of(message), "missing (run update)")
        elif not found.string:
            yield Issue(name, key_of(message), "not translated")
        elif found.fuzzy:
            yield Issue(name, key_of(message), "fuzzy: check the text and remove the flag")
    for message in catalog:
        if message.id and message.id not in template:
            yield Issue(name, key_of(message), "not in the template (run update)")
    for key in catalog.obsolete:
        yield Issue(name, str(key), "obsolete entry (run update)")
    mo = catalog_file(language, ".mo", locale)
    if mo.exists() and mo.read_bytes() != compile_po(po_file(language, locale)):
        yield Issue(f"{language}/{mo.name}", "", "stale: differs from a compile of the .po (run compile)")


def _check_pairs(english: Catalog, swedish: Catalog) -> Iterable[Issue]:
    for message in swedish:
        source = english.get(message.id) if message.id else None
        if source is None or not isinstance(message.string, str) or not isinstance(source.string, str):
            continue
        if placeholders(message.string) != placeholders(source.string):
            yield Issue("sv", key_of(message), f"placeholders {sorted(placeholders(message.string))} differ from "
                        f"the English {sorted(placeholders(source.string))}")
        if english_comment(message) != " ".join(source.string.split()):
            yield Issue("sv", key_of(message), "the English comment is not the English text (run update)")


def main(argv: list[str] | None = None) -> int:
    """The command line: 0 done (or clean), 1 issues found."""
    parser = argparse.ArgumentParser(prog="python -m mvkplan.messages.catalogs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help="write locale/mvkplan.pot from the source")
    commands.add_parser("update", help="bring sv and en .po in line with the .pot")
    commands.add_parser("compile", help="write the .mo files beside the .po")
    commands.add_parser("check", help="list what is missing, untranslated, obsolete or stale")
    absorbing = commands.add_parser("absorb", help="move a module's MESSAGES pairs into the .po files")
    absorbing.add_argument("file", type=Path, help="a Python file with a literal MESSAGES = {key: (en, sv)}")
    absorbing.add_argument("--name", default="MESSAGES", help="the dict's name (default MESSAGES)")
    absorbing.add_argument("--prefix", default="", help="put before each key, e.g. 'MVK027.'")
    absorbing.add_argument("--replace", action="store_true",
                           help="then rewrite the dict in the file as KEYS = (N_('key'), ...)")
    args = parser.parse_args(argv)
    if args.command == "extract":
        write(TEMPLATE, extract())
    elif args.command == "update":
        update()
    elif args.command == "compile":
        for path in compile_all():
            print(path)
    elif args.command == "absorb":
        unknown = absorb(pairs_in(args.file, args.name, args.prefix))
        if args.replace:
            replace_pairs(args.file, args.name, args.prefix)
            unknown = []
        for key in unknown:
            print(f"{key}: not named in the source yet; use t({key!r}) or N_({key!r}), then extract "
                  "and update", file=sys.stderr)
    else:
        issues = check()
        for issue in issues:
            print(issue)
        return 1 if issues else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
