"""A temporary file of pages, written once and read back in order: the analysis's scratch space.

The after-build analysis looks at every claim more than once (it must know every outcome before
it can decide any claim). Reading the claims back from the database each time costs far more
than reading them from a local file, and keeping them in memory would make memory grow with the
archive. A :class:`Spill` is the middle way: pages are pickled to an unlinked temporary file (in
``TMPDIR``), which the operating system removes when it is closed or the process dies, so
nothing is left behind even after a kill. Only kg writes and reads it, within one process.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Spill(Generic[T]):
    """Items appended to a temporary file and iterated back in the order they were added."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="kg-analysis-")  # noqa: SIM115 - closed by close()
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, item: T) -> None:
        """Write one item at the end (do not append while iterating)."""
        self._file.seek(0, 2)
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def __iter__(self) -> Iterator[T]:
        """The items from the first, one in memory at a time."""
        self._file.flush()
        self._file.seek(0)
        for _ in range(self._count):
            item: T = pickle.load(self._file)
            yield item

    def close(self) -> None:
        """Remove the file."""
        self._file.close()

    def __enter__(self) -> Spill[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
