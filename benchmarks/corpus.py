"""A corpus-scale batch: many generated archives (varied sizes and generations, a few broken), processed on
local workers and on a Dask cluster started here (a scheduler and worker processes, as a deployment runs
them), with a run killed halfway and resumed. Prints and writes archives/minute and peak RSS per worker.

    python benchmarks/corpus.py --archives 1000 --workers 2 --json benchmarks/corpus.json

Needs the dask extra (`pip install -e '.[dask]'`, which brings psutil) for the cluster run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from roost.sample import write_sample_archive

ROOST = [sys.executable, "-m", "roost.cli"]
SIZES = (20, 60, 150, 400, 1000, 3000)  # tweets per archive, small ones most often
SIZE_WEIGHTS = (30, 25, 20, 15, 7, 3)


def make_corpus(folder: Path, n: int, seed: int = 7) -> dict[str, Any]:
    """n archives: YTD 2025 zips and folders, 2021-style (tweet.js, no manifest), 2018-style (files at the
    root), some accounts with several snapshots, and about 1% broken (corrupt zip, truncated tweet file)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    kinds: dict[str, int] = {}
    broken = 0
    for i in range(n):
        tweets = rng.choices(SIZES, SIZE_WEIGHTS)[0]
        owner = 2_000_000_000_000_000_000 + (i if i % 5 else i // 5 * 5)  # every fifth owner has two snapshots
        month = 1 + i % 12
        name = f"donation-{i:04d}"
        kind = "broken" if i % 97 == 13 else rng.choice(("ytd-zip", "ytd-zip", "ytd-folder", "ytd2021", "root2018"))
        kinds[kind] = kinds.get(kind, 0) + 1
        gen = f"2025-{month:02d}-01T08:00:00.000Z"
        if kind == "ytd-zip":
            write_sample_archive(folder / f"{name}.zip", tweets=tweets, seed=i, owner_id=str(owner),
                                 username=f"acct{owner % 100000}", generated_at=gen, zip=True)
            continue
        target = folder / name
        write_sample_archive(target, tweets=tweets, seed=i, owner_id=str(owner), username=f"acct{owner % 100000}",
                             generated_at=gen)
        data = target / "data"
        if kind == "ytd2021":
            (data / "manifest.js").unlink()
            text = (data / "tweets.js").read_text()
            (data / "tweet.js").write_text(text.replace("window.YTD.tweets.", "window.YTD.tweet.", 1))
            (data / "tweets.js").unlink()
        elif kind == "root2018":
            (data / "manifest.js").unlink()
            for f in data.iterdir():
                if f.is_file() and f.suffix == ".js":
                    f.rename(target / f.name)
            shutil.rmtree(data)
        elif kind == "broken":
            broken += 1
            if i % 2:
                (data / "tweets.js").write_bytes((data / "tweets.js").read_bytes()[:500])  # truncated JSON
            else:
                shutil.rmtree(target)
                (folder / f"{name}.zip").write_bytes(b"PK\x03\x04 not really a zip")
    return {"archives": n, "kinds": kinds, "broken": broken}


class RssWatch:
    """Samples the RSS of every process below some roots; keeps each one's peak, and the timeline."""

    def __init__(self, roots: list[int], every: float = 0.25) -> None:
        self.roots, self.every = roots, every
        self.peaks: dict[int, tuple[str, int]] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.is_set():
            for root in self.roots:
                try:
                    procs = [psutil.Process(root), *psutil.Process(root).children(recursive=True)]
                except psutil.Error:
                    continue
                for p in procs:
                    try:
                        rss, cmd = p.memory_info().rss, " ".join(p.cmdline()[:6])
                    except psutil.Error:
                        continue
                    if rss > self.peaks.get(p.pid, ("", 0))[1]:
                        self.peaks[p.pid] = (cmd, rss)
            self.stop.wait(self.every)

    def __enter__(self) -> RssWatch:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def _mib(b: int) -> float:
    return round(b / 1024**2, 1)


def _summary(out: Path, err: str) -> dict[str, Any]:
    m = re.search(r"(\d+) processed, (\d+) unchanged, (\d+) failed", err)
    processed, unchanged, failed = (int(x) for x in m.groups()) if m else (-1, -1, -1)
    import duckdb

    con = duckdb.connect()
    keys = con.execute("select count(*), count(distinct archive_key) from read_parquet(?, hive_partitioning = true)",
                       [str(out / "dataset" / "archive" / "*" / "*.parquet")]).fetchone()
    rows = list(__import__("csv").DictReader((out / "indicators.csv").open()))
    failed_rows = [r for r in rows if r["status"] == "failed"]
    return {"processed": processed, "unchanged": unchanged, "failed": failed,
            "dataset_archive_rows": keys[0] if keys else 0, "dataset_archives": keys[1] if keys else 0,
            "failed_listed_with_reason": sum(1 for r in failed_rows if r["error"]),
            "index_bytes": (out / "index.html").stat().st_size}


def run_batch(corpus: Path, out: Path, extra: list[str], label: str) -> dict[str, Any]:
    """One `roost batch` run, timed, with the peak RSS of its main process and of each worker."""
    start = time.perf_counter()
    proc = subprocess.Popen([*ROOST, "batch", str(corpus), "-o", str(out), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with RssWatch([proc.pid]) as watch:
        _, err = proc.communicate()
    wall = time.perf_counter() - start
    workers = [rss for pid, (cmd, rss) in watch.peaks.items() if pid != proc.pid]
    result = {"run": label, "wall_s": round(wall, 1), "exit": proc.returncode,
              "main_peak_mib": _mib(watch.peaks.get(proc.pid, ("", 0))[1]),
              "worker_peak_mib": [_mib(r) for r in sorted(workers, reverse=True)[:4]], **_summary(out, err)}
    result["archives_per_minute"] = round(result["processed"] / wall * 60, 1) if result["processed"] > 0 else None
    return result


def killed_and_resumed(corpus: Path, out: Path, workers: int, kill_after: int) -> dict[str, Any]:
    """Kill a run (SIGKILL to its process group) once `kill_after` archives are done, then run it again."""
    proc = subprocess.Popen([*ROOST, "batch", str(corpus), "-o", str(out), "--jobs", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    state = out / ".roost-batch"
    while proc.poll() is None:
        done = len(list(state.glob("*.json"))) if state.is_dir() else 0
        if done >= kill_after:
            os.killpg(proc.pid, signal.SIGKILL)  # this run's own group: the batch and its workers
            break
        time.sleep(0.2)
    proc.wait()
    done_before = len(list(state.glob("*.json")))
    resumed = run_batch(corpus, out, ["--jobs", str(workers)], "resumed after SIGKILL")
    resumed["done_before_kill"] = done_before
    resumed["redone"] = resumed["processed"] - (resumed["dataset_archives"] - done_before)
    return resumed


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dask_run(corpus: Path, out: Path, workers: int) -> dict[str, Any]:
    """A scheduler and `workers` worker processes (one thread each), started as a deployment would, then the batch."""
    port = _free_port()
    dask = str(Path(sys.executable).parent / "dask")
    address = f"tcp://127.0.0.1:{port}"
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                 "--dashboard-address", ":0", "--no-show"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    time.sleep(3)
    for _ in range(workers):
        started.append(subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                         "--dashboard-address", ":0", "--no-nanny"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
    try:
        time.sleep(5)
        with RssWatch([p.pid for p in started[1:]]) as watch:
            result = run_batch(corpus, out, ["--scheduler", address], f"dask, {workers} worker processes")
        result["worker_peak_mib"] = [_mib(rss) for _, (_, rss) in sorted(watch.peaks.items())]
        return result
    finally:
        for p in started:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)
            p.wait(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archives", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="roost-corpus-") as tmp:
        base = Path(tmp)
        t = time.perf_counter()
        corpus = make_corpus(base / "corpus", args.archives)
        corpus["generated_s"] = round(time.perf_counter() - t, 1)
        corpus["bytes"] = sum(f.stat().st_size for f in (base / "corpus").rglob("*") if f.is_file())
        print(json.dumps(corpus), flush=True)
        runs = [run_batch(base / "corpus", base / "local", ["--jobs", str(args.workers)], f"{args.workers} local workers")]
        print(json.dumps(runs[-1]), flush=True)
        runs.append(run_batch(base / "corpus", base / "local", ["--jobs", str(args.workers)], "rerun, nothing to do"))
        print(json.dumps(runs[-1]), flush=True)
        runs.append(killed_and_resumed(base / "corpus", base / "killed", args.workers, args.archives // 3))
        print(json.dumps(runs[-1]), flush=True)
        if not args.no_dask:
            runs.append(dask_run(base / "corpus", base / "dask", args.workers))
            print(json.dumps(runs[-1]), flush=True)
    report = {"cpus": os.cpu_count(), "corpus": corpus, "runs": runs}
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
