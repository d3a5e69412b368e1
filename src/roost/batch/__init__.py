"""Many archives at once: one report each, an index, indicators as CSV and JSON, a Parquet dataset.

Each archive is one task (`process_archive`), run in worker processes (or on a Dask cluster); a failed
archive is recorded and the others go on. Each archive's outputs are keyed by a hash of its content alone
(a rerun replaces them, never adds a copy); what a run already did is keyed by that hash, roost's version
and the options, so an interrupted batch resumes without redoing it. Every output is written atomically.

    sources.py     which archives were given, their keys
    work.py        one archive: analysed, report, results and dataset part written, state kept
    run.py         the workers, signals, resuming
    summaries.py   indicators.csv/json, growth, the index
"""

from roost.batch.model import (
    DATASET_TABLES,
    STATE_DIR,
    ArchiveOutcome,
    BatchInterrupted,
    BatchOptions,
    Progress,
    Source,
)
from roost.batch.run import check_output, run_batch
from roost.batch.sources import (
    archive_key,
    find_archives,
    looks_like_archive_folder,
    run_key,
)
from roost.batch.summaries import account_growth, clean_stale, write_summaries
from roost.batch.work import load_state, process_archive, save_state

__all__ = [
    "DATASET_TABLES",
    "STATE_DIR",
    "ArchiveOutcome",
    "BatchInterrupted",
    "BatchOptions",
    "Progress",
    "Source",
    "account_growth",
    "archive_key",
    "check_output",
    "clean_stale",
    "find_archives",
    "load_state",
    "looks_like_archive_folder",
    "process_archive",
    "run_batch",
    "run_key",
    "save_state",
    "write_summaries",
]
