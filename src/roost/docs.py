"""Regenerate the README's indicator reference from the SQL headers: `python -m roost.docs README.md`."""

from __future__ import annotations

import sys
from pathlib import Path

from roost.indicators import CORE_IDS, discover

START = "<!-- indicators:start -->"
END = "<!-- indicators:end -->"


def indicators_markdown() -> str:
    """A markdown table of every packaged indicator: id, title, shape, definition."""
    lines = ["| id | indicator | shape | definition |", "|---|---|---|---|"]
    for ind in discover():
        core = " (core)" if ind.id in CORE_IDS else ""
        title = f"{ind.title} / *{ind.title_fr}*{core}"
        needs = f" Needs: {', '.join(ind.needs)}." if ind.needs else ""
        params = f" Only with --{', --'.join(ind.params)}." if ind.params else ""
        cell = (ind.definition + needs + params).replace("|", "\\|")
        lines.append(f"| `{ind.id}` | {title.replace('|', '/')} | {ind.shape} | {cell} |")
    return "\n".join(lines)


def update(readme: Path) -> bool:
    """Rewrite the block between the markers; return whether it changed."""
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    new = f"{head}{START}\n{indicators_markdown()}\n{END}{tail}"
    if new != text:
        readme.write_text(new, encoding="utf-8")
        return True
    return False


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print("updated" if update(path) else "up to date")
