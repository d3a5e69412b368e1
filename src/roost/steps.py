"""The load's steps side by side: each step starts once the steps it needs are done, on one of a few connections.

A load is a graph: each read of a data file fills its raw table; each intermediate SQL file builds its tables
and views from the staging views over some raw tables and from what earlier files built. Most of these steps
keep one core busy (DuckDB writes a table it creates on one thread), so two of them side by side finish
sooner than one after the other: the likes are read and their table built while the tweets' are.

What a SQL file needs is read from its text: every name it uses that another step makes (`sql_needs`). A name
too many only makes a step wait longer; the tests check that a load side by side equals one step at a time.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import duckdb

Run = Callable[[duckdb.DuckDBPyConnection], None]


class RunAlone(Exception):
    """Raised by a step that failed for want of memory beside the others: it runs again once nothing else runs,
    and nothing else starts while it does. Failing alone, `error` is what the load raises."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class Step:
    """One unit of the load: `run` on a connection, once every step named in `needs` is done."""

    name: str
    run: Run
    needs: frozenset[str] = frozenset()


def run_steps(cursors: Sequence[duckdb.DuckDBPyConnection], steps: Sequence[Step]) -> None:
    """Run `steps` on `cursors`, each connection one step at a time (the first in this thread, the others in
    threads of their own): among the steps whose needs are done, the one listed first. A step that raises
    RunAlone runs again alone (see there). The first failure stops the start of new steps, waits for the
    running ones, and is raised; Ctrl-C interrupts the running ones."""
    names = {s.name for s in steps}
    unknown = {need for s in steps for need in s.needs} - names
    if unknown:
        raise ValueError(f"steps need unknown steps: {sorted(unknown)}")
    state = threading.Condition()
    pending = list(steps)
    done: set[str] = set()
    running: set[str] = set()
    alone: set[str] = set()  # steps to run again with nothing beside them
    failures: list[BaseException] = []

    def take() -> Step | None:
        with state:
            while True:
                if failures or not pending:
                    return None
                ready = next((s for s in pending if s.needs <= done), None)
                if alone & running:
                    ready = None  # a step runs alone: nothing starts beside it
                elif ready is not None and ready.name in alone and running:
                    ready = None  # it waits for the running steps to end
                if ready is not None:
                    pending.remove(ready)
                    running.add(ready.name)
                    return ready
                if not running:  # nothing runs and nothing can start: the needs go round in a circle
                    failures.append(RuntimeError(f"steps wait on each other: {[s.name for s in pending]}"))
                    state.notify_all()
                    return None
                state.wait()

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        while (step := take()) is not None:
            error: BaseException | None = None
            try:
                step.run(cur)
            except BaseException as e:
                error = e
            with state:
                running.discard(step.name)
                if error is None:
                    done.add(step.name)
                elif isinstance(error, RunAlone) and step.name not in alone:
                    alone.add(step.name)
                    pending.insert(0, step)
                else:
                    failures.append(error.error if isinstance(error, RunAlone) else error)
                state.notify_all()

    threads = [threading.Thread(target=work, args=(cur,), daemon=True) for cur in cursors[1:]]
    for t in threads:
        t.start()
    try:
        work(cursors[0])
    except BaseException as e:  # Ctrl-C while this thread waited for a step to be ready
        with state:
            failures.append(e)
            state.notify_all()
    if failures and isinstance(failures[0], KeyboardInterrupt):
        for cur in cursors[1:]:
            cur.interrupt()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CREATES = re.compile(
    r"\bcreate\s+(?:or\s+replace\s+)?(?:table|view|macro)\s+(?:if\s+not\s+exists\s+)?"
    r"(?:[A-Za-z_][A-Za-z0-9_]*\.)?([A-Za-z_][A-Za-z0-9_]*)",
    re.IGNORECASE,
)


def sql_code(text: str) -> str:
    """SQL without its `--` comments (a `--` inside a quoted string is kept)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "'":
            end = i + 1
            while end < n:
                if text[end] == "'" and text[end + 1 : end + 2] != "'":
                    break
                end += 2 if text[end] == "'" else 1
            out.append(text[i : end + 1])
            i = end + 1
        elif text.startswith("--", i):
            newline = text.find("\n", i)
            i = n if newline < 0 else newline
        else:
            out.append(c)
            i += 1
    return "".join(out)


def sql_names(text: str) -> set[str]:
    """Every word of a SQL text outside its comments, lower case: the names it may use (and some words more)."""
    return {w.lower() for w in _WORD.findall(sql_code(text))}


def sql_creates(text: str) -> list[str]:
    """The tables, views and macros a SQL text creates, lower case, without their database (`roost_raw.`)."""
    return [name.lower() for name in _CREATES.findall(sql_code(text))]


_DEFINES = re.compile(r"\bcreate\s+(?:or\s+replace\s+)?(?:view|macro)\b", re.IGNORECASE)


def sql_reads(
    files: Sequence[tuple[str, str]],
    views: Mapping[str, str],
    tables: Iterable[str],
) -> dict[str, frozenset[str]]:
    """The tables of `tables` each SQL file (name and text, in the order they run one at a time) reads when it
    runs: directly, through a view of `views` (name -> its SQL), or through a view or macro an earlier file
    creates. A name too many only keeps a table longer."""
    wanted = {t.lower() for t in tables}
    defined = {name.lower(): sql_names(sql) for name, sql in views.items()}

    def through(word: str, seen: set[str]) -> set[str]:
        if word in wanted:
            return {word}
        if word not in defined or word in seen:
            return set()
        seen.add(word)
        return set().union(*(through(w, seen) for w in defined[word]))

    reads: dict[str, frozenset[str]] = {}
    for name, text in files:
        words = sql_names(text)
        reads[name] = frozenset(set().union(*(through(w, set()) for w in words)))
        if _DEFINES.search(sql_code(text)):  # whoever uses what it creates reads what it reads
            for created in sql_creates(text):
                defined[created] = words - {created}
    return reads


def sql_needs(
    files: Sequence[tuple[str, str]],
    views: Mapping[str, str],
    fills: Mapping[str, Iterable[str]],
) -> dict[str, frozenset[str]]:
    """What each SQL file (`files`: name and text, in the order they ran one at a time) needs: the earlier
    file that creates a name it uses; for a table of `fills` (name -> the steps that fill it) it reads
    (`sql_reads`: directly, through a view of `views` or through one an earlier file creates), those steps."""
    fillers = {name.lower(): frozenset(steps) for name, steps in fills.items()}
    reads = sql_reads(files, views, fillers)
    made_by: dict[str, str] = {}
    needs: dict[str, frozenset[str]] = {}
    for name, text in files:
        found = {made_by[word] for word in sql_names(text) if word in made_by}
        found = found.union(*(fillers[table] for table in reads[name]))
        needs[name] = frozenset(found - {name})
        for created in sql_creates(text):
            made_by.setdefault(created, name)
    return needs
