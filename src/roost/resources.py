"""Where roost's packaged files are: SQL beside the code, templates at the top of the project."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SQL_DIR = PACKAGE_DIR / "sql"
# The SQL layers built once the raw tables are filled, in order (sql/raw.sql runs before any file is read).
SQL_LAYERS = ("staging", "intermediate")


def sql_text(name: str) -> str:
    """The text of a packaged file, by its path under the package (`sql/raw.sql`, `facts.sql`)."""
    return (PACKAGE_DIR / name).read_text(encoding="utf-8")


def sql_files() -> list[Path]:
    """The SQL files that build the loaded tables from the raw ones, in the order they run: each layer of
    SQL_LAYERS in turn, and within a layer its files by name (a file's number says what must run before it)."""
    return [path for layer in SQL_LAYERS for path in sorted((SQL_DIR / layer).glob("*.sql"))]


def indicators_dir() -> Path:
    """The folder of packaged indicator `.sql` files."""
    return PACKAGE_DIR / "indicators"


def templates_dir() -> Path:
    """The Jinja templates: inside the wheel (`roost/templates`) or the source tree's `templates/`."""
    for candidate in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent.parent / "templates"):
        if (candidate / "report.html.j2").is_file():
            return candidate
    raise FileNotFoundError("roost's templates are missing: reinstall roost")
