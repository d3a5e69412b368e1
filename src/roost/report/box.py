"""The box of what this archive can tell: its kind explained once, then what it lacks and which figures that
leaves unknown, grouped, instead of an "unknown" card in every section."""

from __future__ import annotations

from roost.report.text import clean
from roost.report.view import View

MAX_TITLES = 6


def box(v: View) -> tuple[str, ...]:
    """The box's lines, in the report's language."""
    t = v.t
    lines = []
    generation = v.archive.get("generation")
    if generation == "grailbird":
        lines.append(t("box_grailbird"))
    elif generation == "ytd-root":
        lines.append(t("box_ytd_root"))
    by_files: dict[str, list[str]] = {}
    hints: list[str] = []
    others: list[str] = []
    for r in v.results.values():
        if r.value is not None:
            continue
        needs = (r.args or {}).get("needs")
        option = (r.args or {}).get("option")
        if r.code == "missing_data" and isinstance(needs, list) and needs:
            # Counts missing on tweets that are missing altogether: the tweets are the reason.
            named = [str(n) for n in needs if not (n == "engagement" and "tweets" in needs)]
            files = t.list_and([t.data_name(n) for n in named])
            by_files.setdefault(files, []).append(v.title(r.id))
        elif r.code == "needs_option" and isinstance(option, str):
            hint = t(f"fit_hint_{option}") if t.has(f"fit_hint_{option}") else clean(v.why(r))
            if hint not in hints:
                hints.append(hint)
        else:
            others.append(v.title(r.id))
    if generation == "grailbird" and by_files:
        # Its kind, said above, is the reason for all of them: one line, not one per file it never had.
        titles = [title for group in by_files.values() for title in group]
        lines.append(t("box_grailbird_unknown", n=t.integer(len(titles)), titles=_titles(v, titles)))
        by_files = {}
    for files, titles in by_files.items():
        lines.append(t("box_missing", files=files, titles=_titles(v, titles)))
    if others:
        lines.append(t("box_others", titles=_titles(v, others)))
    lines.extend(hints)
    return tuple(lines) or (t("box_all_known"),)


def _titles(v: View, titles: list[str]) -> str:
    shown = titles[:MAX_TITLES]
    more = len(titles) - len(shown)
    return v.t.list_and(shown) + (v.t("and_more", n=v.t.integer(more)) if more > 0 else "")
