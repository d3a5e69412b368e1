"""roost's speed and memory beside its baselines, on generated archives; writes benchmarks/RESULTS.md.

Run by hand, not in CI's test run:

    python benchmarks/run.py                      # 10k, 200k (3 runs each) and 1M tweets (one run; rounds of what targets compare)
    python benchmarks/run.py --sizes 10000,200000 # pick the sizes (1M takes long: about 10 minutes here)
    python benchmarks/run.py --batch 50           # also a batch of 50 sample archives with --jobs 2

Every figure is the median of the runs, with the CPU time and the peak resident memory of the process that
did the work (read from the kernel with wait4, children included). The machine may be shared: CPU time is
what the work costs whatever else runs; wall time is what a user waits, and is what the ratios compare. Archives are built by roost.sample in today's format,
with 100 MB parts, as a folder and as a zip, under benchmarks/work/ (ignored by git), once per version of the
generator (roost.sample.SAMPLE_VERSION). Beside the timings, the script compares the shape of the generated
tweets with real ones (benchmarks/shape.py: bytes per tweet, entity counts... against the pooled real YTD
archives of --real, $ROOST_REAL_ARCHIVES or ../shared/archives). It writes the tables of RESULTS.md and keeps
what follows the HAND_WRITTEN marker there (what limits a missed target, from a profile), written by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
HAND_WRITTEN = "<!-- written by hand below: run.py keeps it -->"
PY = sys.executable
SMALL, SMALL_ROUNDS = 20_000, 7  # archives this small run in more rounds: a run takes a second, noise is large
ROOST = [PY, "-m", "roost.cli"]

BASELINE_JSON = """
import json, sys, pathlib
n = 0
for p in sys.argv[1:]:
    t = pathlib.Path(p).read_bytes()
    n += len(json.loads(t[t.index(b"=") + 1:]))
print(n)
"""
BASELINE_DUCKDB = """
import duckdb, sys
from roost.raw import typed_data_types
TYPED = typed_data_types()
con = duckdb.connect()
# Every file roost reads with DuckDB's typed reader (tweets, likes, followers, following), envelopes
# already stripped, into in-memory tables with the same typed columns (nested parts as the STRUCTs of
# sql/raw.sql): the practical floor. "each" reads file by file; "together" reads all files of a data type
# in one call, whose threads share the files.
together = sys.argv[1] in ("together", "file")
if sys.argv[1] == "file":  # the same tables written to a database file (compressed, checkpointed), as a load must
    import os
    os.path.exists(sys.argv[2]) and os.unlink(sys.argv[2])
    con = duckdb.connect(sys.argv[2])
    del sys.argv[2]
by_type = {}
for arg in sys.argv[2:]:
    data_type, path = arg.split("=", 1)
    by_type.setdefault(data_type, []).append(path)
calls = [(t, ps) for t, ps in by_type.items()] if together else [(t, [p]) for t, ps in by_type.items() for p in ps]
for i, (data_type, paths) in enumerate(calls):
    wrapper, fields = TYPED[data_type].wrapper, TYPED[data_type].fields
    struct = ", ".join(f'"{n}" {k}' for n, k in fields).replace("'", "''")
    con.execute(f'create table t{i} as select "{wrapper}".* from read_json'
                f"(?, format = 'array', "
                f"columns = {{'{wrapper}': 'struct({struct})'}})", [paths])
print(sum(con.execute(f"select count(*) from t{i}").fetchone()[0] for i in range(len(calls))))
con.execute("checkpoint")
"""
# What every roost command pays before any work: Python, roost and the libraries a report uses, imported.
STARTUP = "import roost.cli, roost.pipeline, roost.load, duckdb, jinja2"


def run_once(cmd: list[str]) -> tuple[float, float, float]:
    """Wall time, CPU time and peak RSS of one run, under benchmarks/rss.py so the RSS is that run's own."""
    wrapper = [PY, str(HERE / "rss.py"), *cmd]
    proc = subprocess.run(wrapper, capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return result["wall"], result["cpu"], result["peak_mib"]


def medians(results: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Median wall time, CPU time and peak RSS of some runs."""
    walls, cpus, peaks = zip(*results, strict=True)
    return statistics.median(walls), statistics.median(cpus), statistics.median(peaks)


def timed(cmd: list[str], runs: int) -> tuple[float, float, float]:
    """Median wall time, CPU time and peak RSS of `runs` runs."""
    return medians([run_once(cmd) for _ in range(runs)])


def rounds(cmds: dict[str, list[str]], runs: int) -> dict[str, list[tuple[float, float, float]]]:
    """Each command run once per round, `runs` rounds: a ratio of two of them is taken within a round, so
    the two ran minutes, not a quarter of an hour, apart (what else runs on a shared machine changes)."""
    out: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            out[name].append(run_once(cmd))
    return out


def load_over_floor(paired: dict[str, list[tuple[float, float, float]]], i: int) -> list[float]:
    """The load over the faster floor, round by round, in wall time (i = 0) or CPU time (i = 1)."""
    return [loaded[i] / min(each[i], together[i]) for each, together, loaded in zip(
        paired["DuckDB read_json floor, file by file"], paired["DuckDB read_json floor, parts together"],
        paired["roost load (folder)"], strict=True)]


def round_median(paired: dict[str, list[tuple[float, float, float]]], over: str, under: str) -> float:
    """The median of the rounds' wall-time ratios of two commands run in the same rounds."""
    return statistics.median(a[0] / b[0] for a, b in zip(paired[over], paired[under], strict=True))


def round_beyond(paired: dict[str, list[tuple[float, float, float]]], name: str, i: int) -> float:
    """The median of the rounds' differences between a command and the start-up, in wall (0) or CPU (1) time."""
    return statistics.median(
        a[i] - b[i] for a, b in zip(paired[name], paired["start-up (imports, no work)"], strict=True))


def build(size: int) -> tuple[Path, Path]:
    """The folder and zip archives of `size` tweets, generated once and kept."""
    from roost.sample import SAMPLE_VERSION, write_sample_archive

    folder = WORK / f"sample-v{SAMPLE_VERSION}-{size}"
    archive_zip = WORK / f"sample-v{SAMPLE_VERSION}-{size}.zip"
    if not (folder / "data" / "manifest.js").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        write_sample_archive(folder, tweets=size)
    if not archive_zip.is_file():
        write_sample_archive(archive_zip, tweets=size, zip=True)
    return folder, archive_zip


def stripped_arrays(folder: Path) -> list[str]:
    """`type=path` of every typed data file with its envelope removed (the input of DuckDB's floor), made once."""
    from roost.archive import data_type_of
    from roost.raw import typed_data_types

    typed = typed_data_types()
    out = []
    for f in sorted((folder / "data").glob("*.js")):
        kind = data_type_of(f.name)
        if kind is None or kind[0] not in typed:
            continue
        target = WORK / "stripped" / folder.name / (f.stem + ".json")
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            data = f.read_bytes()
            target.write_bytes(data[data.index(b"=") + 1 :])
        out.append(f"{kind[0]}={target}")
    return out


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: how busy the shared machine was."""
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    import duckdb

    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,200000,1000000", help="tweets per archive, comma-separated")
    ap.add_argument("--runs", type=int, default=5, help="rounds past 20,000 tweets (a 1M round takes 2 minutes)")
    ap.add_argument("--batch", type=int, default=0, help="also time a batch of N sample archives with --jobs 2")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    ap.add_argument("--real", help="folder of real archives for the shape comparison (see benchmarks/shape.py)")
    args = ap.parse_args()
    WORK.mkdir(exist_ok=True)
    rows = []
    targets = []
    round_ratios: list[tuple[int, list[float]]] = []
    sizes = [int(s) for s in args.sizes.split(",")]
    shape_text = shape_section(sizes, args.real)
    for size in sizes:
        print(f"building {size:,} tweets", file=sys.stderr)
        folder, archive_zip = build(size)
        mib = sum(f.stat().st_size for f in (folder / "data").glob("*.js")) / 1024**2
        runs = args.runs if size <= 200_000 else 1
        db = WORK / "bench.duckdb"
        html = WORK / "bench.html"
        res: dict[str, tuple[float, float, float]] = {}
        print("  baselines", file=sys.stderr)
        typed = stripped_arrays(folder)
        originals = [str(folder / "data" / (Path(a.split("=", 1)[1]).stem + ".js")) for a in typed]
        # Past 200k tweets only what the targets need is run (one 1M-tweet run of everything takes too long).
        full = size <= 200_000
        if full:
            res["json.loads of the same files (no tables)"] = timed([PY, "-c", BASELINE_JSON, *originals], runs)
        # Every command a target compares runs in rounds (each round runs them one after the other): a target
        # is the median of the rounds' ratios. More rounds for small archives, where a run takes a second.
        paired = rounds({
            "DuckDB read_json floor, file by file": [PY, "-c", BASELINE_DUCKDB, "each", *typed],
            "DuckDB read_json floor, parts together": [PY, "-c", BASELINE_DUCKDB, "together", *typed],
            "roost load (folder)": [*ROOST, "load", str(folder), "-o", str(db), "--force"],
            "roost load (zip)": [*ROOST, "load", str(archive_zip), "-o", str(db), "--force"],
            "roost report (folder)": [*ROOST, "report", str(folder), "-o", str(html)],
            "start-up (imports, no work)": [PY, "-c", STARTUP],
            "roost report me.duckdb (loaded)": [*ROOST, "report", str(db), "-o", str(html)],
        }, SMALL_ROUNDS if size <= SMALL else args.runs)
        res["DuckDB read_json floor, file by file"] = medians(paired["DuckDB read_json floor, file by file"])
        res["DuckDB read_json floor, parts together"] = medians(paired["DuckDB read_json floor, parts together"])
        res["DuckDB read_json into a database file"] = timed(
            [PY, "-c", BASELINE_DUCKDB, "file", str(WORK / "floor.duckdb"), *typed], runs)
        print("  roost", file=sys.stderr)
        res["start-up (imports, no work)"] = medians(paired["start-up (imports, no work)"])
        res["roost load (folder)"] = medians(paired["roost load (folder)"])
        res["roost load (zip)"] = medians(paired["roost load (zip)"])
        if full:
            res["roost indicators (folder)"] = timed([*ROOST, "indicators", str(folder), "--format", "json"], runs)
        res["roost report (folder)"] = medians(paired["roost report (folder)"])
        if full:
            res["roost report (zip)"] = timed([*ROOST, "report", str(archive_zip), "-o", str(html)], runs)
        res["roost report me.duckdb (loaded)"] = medians(paired["roost report me.duckdb (loaded)"])
        html_mib = html.stat().st_size / 1024**2
        if shutil.which("twitter-to-sqlite"):
            res["twitter-to-sqlite import"] = timed(["twitter-to-sqlite", "import", str(WORK / "t2s.db"), str(archive_zip)], 1)
        for name, (wall, cpu, peak) in res.items():
            rows.append((f"{size:,}", f"{mib:,.0f}", name, wall, cpu, peak))
        load = res["roost load (folder)"][0]
        # The targets: the load within 1.5x the floor on 200k and 1M tweets, a report of a loaded 200k
        # archive within 1 s beyond start-up; the others at every size. Elsewhere the figure is shown, no target.
        sized = size >= 200_000
        round_ratios.append((size, load_over_floor(paired, 0)))
        targets.append((size, "load (folder) / read_json floor (the faster way), median of the rounds' ratios",
                        statistics.median(load_over_floor(paired, 0)), 1.5 if sized else None))
        targets.append((size, "the same in CPU time (no target: the cheaper floor runs on one core, the load on two)",
                        statistics.median(load_over_floor(paired, 1)), None))
        targets.append((size, "load (folder) / read_json into a database file (for scale, no target)",
                        load / res["DuckDB read_json into a database file"][0], None))
        targets.append((size, "load (zip) / load (folder), median of the rounds' ratios",
                        round_median(paired, "roost load (zip)", "roost load (folder)"), 1.15))
        targets.append((size, "report (folder) / load (folder), median of the rounds' ratios",
                        round_median(paired, "roost report (folder)", "roost load (folder)"), 1.3))
        targets.append((size, "peak RSS of load (folder), MiB", res["roost load (folder)"][2], 1024.0))
        targets.append((size, "peak RSS of report (folder), MiB", res["roost report (folder)"][2], 1024.0))
        targets.append((size, "report me.duckdb, s beyond start-up, median of the rounds' differences",
                        round_beyond(paired, "roost report me.duckdb (loaded)", 0), 1.0 if size <= 200_000 else None))
        targets.append((size, "the same in CPU time, s", round_beyond(paired, "roost report me.duckdb (loaded)", 1), None))
        targets.append((size, "report size, MiB", html_mib, 2.0))
        if "twitter-to-sqlite import" in res:
            targets.append((size, "twitter-to-sqlite / load (zip)", res["twitter-to-sqlite import"][0] / res["roost load (zip)"][0], 1 / 8))
    batch_line = ""
    if args.batch:
        from roost.sample import SAMPLE_VERSION, write_sample_archive

        corpus = WORK / f"batch-v{SAMPLE_VERSION}-{args.batch}"
        if not corpus.is_dir():
            corpus.mkdir()
            for i in range(args.batch):
                write_sample_archive(corpus / f"twitter-{i:03d}.zip", tweets=2000 + 100 * i, seed=i,
                                     owner_id=str(1000000000000000001 + i), username=f"sample_{i}", zip=True)
        out = WORK / "batch-out"
        shutil.rmtree(out, ignore_errors=True)
        wall, _, peak = timed([*ROOST, "batch", str(corpus), "-o", str(out), "--jobs", "2"], 1)
        wall2, _, peak2 = timed([*ROOST, "batch", str(corpus), "-o", str(out), "--jobs", "2"], 1)
        batch_line = (
            f"\nBatch of {args.batch} sample archives (2,000 to {2000 + 100 * (args.batch - 1):,} tweets each), "
            f"`roost batch --jobs 2`: **{wall:.1f} s**, peak RSS {peak:,.0f} MiB (largest process); "
            f"re-run with nothing changed: {wall2:.1f} s.\n"
        )
    write_results(Path(args.out), rows, targets, batch_line, shape_text, round_ratios, args.runs)
    print(Path(args.out).read_text())


def shape_section(sizes: list[int], real: str | None) -> str:
    """RESULTS.md's section on how close the generated tweets are to real ones (measured on the smallest size)."""
    sys.path.insert(0, str(HERE))
    from shape import closeness, real_dir, real_sums

    from roost.sample.shape import figures, measure, pool, table

    size = min(sizes)
    if size > 200_000:  # reading a million tweets in Python adds a minute for the same figures
        size = 10_000
    print(f"shape of {size:,} generated tweets against real ones", file=sys.stderr)
    folder = build(size)[0]
    generated = figures(measure(folder))
    lines = ["## Shape of the generated tweets against real ones", ""]
    folder_real = real_dir(real)
    if folder_real is None:
        lines += ["No real archives found (pass --real or set ROOST_REAL_ARCHIVES): generated figures only.", ""]
        real_figures = generated
    else:
        sums = real_sums(folder_real)
        real_figures = figures(pool(list(sums.values())))
        names = ", ".join(f"{n} ({s['tweets']:,})" for n, s in sums.items())
        lines += [f"Real: the YTD tweets of {names}, pooled ({int(real_figures['tweets']):,} tweets). "
                  f"Generated: the {size:,}-tweet sample above ({int(generated['tweets']):,} rows, edits included). "
                  "Today's style is the files' bytes re-serialized as 2022+ archives write them (`edit_info` "
                  "added where missing, arrays one element per line); `benchmarks/shape.py` gives every archive.",
                  ""]
    lines += [closeness(real_figures, generated), ""]
    if folder_real is not None:
        columns = {n.split("__")[0]: figures(s) for n, s in sums.items()}
        columns.update({"real (pooled)": real_figures, "generated": generated})
        lines += ["Per archive (natalieacpm, 2018, has no tweet file; dchest is Grailbird):", "",
                  table(columns), ""]
    return "\n".join(lines)


def write_results(path: Path, rows: list, targets: list, batch_line: str, shape_text: str = "",
                  round_ratios: list[tuple[int, list[float]]] | None = None, runs: int = 5) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        "Written by `python benchmarks/run.py` (median of the runs; past 200k tweets one run). The commands the",
        "targets compare (the floors, `roost load` of the folder and of the zip, `roost report` of the folder and",
        "of the loaded `.duckdb`, the start-up) run in rounds, each round running them one after the other",
        f"({SMALL_ROUNDS} rounds up to {SMALL:,} tweets, {runs} past): a target is the median of the rounds' ratios (or",
        "differences), their table rows the medians of the rounds. CPU time and peak RSS are",
        "those of the measured process and its children. **The machine is shared**: other work ran on its 2 cores",
        f"during the run (load average {load_average()} when the tables were written), so wall times are noisy",
        "and CPU times (user + system, all threads) are the steadier measure of the work.",
        "",
        "| tweets | data files (MiB) | what | wall (s) | CPU (s) | peak RSS (MiB) |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    for size, mib, name, wall, cpu, peak in rows:
        lines.append(f"| {size} | {mib} | {name} | {wall:.2f} | {cpu:.2f} | {peak:,.0f} |")
    lines += ["", "## Targets", "", "| tweets | measure | value | target | met |", "|---:|---|---:|---:|:---:|"]
    for size, name, value, target in targets:
        if name.startswith("twitter-to-sqlite"):
            met = value >= 8
            shown_target = ">= 8x"
        elif target is None:
            met, shown_target = None, ""
        else:
            met = value <= target
            shown_target = f"<= {target:g}"
        lines.append(f"| {size:,} | {name} | {value:.2f} | {shown_target} | {'' if met is None else 'yes' if met else 'no'} |")
    if round_ratios:
        lines += ["", "Load (folder) / the faster floor, round by round: " + "; ".join(
            f"{size:,} tweets: " + ", ".join(f"{r:.2f}" for r in ratios) for size, ratios in round_ratios) + "."]
    lines.append(batch_line)
    if shape_text:
        lines += [shape_text]
    old = path.read_text() if path.is_file() else ""
    if HAND_WRITTEN in old:
        lines += [HAND_WRITTEN + old.split(HAND_WRITTEN, 1)[1].rstrip("\n")]
    path.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
