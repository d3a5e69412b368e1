"""Where roost's packaged files are: SQL beside the code, templates at the top of the project."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def sql_text(name: str) -> str:
    """The text of a packaged SQL file (`staging.sql`)."""
    return (PACKAGE_DIR / name).read_text(encoding="utf-8")


def indicators_dir() -> Path:
    """The folder of packaged indicator `.sql` files."""
    return PACKAGE_DIR / "indicators"


def templates_dir() -> Path:
    """The Jinja templates: inside the wheel (`roost/templates`) or the source tree's `templates/`."""
    for candidate in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent.parent / "templates"):
        if (candidate / "report.html.j2").is_file():
            return candidate
    raise FileNotFoundError("roost's templates are missing: reinstall roost")
