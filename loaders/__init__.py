"""Loaders: one module per input format, all behind the :class:`loaders.base.Loader` interface.

``load_paths`` walks files and directories, picks a loader for each file from the ordered table
in :mod:`loaders.registry` (loaders a user registers first), and yields one
:class:`kg.model.ClaimGraph` fragment per batch of documents, collecting every rejected record
in a :class:`loaders.base.LoadReport`.
"""

from loaders.base import Loader, LoadReport
from loaders.registry import load_paths, loader_for, register

__all__ = ["LoadReport", "Loader", "load_paths", "loader_for", "register"]
