"""Deterministic generator of a synthetic Twitter/X archive in the current (2023+) format.

`write_sample_archive` writes the same bytes for the same arguments (one seeded `random.Random`
per concern, never the clock). Data files stream part by part, so a million tweets fit in memory.
Its tweets are shaped like real ones (entity counts, media, rare keys, text lengths and languages,
measured on real archives: see `benchmarks/shape.py`). Run
`python -m roost.sample DEST --tweets N [--zip] [--seed S]` for benchmarks.

Modules: `vocab` (words, names, links, apps), `text` (languages and text lengths), `cast` (other
accounts and the follow graph), `timeline` (when and what kind), `media` (photos, GIFs, videos),
`tweets` (rows of tweets.js), `files` (every data file), `sink` (folder or zip, parts, pretty-printing,
manifest), `base` (dates, ids, t.co links), `shape` (the shape figures of any archive, real or generated).
"""

from __future__ import annotations

import gc
import os
import random
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from .files import write_account, write_messages, write_social, write_tweets
from .sink import Archive, Sink
from .tweets import Tweets

__all__ = ["SAMPLE_VERSION", "write_sample_archive"]
# Bumped when the same arguments give other bytes, so that caches of generated archives (benchmarks/work/) are
# rebuilt. 2: tweets shaped like real ones.
SAMPLE_VERSION = 2


def write_sample_archive(dest: str | os.PathLike, *, tweets: int = 3000, seed: int = 42,
                         zip: bool = False, part_bytes: int = 104_874_000,
                         owner_id: str = "1000000000000000001", username: str = "roost_sample",
                         generated_at: str = "2026-01-15T09:30:00.000Z",
                         followers: int | None = None, following: int | None = None,
                         extra_followers: Sequence[str] = (), drop_followers: Sequence[str] = ()) -> Path:
    """Write a sample archive to dest (a folder, or a .zip when zip=True) and return its path."""
    dest = Path(dest)
    gen_dt = datetime.fromisoformat(generated_at.replace("Z", "+00:00"))
    if not zip and (dest / "data").is_dir() and any((dest / "data").iterdir()):
        raise FileExistsError(f"{dest / 'data'} is not empty; remove it or pick another destination")
    (dest.parent if zip else dest).mkdir(parents=True, exist_ok=True)
    s = Tweets(seed, tweets, owner_id, username, int(gen_dt.timestamp() * 1000))
    misc = random.Random(f"roost-sample:{seed}:misc")
    n_fol = followers if followers is not None else max(50, tweets // 3)
    n_fng = following if following is not None else round(0.6 * n_fol)
    stamp = (gen_dt.year, gen_dt.month, gen_dt.day, gen_dt.hour, gen_dt.minute, gen_dt.second)
    sink = Sink(dest, zip, stamp, part_bytes >= 2**31 - 2**20)
    a = Archive(sink, part_bytes)
    collect = gc.isenabled()
    gc.disable()  # millions of short-lived acyclic dicts: the cyclic collector would only cost time
    try:
        write_account(a, s, misc)
        write_tweets(a, s, misc)
        write_social(a, s, misc, n_fol, n_fng, extra_followers, drop_followers)
        write_messages(a, s, misc)
        sink.write("data/manifest.js", a.manifest(owner_id, username, generated_at))
    finally:
        sink.close()
        if collect:
            gc.enable()
    return dest
