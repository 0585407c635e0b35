"""An external theorem as plain data: its exact statement and where it is proved.

Not trusted: the kernel (:mod:`symbolic.kernel`) makes facts from citations (rules ``cite`` and
``invoke``), and re-reads the statement when it replays them.
"""
from __future__ import annotations

from dataclasses import dataclass

from .domain import Obligation

__all__ = ["Citation"]


@dataclass(frozen=True)
class Citation:
    """An external theorem: its exact statement and where it is proved.

    ``template`` is the statement as an obligation over its own symbols; :func:`cite` instantiates
    it by substitution, so the paper's use can be compared with the exact constants.
    """

    key: str
    name: str
    statement: str
    source: str
    template: Obligation | None = None

    def to_json(self) -> dict:
        return {"key": self.key, "name": self.name, "statement": self.statement, "source": self.source}
