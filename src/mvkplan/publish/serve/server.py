"""``mvkplan serve``: build the site into a temporary folder, serve it on localhost and
rebuild whenever a plan, the configuration or a template is saved.

The site is built with the same library function as ``mvkplan build``; documents with errors
are published with their banner, and every HTML page the preview serves carries the latest
build's errors at the top, so the author sees them without switching to a terminal.
File changes come from watchfiles (native file-system events), not from polling by hand.
Between saves the project stays loaded (:mod:`mvkplan.publish.serve`): a save reloads the files it
changed, checks again what they concern and renders the pages they change, giving the site
:func:`build_preview` gives from scratch.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from html import escape
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote_to_bytes

from mvkplan.checks.gate import blocking, errors_by_document, one_line
from mvkplan.messages.i18n import count, t
from mvkplan.messages.problems import Problem
from mvkplan.project.config import ConfigError, Project, find_project
from mvkplan.publish.serve.reload import SCRIPT, SCRIPT_PATH, VERSION_PATH, with_reload
from mvkplan.publish.serve.site import LiveSite

_MAIN = '<main id="mvk-main" class="wrap" tabindex="-1">'


@dataclass
class Outcome:
    """What the latest build produced."""

    pages: int = 0
    errors: list[Problem] = field(default_factory=list)
    failure: str | None = None
    """Why nothing could be built (configuration or template error), if so."""

    def banner(self) -> str:
        """HTML listing the build's errors, or '' when there are none."""
        if not self.errors and not self.failure:
            return ""
        lines = ([self.failure] if self.failure else []) + [one_line(p) for p in self.errors]
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        count = len(lines)
        heading = f"Förhandsvisningen: {count} fel" if count != 1 else "Förhandsvisningen: 1 fel"
        return (f'<div class="errors-banner" role="alert" id="mvk-preview-errors"><p><strong>'
                f"{heading}</strong> (sidan byggs om när du sparar)</p><ul>{items}</ul></div>")


def build_preview(root: Path, out: Path, templates: Path | None = None,
                  state: Path | None = None) -> Outcome:
    """Re-read the project at ``root``, check it (validate and lint) and build the site into
    ``out``; with ``state`` (the record of the last build) only the pages that changed."""
    from mvkplan.checks.check import check
    from mvkplan.checks.common import LintConfigError
    from mvkplan.loading.cache import FOLDER
    from mvkplan.publish.render.dates import last_updated
    from mvkplan.publish.render.document import RenderError
    from mvkplan.publish.render.incremental import compiled_folder, rebuild
    from mvkplan.publish.render.paths import UnsafePathError
    from mvkplan.publish.render.search import SearchError
    from mvkplan.publish.render.sitepages import site_options

    try:
        project = find_project(root)
    except ConfigError as exc:
        return Outcome(failure=str(exc))
    try:
        result = check(project)  # lint errors too: a preview is where placeholders should show
    except LintConfigError as exc:
        return Outcome(failure=exc.message)
    corpus, errors = result.corpus, blocking(result.problems)
    folder = templates or (project.root / project.settings.templates
                           if project.settings.templates else None)
    index = corpus.index
    cache = project.root / FOLDER
    try:
        built = rebuild(index, out, state=state, templates=folder,
                        updated=lambda d: last_updated(index.documents[d], project.root),
                        errors=errors_by_document(corpus, errors),
                        compiled=compiled_folder(cache) if cache.is_dir() else None,
                        options=site_options(project.settings.site, project.look))
    except (RenderError, UnsafePathError, SearchError, OSError) as exc:
        return Outcome(errors=errors, failure=str(exc))
    return Outcome(len(built.written), errors)


def _same_setup(kept: Project, now: Project) -> bool:
    """Whether the configuration is as it was when the project was loaded."""
    return (kept.root, kept.config_file, kept.settings) == (now.root, now.config_file, now.settings)


def bad_request_path(target: str) -> str | None:
    """Why a request's path is refused with 400 Bad Request, or None when it is a path.

    ``target`` is the request line's path as http.server gives it (bytes read as Latin-1).
    Refused: raw bytes outside printable ASCII, a ``%`` not followed by two hex digits,
    escapes that do not decode as UTF-8, control characters (a NUL among them) once decoded.
    """
    path = target.split("?", 1)[0].split("#", 1)[0]
    if _RAW.search(path):
        return "path holds bytes that are not printable ASCII"
    if _BROKEN_ESCAPE.search(path):
        return "broken percent-encoding"
    try:
        decoded = unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return "path is not UTF-8"
    if _DECODED_CONTROL.search(decoded):
        return "path holds a control character"
    return None


_RAW = re.compile("[^\x21-\x7e]")
_BROKEN_ESCAPE = re.compile("%(?![0-9A-Fa-f]{2})")
_DECODED_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class _Handler(SimpleHTTPRequestHandler):
    """Static files from the build folder; HTML pages get the latest errors injected."""

    preview: Preview

    def do_HEAD(self) -> None:  # noqa: N802 (the name http.server calls)
        """The headers of what GET would send; a bad path is answered 400, a file outside
        the site 404."""
        if self._refused():
            return
        super().do_HEAD()

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        """A file of the site; an HTML page with the latest build's errors at its top."""
        if self._refused():
            return
        own = self.path.split("?", 1)[0]
        if own in (SCRIPT_PATH, VERSION_PATH):  # the preview's own: the reload script, the build
            self._send(SCRIPT if own == SCRIPT_PATH else str(self.preview.builds),
                       "text/javascript" if own == SCRIPT_PATH else "text/plain")
            return
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        banner = self.preview.outcome.banner()
        if not path.endswith(".html"):
            super().do_GET()
            return
        if Path(path).is_file():
            text = Path(path).read_text(encoding="utf-8").replace(_MAIN, _MAIN + "\n" + banner, 1)
        elif banner:  # nothing built yet (the first build failed): a page with the errors alone
            text = (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>mvkplan'
                    f'</title></head><body>{_MAIN}\n{banner}</main></body></html>\n')
        else:
            super().do_GET()  # not found
            return
        self._send(with_reload(text, self.preview.builds), "text/html")

    def _send(self, text: str, content_type: str) -> None:
        """Answer 200 with ``text``, never cached (the next build changes it)."""
        data = text.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _refused(self) -> bool:
        """Answer a path that is no path (400) or leads out of the site (404); True if so."""
        problem = bad_request_path(self.path)
        if problem is not None:
            self.send_error(HTTPStatus.BAD_REQUEST, problem)
            return True
        site = os.path.realpath(self.directory)
        found = os.path.realpath(self.translate_path(self.path))
        if found != site and not found.startswith(site + os.sep):
            self.send_error(HTTPStatus.NOT_FOUND)  # a link in the site leading elsewhere
            return True
        return False

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the preview reports builds, not every request."""


@dataclass
class Preview:
    """A running preview: the build folder, the latest outcome, the server and the watcher."""

    root: Path
    out: Path
    host: str = "127.0.0.1"
    port: int = 8000
    templates: Path | None = None
    log: Callable[[str], None] = print
    outcome: Outcome = field(default_factory=Outcome)
    stop_event: threading.Event = field(default_factory=threading.Event)
    server: ThreadingHTTPServer | None = None
    site: LiveSite | None = None
    """The project as loaded for the last build, kept while its configuration stays."""
    builds: int = 0
    """How many builds have finished: a page showing an older one reloads (:mod:`.reload`)."""

    @property
    def state(self) -> Path:
        """The record of the last build (beside the build folder): a save renders only the
        pages it changes."""
        return self.out.parent / f".{self.out.name}.mvkplan-build.json"

    def rebuild(self, changed: Iterable[Path] = ()) -> Outcome:
        """Build again (in memory: :meth:`build`) and remember the outcome for the pages
        served from now on."""
        self.outcome = self.build(changed)
        self.builds += 1
        if self.outcome.failure:
            self.log(t("serve.failed", detail=self.outcome.failure))
        else:
            self.log(t("serve.built", pages=count(self.outcome.pages, "page"),
                       errors=count(len(self.outcome.errors), "error")))
        return self.outcome

    def start(self) -> str:
        """Build, start serving (in a thread) and return the address."""
        self.rebuild()
        handler = type("Handler", (_Handler,), {"preview": self})
        self.server = ThreadingHTTPServer((self.host, self.port),
                                          partial(handler, directory=str(self.out)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        port = self.server.server_address[1]
        return f"http://{self.host}:{port}/"

    def watch(self) -> None:
        """Rebuild on every change until :meth:`stop` (blocks)."""
        from watchfiles import watch

        for changes in watch(*self.watched(), stop_event=self.stop_event, raise_interrupt=False,
                             debounce=200):
            self.rebuild([Path(path) for _change, path in changes])

    def build(self, changed: Iterable[Path] = ()) -> Outcome:
        """What :func:`build_preview` gives, from the project kept loaded since the last
        build (loaded anew when its configuration or templates changed)."""
        from mvkplan.checks.common import LintConfigError
        from mvkplan.publish.render.document import RenderError
        from mvkplan.publish.render.paths import UnsafePathError
        from mvkplan.publish.render.search import SearchError

        changed = list(changed)
        try:
            project = find_project(self.root)
        except ConfigError as exc:
            self.site = None
            return Outcome(failure=str(exc))
        if self.site is None or not _same_setup(self.site.project, project):
            try:
                self.site = LiveSite(project, self.out, self.templates)
            except LintConfigError as exc:
                self.site = None
                return Outcome(failure=exc.message)
        try:
            built, errors = self.site.build(changed)
        except (RenderError, UnsafePathError, SearchError, OSError) as exc:
            return Outcome(errors=blocking(self.site.checks.problems()), failure=str(exc))
        return Outcome(len(built.written), errors)

    def watched(self) -> list[Path]:
        """The plans, the configuration and the templates: what a save can change."""
        try:
            project = find_project(self.root)
        except ConfigError:
            return [self.root]
        paths = [*project.document_paths()]
        if project.config_file:
            paths.append(project.config_file)
        if project.settings.templates:
            paths.append(project.root / project.settings.templates)
        if self.templates:
            paths.append(self.templates)
        return [p for p in paths if p.exists()] or [self.root]

    def stop(self) -> None:
        """Stop watching and serving."""
        self.stop_event.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        self.state.unlink(missing_ok=True)
