"""Where archives are among a zip's or folder's members: their root prefix and generation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from roost.archive.datafiles import GENERATION_GRAILBIRD, GENERATION_ROOT, GENERATION_YTD, data_type_of

_STRONG_ROOT_FILES = frozenset({"tweet", "tweets", "account"})


def find_roots(names: Sequence[str]) -> list[tuple[str, str]]:
    """(generation, root prefix) of every archive found among member names, shallowest first.

    The shallowest is found as before; any other prefix counts as another archive only on a strong sign
    (a manifest, Grailbird's files, or a tweets/account file), so viewer scripts never look like archives.
    """
    found: dict[str, tuple[int, str, bool]] = {}  # prefix -> (rank, generation, strong)

    def consider(gen: str, prefix: str, rank: int, strong: bool) -> None:
        old = found.get(prefix)
        if old is None or rank < old[0]:
            found[prefix] = (rank, gen, strong or (old[2] if old else False))
        elif strong and not old[2]:
            found[prefix] = (old[0], old[1], True)

    for n in names:
        low = n.lower()
        if low.endswith("data/manifest.js") and (len(n) == 16 or n[-17] == "/"):
            consider(GENERATION_YTD, n[: -len("data/manifest.js")], 0, True)
        elif re.search(r"(^|/)data/js/tweets/\d{4}_\d{2}\.js$", n) or low.endswith("data/js/user_details.js"):
            i = n.rfind("data/js/")
            consider(GENERATION_GRAILBIRD, n[:i], 2, True)
        else:
            base = n.rsplit("/", 1)[-1]
            dt = data_type_of(base)
            if dt and dt[0] in ("tweets", "account", "follower", "following", "like", "profile"):
                parent = n[: -len(base)]
                strong = dt[0] in _STRONG_ROOT_FILES
                if parent == "data/" or parent.endswith("/data/"):
                    consider(GENERATION_YTD, parent[: -len("data/")], 1, strong)
                else:
                    consider(GENERATION_ROOT, parent, 3, strong)
    if not found:
        return []
    ordered = sorted(found.items(), key=lambda kv: (kv[0].count("/") * 10 + kv[1][0], kv[1][1], kv[0]))
    first = ordered[0]
    # A YTD root's own data folder is not another (root-style) archive.
    rest = [
        kv for kv in ordered[1:]
        if kv[1][2] and not (first[1][1] == GENERATION_YTD and kv[0] == first[0] + "data/")
    ]
    return [(first[1][1], first[0])] + [(kv[1][1], kv[0]) for kv in rest]


def find_root(names: Sequence[str]) -> tuple[str, str] | None:
    """(generation, root prefix) of the shallowest archive found among member names."""
    roots = find_roots(names)
    return roots[0] if roots else None
