"""The preview reloads itself: every page ``mvkplan serve`` sends asks the server, once a
second, which build it is showing, and reloads when a newer one is there.

The site's pages allow no script at all (their Content-Security-Policy is ``default-src
'none'``). Only in the preview, and only as served (the built files stay as ``mvkplan build``
writes them), a page's policy gains ``script-src 'self'`` and ``connect-src 'self'`` and the
page loads :data:`SCRIPT` from the server itself: no inline script, nothing from elsewhere.
The script polls :data:`VERSION_PATH` rather than holding a connection open, so a stopped
server leaves no request behind and Ctrl-C ends the preview at once.
"""

from __future__ import annotations

import re
from html import escape, unescape

PREFIX = "/__mvkplan/"
SCRIPT_PATH = PREFIX + "reload.js"
VERSION_PATH = PREFIX + "version"

SCRIPT = """\
// mvkplan serve: reload this page when the preview has been built again.
(function () {
  "use strict";
  var shown = document.currentScript && document.currentScript.dataset.build;
  function ask() {
    fetch("VERSION_PATH", {cache: "no-store"})
      .then(function (answer) { return answer.ok ? answer.text() : shown; })
      .then(function (build) {
        if (shown && build && build !== shown) { window.location.reload(); return; }
        window.setTimeout(ask, 1000);
      })
      .catch(function () { window.setTimeout(ask, 2000); });  // stopped or restarting
  }
  ask();
})();
""".replace("VERSION_PATH", VERSION_PATH)

_CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")', re.IGNORECASE)


def allow_own_script(policy: str) -> str:
    """``policy`` (the content of a Content-Security-Policy) also allowing scripts and requests
    to the page's own server; every other directive is kept as it was."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    for name in ("script-src", "connect-src"):
        found = [i for i, d in enumerate(directives) if d.split()[0].lower() == name]
        if not found:
            directives.append(f"{name} 'self'")
            continue
        i = found[0]
        sources = directives[i].split()[1:]
        kept = [s for s in sources if s.lower() not in ("'none'", "'self'")]  # 'none' alone only
        directives[i] = " ".join([name, *kept, "'self'"])
    return "; ".join(directives)


def with_reload(html: str, build: int) -> str:
    """A page as the preview serves it: its policy allowing the reload script, which it loads
    (tagged with the ``build`` the page comes from) at the end of its body."""
    html = _CSP.sub(lambda m: m.group(1) + escape(allow_own_script(unescape(m.group(2))))
                    + m.group(3), html, count=1)
    tag = f'<script src="{SCRIPT_PATH}" data-build="{build}"></script>'
    at = html.rfind("</body>")
    return html[:at] + tag + html[at:] if at != -1 else html + tag
