"""Which YAML parser turns bytes into nodes: chosen here, and only here.

rapidyaml (``ryml``) when it can be imported; libyaml through PyYAML otherwise. Both
produce the same nodes, positions and refusals (``tests/test_yaml_engines.py`` runs the
broken-document suite and the real plans through each). ``MVKPLAN_YAML_ENGINE=libyaml``
forces the fallback, for comparison.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mvkplan.source.nodes import Node
    from mvkplan.source.positions import Lines


@dataclass(frozen=True)
class Engine:
    """A parser: nodes with positions, and (rapidyaml only) plain data without nodes."""

    NAME: str
    parse: Callable[[bytes, str, Lines], Node]
    """Nodes of the one document in ``data`` / ``text``, or a :class:`YamlError`."""
    parse_plain: Callable[[bytes], dict[str, object] | None] | None = None
    """Plain data of a document it takes as it stands, None to take the full path."""


@cache
def engine(name: str | None = None) -> Engine:
    """The engine named ``name``, else the one selected by the environment or installed."""
    wanted = name or os.environ.get("MVKPLAN_YAML_ENGINE", "")
    if wanted != "libyaml":
        try:
            from mvkplan.source import plain, rapid
        except ImportError:  # rapidyaml is not built for every platform
            if wanted == "rapidyaml":
                raise
        else:
            return Engine(rapid.NAME, rapid.parse, plain.parse_plain)
    # PyYAML only now: with rapidyaml, a run imports it only for a document rapidyaml declines.
    from mvkplan.source import libyaml

    return Engine(libyaml.NAME, libyaml.parse)
