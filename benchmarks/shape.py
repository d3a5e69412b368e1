"""How close the generated tweets are to real ones: the shape figures of real archives beside a generated one.

    python benchmarks/shape.py                    # the real YTD archives, their pooled average, a 10k sample
    python benchmarks/shape.py --tweets 50000     # a bigger sample
    python benchmarks/shape.py path/to/archive    # any archive folder or zip instead of a fresh sample

Real archives are read from --real, else $ROOST_REAL_ARCHIVES, else ../shared/archives next to the project.
Every folder there with a YTD tweet file counts (Grailbird archives have none and are left out); their sums
are pooled, so the "real" column is the average per tweet over all of them, not an average of averages.
The figures are defined in roost.sample.shape; run.py prints the same comparison beside its timings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from roost.sample import write_sample_archive
from roost.sample.shape import FIGURES, figures, measure, pool, table

HERE = Path(__file__).resolve().parent
# The figures that decide how a loader fares: sizes and entity counts (a ratio generated / real is shown).
KEY_FIGURES = ("bytes_per_tweet_today", "text_length", "mentions", "urls", "hashtags", "media", "extended_media")


def real_dir(given: str | None = None) -> Path | None:
    """The folder of real archives: --real, $ROOST_REAL_ARCHIVES or ../shared/archives, if it exists."""
    for cand in (given, os.environ.get("ROOST_REAL_ARCHIVES"), str(HERE.parent.parent / "shared" / "archives")):
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def real_sums(folder: Path) -> dict[str, dict[str, Any]]:
    """Sums of every real archive under `folder` that has YTD tweets, by folder name."""
    out = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        s = measure(sub)
        if s["tweets"]:
            out[sub.name] = s
    return out


def closeness(real: dict[str, float], generated: dict[str, float]) -> str:
    """A Markdown table of real (pooled) against generated figures, with generated / real for the key ones."""
    lines = ["| figure | real (pooled YTD) | generated | generated / real |", "|---|---:|---:|---:|"]
    for k, label, fmt in FIGURES:
        if k in ("tweets", "bytes_per_tweet"):
            continue
        ratio = f"{generated[k] / real[k]:.2f}" if k in KEY_FIGURES and real[k] else ""
        lines.append(f"| {label} | {fmt.format(real[k])} | {fmt.format(generated[k])} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archives", nargs="*", help="generated archives to compare (default: a fresh sample)")
    ap.add_argument("--real", help="folder of real archives")
    ap.add_argument("--tweets", type=int, default=10_000, help="size of the fresh sample")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    folder = real_dir(args.real)
    columns: dict[str, dict[str, float]] = {}
    pooled = None
    if folder is None:
        print("no real archives found: pass --real or set ROOST_REAL_ARCHIVES", file=sys.stderr)
    else:
        sums = real_sums(folder)
        columns = {name.split("__")[0]: figures(s) for name, s in sums.items()}
        pooled = figures(pool(list(sums.values())))
        columns["real (pooled)"] = pooled
    with tempfile.TemporaryDirectory() as tmp:
        targets = [Path(a) for a in args.archives] or [
            write_sample_archive(Path(tmp) / "sample", tweets=args.tweets, seed=args.seed)]
        generated = {}
        for path in targets:
            generated[path.name] = figures(measure(path))
    columns.update(generated)
    print(table(columns))
    if pooled is not None:
        for name, figs in generated.items():
            print(f"\n{name} against the real average\n")
            print(closeness(pooled, figs))


if __name__ == "__main__":
    main()
