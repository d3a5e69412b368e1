"""Command line: `python -m roost.sample DEST --tweets N [--zip] [--seed S] [--part-bytes B]`."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from . import write_sample_archive


def main(argv: Sequence[str] | None = None) -> None:
    """Write a sample archive, e.g. `python -m roost.sample /tmp/x --tweets 200000 --zip`."""
    ap = argparse.ArgumentParser(prog="python -m roost.sample", description=main.__doc__)
    ap.add_argument("dest")
    ap.add_argument("--tweets", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--zip", action="store_true")
    ap.add_argument("--part-bytes", type=int, default=104_874_000)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    path = write_sample_archive(a.dest, tweets=a.tweets, seed=a.seed, zip=a.zip, part_bytes=a.part_bytes)
    print(f"wrote {path} ({a.tweets} tweets) in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
