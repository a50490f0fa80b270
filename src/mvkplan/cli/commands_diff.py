"""``mvkplan diff``: what changed between two plans, or one plan across git revisions."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mvkplan.cli.app import LangOption, app, fail, open_project
from mvkplan.messages.i18n import N_

if TYPE_CHECKING:
    from mvkplan.checks.validate import Corpus
    from mvkplan.models import DocumentBase
    from mvkplan.project.config import Project

# Keys of this command looked up at run time (the words are in mvkplan/messages/locale).
RUNTIME_KEYS = (
    N_("diff.rev.bad"),
    N_("diff.rev.large"),
    N_("diff.rev.missing"),
    N_("diff.rev.nogit"),
    N_("diff.rev.norepo"),
    N_("diff.rev.range"),
    N_("diff.rev.read"),
    N_("diff.rev.unknown"),
    N_("diff.unknown"),
)


class DiffFormat(str, Enum):
    """Formats of ``mvkplan diff``."""

    text = "text"
    md = "md"
    html = "html"
    json = "json"


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="Dokumentet att jämföra från (t.ex. kalmar-2021), eller "
                                            "dokumentet att följa med --rev.", show_default=False)],
    new: Annotated[str | None, typer.Argument(help="Dokumentet att jämföra med (t.ex. kalmar-2024).",
                                              show_default=False)] = None,
    rev: Annotated[str | None, typer.Option(
        "--rev", help="Git-revision: REV jämför REV med arbetskopian, REV..REV två revisioner.",
        show_default=False)] = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="text, md, html eller json.")]
    = DiffFormat.text,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Fil att skriva (standard: "
                                               "standard ut).", show_default=False)] = None,
    lang: LangOption = None,
) -> None:
    """Visa vad som ändrats mellan två planer eller versioner / what changed between plans."""
    from mvkplan.checks.validate import load_corpus
    from mvkplan.messages.i18n import get_language, t
    from mvkplan.views.consultation import change_labels
    from mvkplan.views.diff import diff_in_index

    project = open_project(lang)
    if (rev is None) == (new is None):
        fail(t("diff.arguments"))
    corpus = load_corpus(project)
    # the consultation responses whose decisions changed the plan: between a draft and the plan
    # adopted after it, or one plan from the revision sent out to the one adopted
    behind = change_labels(corpus.index, old, new or old)
    # the HTML form is a page of the site, Swedish like the plans; the others follow the run
    language = "sv" if fmt.value == "html" else get_language()
    if rev is None:
        assert new is not None
        before, after = _model(corpus, old), _model(corpus, new)
        result = diff_in_index(corpus.index, before, after, behind=behind, language=language)
    else:
        before, after, labels = _revisions(project, corpus, old, rev, language)
        result = diff_in_index(corpus.index, before, after, old_label=labels[0], new_label=labels[1],
                               behind=behind, language=language)
    text = _format(corpus, result, before, after, fmt.value)
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    # a folder (existing, or ending in '/') gets a file named after what was compared
    name = f"{old}-{new}" if new is not None else f"{old}-diff"
    _write(project, output, text, f"{name}.{'txt' if fmt.value == 'text' else fmt.value}")


def _model(corpus: Corpus, document: str) -> DocumentBase:
    from mvkplan.cli.commands_render import _require_document

    _require_document(corpus, document)
    return corpus.index.documents[document].model


def _revisions(project: Project, corpus: Corpus, document: str, spec: str,
               language: str) -> tuple[DocumentBase, DocumentBase, tuple[str, str]]:
    """The document at the old revision, and at the new one (or in the working tree)."""
    from mvkplan.messages.i18n import Wording, t
    from mvkplan.views.diff.revisions import RevisionError, split_range

    current = _model(corpus, document)
    loaded = corpus.index.documents[document]
    if loaded.shipped:
        fail(t("diff.rev.shipped", id=document))
    path = project.root / loaded.path
    try:
        old_rev, new_rev = split_range(spec)
    except RevisionError as exc:
        fail(t(exc.key, **exc.values))
    before = _at_revision(path, document, old_rev)
    after = _at_revision(path, document, new_rev) if new_rev else current
    say = Wording(language)
    new_label = new_rev or say("diff.working_copy")
    return before, after, (f"{document} @ {old_rev}", f"{document} @ {new_label}")


def _at_revision(path: Path, document: str, revision: str) -> DocumentBase:
    from mvkplan.loading.validation import load_bytes
    from mvkplan.messages.i18n import t
    from mvkplan.views.diff.revisions import RevisionError, read_at_revision

    try:
        data = read_at_revision(path, revision)
    except RevisionError as exc:
        fail(t(exc.key, **exc.values))
    loaded, problems = load_bytes(data, f"{revision}:{path.name}")
    if loaded is None:
        first = problems[0] if problems else None
        detail = f"{first.line}:{first.column}: {first.code} {first.message}" if first else "?"
        fail(t("diff.invalid", id=document, rev=revision, detail=detail))
    return loaded.model


def _format(corpus: Corpus, result: object, before: DocumentBase, after: DocumentBase, fmt: str) -> str:
    from mvkplan.publish.diff.formats import FORMATTERS
    from mvkplan.publish.diff.page import render_diff_page
    from mvkplan.publish.render.environment import make_environment
    from mvkplan.publish.render.views import LinkView
    from mvkplan.views.diff.model import DocumentDiff

    assert isinstance(result, DocumentDiff)
    if fmt != "html":
        return FORMATTERS[fmt](result)
    env = make_environment("html")
    return render_diff_page(env, result, before, old_link=LinkView(result.old_label),
                            new_link=LinkView(result.new_label))


def _write(project: Project, output: str, text: str, name: str) -> None:
    from mvkplan.cli.commands_render import _output_path, _shown
    from mvkplan.cli.commands_render import _write as write
    from mvkplan.messages.i18n import t

    target = _output_path(project, output, output, name)
    write(target, text.encode("utf-8"))
    print(t("diff.written", path=_shown(target, project.root)), file=sys.stderr)


