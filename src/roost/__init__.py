"""roost: an offline analyzer for the archive Twitter/X gives every user."""

from __future__ import annotations

__version__ = "0.1.0"

from roost.errors import RoostError
from roost.load import LoadResult, load_archive, open_archive

__all__ = ["RoostError", "LoadResult", "load_archive", "open_archive", "__version__"]
