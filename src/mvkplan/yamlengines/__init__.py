"""Which YAML parser turns bytes into nodes: chosen here, and only here.

rapidyaml (``ryml``) when it can be imported; libyaml through PyYAML otherwise. Both
produce the same nodes, positions and refusals (``tests/test_yaml_engines.py`` runs the
broken-document suite and the real plans through each). ``MVKPLAN_YAML_ENGINE=libyaml``
forces the fallback, for comparison.
"""

from __future__ import annotations

import os
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # yamlnodes imports this package: types only
    from mvkplan.yamlengines.positions import Lines
    from mvkplan.yamlnodes import Node


class Engine(Protocol):
    """A module with a ``parse`` function and a ``NAME``."""

    NAME: str

    def parse(self, data: bytes, text: str, lines: Lines) -> Node:
        """Nodes of the one document in ``data`` / ``text``, or a :class:`YamlError`."""


@cache
def engine(name: str | None = None) -> Engine:
    """The engine named ``name``, else the one selected by the environment or installed."""
    wanted = name or os.environ.get("MVKPLAN_YAML_ENGINE", "")
    module: ModuleType
    if wanted == "libyaml":
        from mvkplan.yamlengines import libyaml as module
    else:
        try:
            from mvkplan.yamlengines import rapid as module
        except ImportError:  # rapidyaml is not built for every platform
            if wanted == "rapidyaml":
                raise
            from mvkplan.yamlengines import libyaml as module
    return module  # type: ignore[return-value]
