"""`roost report` and `roost demo`: one self-contained file, deterministic, private by default, safe to share."""

from __future__ import annotations

import datetime as dt
import fcntl
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, package_indicators
from roost.load import open_archive
from roost.options import Options
from roost.pipeline import AnalyzeOptions, ReportOptions, analyze, render
from roost.sample import write_sample_archive

WHEN = dt.datetime(2026, 1, 20, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return write_sample_archive(tmp_path_factory.mktemp("s") / "sample.zip", tweets=1500, zip=True)


def _render(source: Path, **kw) -> str:
    analysis = analyze(source, AnalyzeOptions(indicators=Options(tz=kw.pop("tz", None))))
    return render(analysis.document, ReportOptions(generated_at=WHEN, **kw))


def _private_strings(source: Path) -> dict[str, list[str]]:
    """E-mail, phone, IPs, DM texts and partners, and other accounts' handles, read from the loaded tables."""
    with open_archive(source) as loaded:
        con = loaded.con
        email, phone, owner = con.execute("select email, phone_number, owner_id from archive").fetchone()
        dm_texts = [r[0] for r in con.execute("select text from dm_messages where length(text) > 12").fetchall()]
        partners = [r[0] for r in con.execute("select distinct unnest(partner_ids) from dm_conversations").fetchall()]
        handles = [r[0] for r in con.execute(
            "select screen_name from handles where account_id <> ? and length(screen_name) >= 4", [owner]
        ).fetchall()]
    return {"email": [email] if email else [], "phone": [phone] if phone else [], "dm": dm_texts,
            "partners": partners, "handles": handles}


def test_demo_writes_a_labelled_sample_report(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(["demo", "--tweets", "400"])
    assert code == 0, err
    html = (tmp_path / "roost-demo.html").read_text()
    assert "synthetic sample" in html.lower() or "sample data" in html.lower()
    assert html.count("<html") == 1 and "<link" not in html and "<script" not in html


def test_report_is_self_contained_and_has_a_strict_csp(sample) -> None:
    html = _render(sample)
    head = html[: html.index("</head>")]
    import html as html_lib

    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head)
    policy = html_lib.unescape(csp.group(1)) if csp else ""
    assert "default-src 'none'" in policy and "script-src 'none'" in policy and "img-src data:" in policy
    assert head.index("Content-Security-Policy") < head.index("<title")
    assert not re.search(r'<(link|script|iframe|img)\b', html)
    assert not re.search(r'\s(src|srcset)=', html)
    assert len(html.encode()) < 2 * 1024 * 1024


def test_report_is_deterministic(sample) -> None:
    with package_indicators(fcntl.LOCK_SH):  # no test adds an indicator to the package between the two
        assert _render(sample) == _render(sample)


def test_the_owner_report_may_show_everything_the_shared_one_does_not(sample) -> None:
    private = _private_strings(sample)
    assert private["email"] and private["phone"] and private["dm"] and private["handles"]
    owner = _render(sample)
    assert private["email"][0] in owner
    shared = _render(sample, share=True)
    for kind, values in private.items():
        for v in values:
            assert v not in shared, (kind, v)
    assert "@roost_sample" in shared  # the owner's own handle stays
    kept = _render(sample, share=True, keep_handles=True)
    assert any(h in kept for h in private["handles"])
    for v in private["email"] + private["phone"] + private["dm"]:
        assert v not in kept


def test_shared_hostile_report_leaks_nothing(tmp_path: Path) -> None:
    src = FIXTURES / "hostile_strings"
    private = _private_strings(src)
    shared = _render(src, share=True)
    for secret in ("victim@example.invalid", "+15550001111", "SECRET-DM-TEXT-42"):
        assert secret not in shared
    for kind in ("email", "phone", "dm", "partners"):
        for v in private[kind]:
            assert v not in shared, (kind, v)


def test_hostile_strings_come_out_inert() -> None:
    html = _render(FIXTURES / "hostile_strings")
    body = html[html.index("<body"):]
    assert "<script" not in body
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", body)
    for href in re.findall(r'href="([^"]*)"', body):
        assert href.startswith(("http://", "https://", "#")), href
    assert "javascript:" not in body.lower()


def test_french_report_uses_the_lessons_words(sample) -> None:
    html = _render(sample, lang="fr")
    for word in ("Abonnés", "Abonnements", "Amis", "Tweets par jour", "RT faits", "RT reçus"):
        assert word in html, word


def test_grailbird_report_says_unknown_not_zero() -> None:
    html = _render(FIXTURES / "grailbird")
    assert 'id="i-followers"' not in html, "no card for a figure this archive cannot hold"
    box = html[html.index('class="box"'):html.index("</section>", html.index('class="box"'))]
    assert "tweet archive of 2012-2018" in box and "Followers" in box
    glossary = re.search(r"<small><code>followers</code></small></td><td><bdi>unknown</bdi><small>([^<]+)</small>", html)
    assert glossary and "never holds" in glossary.group(1)
