"""``mvkplan review``: mark suspect links reviewed, and move links out of superseded plans."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mvkplan.cli.app import (
    LangOption,
    PathsArgument,
    ProblemFormat,
    ProblemFormatOption,
    app,
    emit,
    fail,
    open_project,
    user_path,
)


@app.command()
def review(
    paths: PathsArgument = None,
    stamp_all: Annotated[bool, typer.Option("--all", help="Stämpla alla länkar / stamp every link to an "
                                                          "item, also those never reviewed.")] = False,
    retarget: Annotated[bool, typer.Option("--retarget", help="Flytta länkar till ersatta planer / move "
                                                              "links into superseded plans (asks first).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Fråga inte / do not ask before moving links.")] = False,
    fmt: ProblemFormatOption = ProblemFormat.text,
    lang: LangOption = None,
) -> None:
    """Granska länkar vars mål ändrats / mark links reviewed whose target was reworded.

    Writes the fingerprint of each suspect link's target as it reads now beside the link
    (nothing else in the file changes); --all stamps every link to an item. Links into a plan
    that a newer one supersedes are listed with the newer plan's matching goal; --retarget
    moves them after a question (--yes answers it). All files or none are written. Exit 0
    when no link is left suspect or in a superseded plan, 1 otherwise, 2 on usage errors.
    """
    from mvkplan.checks.validate import load_corpus
    from mvkplan.cycle.review import messages as _messages  # noqa: F401
    from mvkplan.cycle.review.apply import write_review
    from mvkplan.cycle.review.find import find_review
    from mvkplan.cycle.review.history import History
    from mvkplan.messages.i18n import count, t
    from mvkplan.messages.reporters import Report

    project = open_project(lang, named=paths)
    targets = [user_path(p).resolve() for p in paths or []]
    for target in targets:
        if not target.exists():
            fail(t("E402", path=target))
    corpus = load_corpus(project)
    documents = [d for d in corpus.loaded.documents if not d.shipped and (
        not targets or _under((project.root / d.path).resolve(), targets))]
    found = find_review(corpus.index, documents, stamp_all=stamp_all)
    history = History(project.root)
    for stamp in found.stamps:
        if not stamp.suspect:
            print(t("review.unreviewed", place=_place(stamp.link), target=stamp.link.target,
                    current=stamp.current, wording=_wording(stamp.target)))
            continue
        print(t("review.suspect", place=_place(stamp.link), target=stamp.link.target,
                reviewed=stamp.reviewed, current=stamp.current))
        old = history.old_wording(stamp.target, stamp.reviewed or "")
        print(t("review.was", wording=_quoted(old)) if old is not None else t("review.was_unknown"))
        print(t("review.now", wording=_wording(stamp.target)))
    for move in found.retargets:
        key = "review.superseded" if move.proposed else "review.unmatched"
        print(t(key, place=_place(move.link), target=move.link.target, old=move.link.target_document,
                new=move.successor, proposed=move.proposed.key if move.proposed else "",
                wording=_wording(move.proposed) if move.proposed else ""))
    moving = found.movable if retarget and found.movable and _confirmed(len(found.movable), yes) else []
    written = write_review(project.root, corpus.loaded.documents, found.stamps, moving)
    if written.problems:
        emit(Report(written.problems, len(documents)), fmt, project.root)
        raise typer.Exit(1)
    for path in written.paths:
        print(t("review.wrote", path=path))
    left = len(found.retargets) - len(moving)
    if found.retargets and not moving:
        print(t("review.declined" if retarget else "review.retarget_hint"))
    print(t("review.summary", reviewed=count(len(found.stamps), "link"), moved=count(len(moving), "link"),
            left=count(left, "link")))
    raise typer.Exit(1 if left else 0)


def _under(path: Path, targets: list[Path]) -> bool:
    return any(path == target or target in path.parents for target in targets)


def _place(link: object) -> str:
    return f"{link.file}:{link.line}:{link.column}"  # type: ignore[attr-defined]


def _wording(item: object) -> str:
    from mvkplan.index.review import wording

    return _quoted(wording(item))  # type: ignore[arg-type]


def _quoted(wording: str) -> str:
    return "«" + wording.replace("\n", " / ") + "»"


def _confirmed(count: int, yes: bool) -> bool:
    """Whether to move the links: --yes, or a yes typed at the question (never without either)."""
    from mvkplan.messages.i18n import t

    if yes:
        return True
    try:  # no terminal and no answer (end of input) is a no
        return typer.confirm(t("review.confirm", count=count), default=False)
    except typer.Abort:
        return False
