"""A workbook's identity, signed: HMAC-SHA256 over plan, year, respondent and the questions.

The hidden metadata sheet decides whose answers a workbook holds, and anyone with a spreadsheet
program can change it. The signature makes such a change visible on import. Its key lives
outside the workbook and outside the plans repository (plans are public documents): in
``MVKPLAN_SURVEY_KEY`` when coordinators or CI share one, else in the user's config folder
(``$XDG_CONFIG_HOME/mvkplan/survey.key``, created on the first export, readable by the user only).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mvkplan.messages.words import system_error
from mvkplan.project.writing import create_private

KEY_ENV = "MVKPLAN_SURVEY_KEY"
KEY_FILE = "survey.key"
MIN_KEY_CHARS = 16


class SurveyKeyError(Exception):
    """The key cannot be found, read or created; ``code`` names the message and ``values`` fill it."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class SignedQuestion:
    """One question as signed: the survey row it sits on, its key, its kind and what is asked."""

    row: int
    row_id: str
    value_type: str
    text: str


def key_path() -> Path:
    """Where this user's key lives: ``$XDG_CONFIG_HOME/mvkplan/survey.key`` (default ``~/.config``)."""
    config = os.environ.get("XDG_CONFIG_HOME") or ""
    base = Path(config) if Path(config).is_absolute() else Path.home() / ".config"
    return base / "mvkplan" / KEY_FILE


def _from_env() -> bytes | None:
    shared = os.environ.get(KEY_ENV)
    if shared is None or shared == "":
        return None
    if len(shared.strip()) < MIN_KEY_CHARS:
        raise SurveyKeyError("S114", name=KEY_ENV, least=MIN_KEY_CHARS)
    return shared.strip().encode("utf-8")


def _from_file(path: Path) -> bytes:
    try:
        key = path.read_bytes().strip()
    except OSError as exc:
        raise SurveyKeyError("S114.file", path=path, detail=system_error(exc)) from exc
    if len(key) < MIN_KEY_CHARS:
        raise SurveyKeyError("S114", name=str(path), least=MIN_KEY_CHARS)
    return key


def export_key() -> bytes:
    """The key to sign with: the shared one, this user's, or a new one made and kept for the next time."""
    shared = _from_env()
    if shared is not None:
        return shared
    path = key_path()
    if path.exists():
        return _from_file(path)
    try:  # two exports at once must not each make a key and sign with different ones
        create_private(path, secrets.token_hex(32).encode("ascii") + b"\n")
    except OSError as exc:
        raise SurveyKeyError("S114.file", path=path, detail=system_error(exc)) from exc
    return _from_file(path)


def import_key() -> bytes:
    """The key to check with; never made here, since a new key could not check any workbook."""
    shared = _from_env()
    if shared is not None:
        return shared
    path = key_path()
    if not path.exists():
        raise SurveyKeyError("S113", path=path, name=KEY_ENV)
    return _from_file(path)


def signature(key: bytes, plan: str, year: int, respondent: str, questions: list[SignedQuestion]) -> str:
    """The hex HMAC-SHA256 of the workbook's identity; JSON keeps the fields apart whatever they hold."""
    identity = {
        "plan": plan,
        "year": year,
        "respondent": respondent,
        "questions": [[q.row, q.row_id, q.value_type, q.text] for q in questions],
    }
    message = json.dumps(identity, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def matches(key: bytes, found: str, plan: str, year: int, respondent: str,
            questions: list[SignedQuestion]) -> bool:
    """True when ``found`` is the signature of this identity (compared in constant time)."""
    expected = signature(key, plan, year, respondent, questions)
    return hmac.compare_digest(expected.encode("ascii"), found.strip().encode("utf-8"))
