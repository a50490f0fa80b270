"""The key that signs mvkplan's caches, kept outside every project, and whether a cache
folder may be used at all.

Cache entries hold pickles and compiled templates, and reading either runs code. A project's
cache folder travels with the project (``git add -f``, an archive, a shared folder), so
nothing in it is read unless it carries an HMAC-SHA256 made with a key only this user has:
32 random bytes in ``$XDG_CACHE_HOME/mvkplan/key`` (else ``~/.cache/mvkplan/key``), created
on first use with mode 0600. The HMAC is checked (:func:`hmac.compare_digest`) before a
byte of the payload is decoded; an entry that fails is a miss. Without a usable key
(no home, a read-only or foreign key folder, a key others can read) mvkplan runs without a
cache, never with an error.

A cache folder that git tracks is not used either (:func:`usable`): its entries came from
elsewhere, and writing them would change tracked files. One ``git ls-files`` per folder and
process tells, and only when the folder lies in a git work tree.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import subprocess
import sys
from pathlib import Path

from mvkplan.project.writing import create_private

KEY_SIZE = 32
_MAGIC = b"mvkplan-signed-1\n"
_MAC_SIZE = hashlib.sha256().digest_size
FOLDER = ".mvkplan_cache"


_KEYS: dict[Path, bytes | None] = {}
"""Key file → its key (None: none usable), read once per process."""
_USABLE: dict[Path, bool] = {}
"""Cache folder → whether it may be read and written, asked once per process."""


def key_file() -> Path | None:
    """Where this user's key is kept (None when there is no home to keep it in)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and os.path.isabs(base):  # the XDG spec: a relative value is to be ignored
        return Path(base) / "mvkplan" / "key"
    try:
        return Path.home() / ".cache" / "mvkplan" / "key"
    except RuntimeError:
        return None


_WHERE: dict[tuple[str | None, str | None], Path | None] = {}
"""($XDG_CACHE_HOME, $HOME) → :func:`key_file` (a run signs and checks thousands of entries)."""


def signing_key() -> bytes | None:
    """This user's key, made on first use; None when it cannot be read or made."""
    where = (os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))
    if where not in _WHERE:
        _WHERE[where] = key_file()
    path = _WHERE[where]
    if path is None:
        return None
    if path not in _KEYS:
        _KEYS[path] = _read_or_make(path)
    return _KEYS[path]


def seal(payload: bytes, label: str) -> bytes | None:
    """``payload`` signed for the place ``label`` names (an entry moved elsewhere fails);
    None without a key."""
    key = signing_key()
    if key is None:
        return None
    return _MAGIC + _mac(key, label, payload) + payload


def unseal(raw: bytes, label: str) -> bytes | None:
    """The payload of a sealed entry, or None when it was not signed with this user's key
    for ``label`` (nothing of it is decoded before the signature is checked)."""
    key = signing_key()
    if key is None or not raw.startswith(_MAGIC):
        return None
    start = len(_MAGIC) + _MAC_SIZE
    payload = raw[start:]
    if not hmac.compare_digest(raw[len(_MAGIC):start], _mac(key, label, payload)):
        return None
    return payload


def usable(path: Path) -> bool:
    """Whether the cache folder holding ``path`` may be read and written: this user has a
    key and git does not track the folder (a warning on stderr says so, once)."""
    if signing_key() is None:
        return False
    folder = _cache_folder(path)
    if folder not in _USABLE:
        _USABLE[folder] = not _tracked(folder)
        if not _USABLE[folder]:
            _warn(folder)
    return _USABLE[folder]


def _mac(key: bytes, label: str, payload: bytes) -> bytes:
    signer = hmac.new(key, label.encode("utf-8", "surrogatepass") + b"\0", hashlib.sha256)
    signer.update(payload)
    return signer.digest()


def _read_or_make(path: Path) -> bytes | None:
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        create_private(path, secrets.token_bytes(KEY_SIZE))
        return _read(path)
    except OSError:
        return None


def _read(path: Path) -> bytes | None:
    """The key at ``path``: this user's own file, readable by nobody else, of the right size."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        stat = os.fstat(fd)
        if hasattr(os, "getuid") and (stat.st_uid != os.getuid() or stat.st_mode & 0o077):
            return None  # others could forge entries with it
        key = os.read(fd, KEY_SIZE + 1)
    finally:
        os.close(fd)
    return key if len(key) == KEY_SIZE else None


def _cache_folder(path: Path) -> Path:
    """The cache folder ``path`` lies in (``path`` itself when it is in none)."""
    path = Path(os.path.abspath(path))
    for candidate in (path, *path.parents):
        if candidate.name == FOLDER:
            return candidate
    return path


def tracked(path: Path) -> bool:
    """Whether git tracks anything in the cache folder ``path`` lies in: what is in it then
    came with the repository, not from this machine's runs."""
    return _tracked(_cache_folder(path))


def _tracked(folder: Path) -> bool:
    """Whether git tracks anything in ``folder`` (False where git cannot say: the entries'
    signatures still keep out what others made)."""
    parent = folder.parent
    if not any((level / ".git").exists() for level in (parent, *parent.parents)):
        return False
    try:
        found = subprocess.run(
            ["git", "-C", str(parent), "ls-files", "-z", "--", folder.name],
            capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):  # no git installed: nothing to ask
        return False
    # (A git that cannot answer, e.g. a repository owned by another user, says nothing
    # here: warning that the folder is tracked would be wrong.)
    return found.returncode == 0 and bool(found.stdout)


def _warn(folder: Path) -> None:
    from mvkplan.messages.i18n import t

    print(t("cache.tracked", folder=folder, name=folder.name), file=sys.stderr)
