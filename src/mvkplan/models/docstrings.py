"""Attribute docstrings (a string literal under ``name: type`` in a class body), read when asked.

Pydantic's ``use_attribute_docstrings`` reads every model's source when the class is made, on
every run; the JSON Schema (:mod:`mvkplan.models.schema`) and ``mvkplan rules NAME`` are the
only readers, so they read them here instead.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache


def docstring(model: type, name: str) -> str | None:
    """The docstring under the attribute ``name`` where ``model`` or its nearest base declares it."""
    for owner in model.__mro__:
        if name in owner.__dict__.get("__annotations__", {}):
            return attribute_docstrings(owner).get(name)
    return None


@cache
def attribute_docstrings(owner: type) -> dict[str, str]:
    """``name: type`` followed by a string literal, in the class body itself."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(owner)))
    except (OSError, TypeError, SyntaxError):
        return {}
    body = next((node.body for node in tree.body if isinstance(node, ast.ClassDef)), [])
    found: dict[str, str] = {}
    for statement, following in zip(body, body[1:], strict=False):
        if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found
