"""The one error type roost raises for bad input; anything else is a bug."""

from __future__ import annotations


class RoostError(Exception):
    """Bad input or environment: one line that names the file and the way out."""


class NotAnArchiveError(RoostError):
    """The path exists but holds no Twitter/X archive."""


class ArchiveFileError(RoostError):
    """One data file of the archive cannot be read."""

    def __init__(self, message: str, *, path: str = "", data_type: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.data_type = data_type


class OutputExistsError(RoostError):
    """The output file exists and --force was not given."""
