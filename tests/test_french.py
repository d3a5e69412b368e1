"""French reports and the French batch index say everything in French: no English sentence, no
specification word (column names, `null`, thresholds), warnings included. Data from the archive (tweets,
names, apps, hashtags, sites, file paths) is left as it is and left out of the scan."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from roost.cli import app

REAL = os.environ.get("ROOST_REAL_ARCHIVES")

# Words and phrases of the English report, and words of the specification, that a French page never shows.
ENGLISH = (
    "Unknown", "unknown", "null", "threshold", "Threshold", "is_follower", "you_follow", "replies =", "mentions =",
    "_share", "_count", "_id", "files listed", "not in the archive", "skipped", "Load warnings", "Followers",
    "followers", "Following", "Tweets per day", "likes and retweets", "the archive", " of your ", "Next steps",
    "What the verdict", "Share of", "more than once", "Yes", "Accounts", "Retweets made", "per day", "rows",
    "Figure", "Points to", "Out of", "long-term", "Long-term", "not_enough_data", "long_term", "toward_",
    "ties by", "Account", "Value", "Tweets in the", "Hashtag</th>", " and ", " the ", "Private report",
)
# Where the archive's own text is: tweets, table cells (names, apps, hashtags, sites), code, paths in facts.
DATA = {"code", "style", "script", "svg", "title"}
DATA_CLASSES = {"text", "facts"}


class Visible(HTMLParser):
    """The text a reader sees, outside the archive's own data."""

    VOID = {"br", "meta", "link", "img", "input", "rect", "path", "line", "circle", "col", "hr", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.lines: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        data = tag in DATA or bool(classes & DATA_CLASSES) or (tag == "bdi" and any(t == "td" for t, _ in self.stack))
        self.stack.append((tag, data or (bool(self.stack) and self.stack[-1][1])))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not (self.stack and self.stack[-1][1]):
            self.lines.append(" " + " ".join(data.split()) + " ")


# A word is matched whole ("null", not "nulle"); a phrase or a fragment (`_share`) as written.
PATTERNS = [(w, re.compile(rf"\b{re.escape(w)}\b") if w.isalpha() else None) for w in ENGLISH]


def english_in(html: str) -> list[str]:
    parser = Visible()
    parser.feed(html)
    found = []
    for line in parser.lines:
        hits = [w for w, rx in PATTERNS if (rx.search(line) if rx else w in line)]
        if hits:
            found.append(f"{hits[0]!r} in {line.strip()[:140]!r}")
    return found


def _sources() -> list[tuple[str, Path]]:
    out = [(p.name, p) for p in sorted(FIXTURES.iterdir()) if p.is_dir()]
    if REAL:
        out += [(p.name, p) for p in sorted(Path(REAL).iterdir()) if p.is_dir()]
    return out


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    from roost.sample import write_sample_archive

    return write_sample_archive(tmp_path_factory.mktemp("sample") / "sample.zip", tweets=2000, zip=True)


@pytest.mark.parametrize("share", (False, True), ids=("owner", "share"))
@pytest.mark.parametrize("name", [n for n, _ in _sources()] + ["sample"])
def test_a_french_report_says_nothing_in_english(name: str, share: bool, sample: Path, tmp_path: Path) -> None:
    source = sample if name == "sample" else dict(_sources())[name]
    out = tmp_path / "r.html"
    args = ["report", str(source), "-o", str(out), "--lang", "fr", "--topic", "roost,css", "--skip-broken"]
    result = CliRunner().invoke(app, args + (["--share"] if share else []))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert english_in(html) == []


def test_the_scan_finds_english(tmp_path: Path) -> None:
    """The scan itself: it sees an English sentence outside the data, and not inside a tweet."""
    assert english_in('<p>Load warnings</p>') != []
    assert english_in('<ul class="notes"><li><bdi>3 files listed by the manifest</bdi></li></ul>') != []
    assert english_in('<p class="text"><bdi>the archive and the rest</bdi></p>') == []


def test_the_french_batch_index_says_nothing_in_english(sample: Path, tmp_path: Path) -> None:
    from roost.sample import write_sample_archive

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, n in enumerate((300, 1200)):
        write_sample_archive(corpus / f"a{i}.zip", tweets=n, seed=i, owner_id=str(7000 + i), username=f"compte{i}",
                             zip=True)
    (corpus / "broken.zip").write_bytes(b"PK\x03\x04 not a zip")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(corpus), "-o", str(out), "--lang", "fr", "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in index
    assert "1\u202f200" in index or "1 200" in index or "1\xa0200" in index  # numbers as French writes them
    assert english_in(index) == []


@pytest.mark.parametrize("damage", [
    ("data/like.js", b'window.YTD.like.part0 = [ {"like" : {"tweetId" : "1"} }, {'),  # truncated JSON
    ("data/like.js", b"\x00\x01 not an archive file at all"),  # no envelope: the archive layer refuses it
])
def test_a_damaged_file_skipped_is_said_in_french(damage: tuple[str, bytes], tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "archive"
    shutil.copytree(FIXTURES / "ytd2022_parts_edits", folder)
    (folder / damage[0]).write_bytes(damage[1])
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(folder), "-o", str(out), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "data/like.js" in result.output and "skipped" in result.output  # the terminal says it in English
    html = out.read_text(encoding="utf-8")
    assert "data/like.js" in html and "ignoré, le reste est chargé" in html
    assert english_in(html) == []
