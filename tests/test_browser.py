"""The report in a real browser: Playwright driving Debian's Chromium.

Opens reports of the sample archive and of the hostile fixture, records every request (none may leave the
file), every console message, dialog and CSP violation, checks the key numbers shown equal `roost
indicators`, that hostile strings stay inert, and saves screenshots (ROOST_SCREENSHOTS, default a temporary
folder). Skips, saying why, where Chromium or Playwright is missing, unless ROOST_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("ROOST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("ROOST_REQUIRE_BROWSER") == "1"


def _why_not() -> str | None:
    if CHROMIUM is None:
        return "Debian's chromium is not installed (apt-get install chromium); the browser test cannot run"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _why_not()
    if reason:
        if REQUIRED:
            pytest.fail(reason + " (ROOST_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("ROOST_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


CSP_PROBE = """
window.__roost = {csp: [], nodes: 0};
document.addEventListener('securitypolicyviolation', e => window.__roost.csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _open(browser, html: Path, shot: Path, width: int = 1280) -> dict:
    """Open a report file, record what it tries to do, take a full-page screenshot."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    seen = {"requests": [], "console": [], "dialogs": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))

    def on_dialog(d):
        seen["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)

    def route(r):
        if r.request.url == html.resolve().as_uri():
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.add_init_script(CSP_PROBE)
    page.goto(html.resolve().as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    seen["csp"] = page.evaluate("window.__roost ? window.__roost.csp : []")
    seen["scripts"] = page.evaluate("document.querySelectorAll('script').length")
    seen["handlers"] = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on'))"
        ".map(a => e.tagName + ' ' + a.name))"
    )
    seen["hrefs"] = page.evaluate("[...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))")
    seen["srcs"] = page.evaluate("[...document.querySelectorAll('[src],[srcset],[data]')].map(e => e.outerHTML.slice(0, 80))")
    seen["iframes"] = page.evaluate("document.querySelectorAll('iframe,object,embed,form,base,meta[http-equiv=refresh]').length")
    seen["csp_meta"] = page.evaluate(
        "(document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]') || {}).content || ''"
    )
    seen["cards"] = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('article.card[id^=\"i-\"]')]"
        ".map(c => [c.id.slice(2), c.querySelector('.big').textContent.trim()]))"
    )
    page.screenshot(path=str(shot), full_page=True)
    context.close()
    return seen


def _assert_inert(seen: dict, html: Path) -> None:
    assert seen["requests"] == [html.resolve().as_uri()], seen["requests"]
    assert seen["dialogs"] == []
    assert seen["errors"] == []
    assert [c for c in seen["console"] if c.startswith("error")] == []
    assert seen["csp"] == []
    assert seen["scripts"] == 0
    assert seen["handlers"] == []
    assert seen["iframes"] == 0
    assert seen["srcs"] == []
    for href in seen["hrefs"]:
        assert href.startswith(("http://", "https://", "#")), href
    csp = seen["csp_meta"]
    assert "default-src 'none'" in csp and "script-src 'none'" in csp and "base-uri 'none'" in csp


def _number(text: str) -> tuple[float, float]:
    """A displayed figure and half its last displayed unit (English formatting)."""
    t = text.replace(",", "").replace("\u202f", "").replace("\xa0", "").strip()
    percent = t.endswith("%")
    t = t.rstrip("%").strip()
    value = float(t)
    decimals = len(t.split(".", 1)[1]) if "." in t else 0
    tol = 0.5 * 10**-decimals
    return (value / 100, tol / 100) if percent else (value, tol)


KEY_NUMBERS = ("followers", "following", "mutuals", "following_followers_ratio", "mutual_share", "tweets_total",
               "tweets_per_day", "retweets_made", "retweets_received", "likes_received", "conversation_share",
               "engagement_top10_share", "followers_interacted_share", "active_days", "replies_made", "quotes_made")


def _report_and_values(cli, source: Path, html: Path, *args: str) -> dict:
    code, _, err = cli(["report", source, "-o", html, *args])
    assert code == 0, err
    code, out, err = cli(["indicators", source, "--format", "json", *args[:0]])
    assert code == 0, err
    return json.loads(out)["indicators"]


def test_sample_report_in_chromium(browser, cli, shots, tmp_path: Path) -> None:
    from roost.sample import write_sample_archive

    archive = write_sample_archive(tmp_path / "sample.zip", tweets=3000, zip=True)
    html = tmp_path / "sample.html"
    values = _report_and_values(cli, archive, html)
    seen = _open(browser, html, shots / "sample-1280.png")
    _assert_inert(seen, html)
    checked = 0
    for ident in KEY_NUMBERS:
        assert ident in seen["cards"], f"no card for {ident}"
        shown, tol = _number(seen["cards"][ident])
        assert abs(shown - values[ident]) <= tol + 1e-9, (ident, seen["cards"][ident], values[ident])
        checked += 1
    assert checked == len(KEY_NUMBERS)
    phone = _open(browser, html, shots / "sample-390.png", width=390)
    _assert_inert(phone, html)


def test_hostile_report_is_inert_in_chromium(browser, cli, shots, tmp_path: Path) -> None:
    html = tmp_path / "hostile.html"
    values = _report_and_values(cli, FIXTURES / "hostile_strings", html)
    seen = _open(browser, html, shots / "hostile-1280.png")
    _assert_inert(seen, html)
    shown, tol = _number(seen["cards"]["tweets_total"])
    assert shown == values["tweets_total"]


def test_hostile_custom_indicator_and_french_share_report(browser, cli, shots, tmp_path: Path) -> None:
    custom = tmp_path / "sql"
    custom.mkdir()
    (custom / "xss_probe.sql").write_text(
        "-- title: <script>alert('title')</script> | \"><img src=x onerror=alert(2)>\n"
        "-- shape: table\n-- section: custom\n-- needs: tweets\n"
        "-- definition: <svg onload=alert(3)> javascript:alert(4)\n"
        "select full_text as \"<b onmouseover=alert(5)>\", 'javascript:alert(6)' as link from tweets limit 5\n"
    )
    html = tmp_path / "share.html"
    code, _, err = cli(["report", FIXTURES / "hostile_strings", "-o", html, "--share", "--lang", "fr",
                        "--indicators-dir", custom])
    assert code == 0, err
    seen = _open(browser, html, shots / "hostile-share-fr.png")
    _assert_inert(seen, html)
    text = html.read_text()
    for secret in ("victim@example.invalid", "+15550001111", "SECRET-DM-TEXT-42"):
        assert secret not in text


def test_batch_index_sorts_in_chromium(browser, cli, shots, tmp_path: Path) -> None:
    from roost.sample import write_sample_archive

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, n in enumerate((300, 900, 600)):
        write_sample_archive(corpus / f"a{i}.zip", tweets=n, seed=i, owner_id=str(5000 + i), username=f"acct{i}", zip=True)
    out = tmp_path / "out"
    code, _, err = cli(["batch", corpus, "-o", out, "--jobs", "1"])
    assert code == 0, err
    index = out / "index.html"
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(index.resolve().as_uri())
    col = ["account", "archive date", "snapshots", "followers", "following", "mutuals", "mutual_share",
           "tweets_total"].index("tweets_total")

    def column() -> list[int]:
        return [int(t.replace(",", "")) for t in page.eval_on_selector_all(
            "table.sortable tbody tr", f"rows => rows.map(r => r.cells[{col}].textContent.trim())")]

    page.click(f"table.sortable th:nth-child({col + 1}) button")
    assert column() == sorted(column()) and len(column()) == 3
    page.click(f"table.sortable th:nth-child({col + 1}) button")
    assert column() == sorted(column(), reverse=True)
    page.screenshot(path=str(shots / "batch-index.png"), full_page=True)
    context.close()
    assert errors == []


WIDE = """() => {
  // Elements whose right edge passes the viewport, other than inside a box that scrolls sideways on its own.
  const W = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1) continue;
    let box = el.parentElement, scrolls = false;
    for (; box; box = box.parentElement) {
      const o = getComputedStyle(box).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { scrolls = true; break; }
    }
    if (!scrolls) out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.right));
  }
  return {wide: out.slice(0, 10), page: document.documentElement.scrollWidth, view: W};
}"""


@pytest.fixture(scope="module")
def layouts(tmp_path_factory) -> dict[str, Path]:
    """Reports of the sample archive, English and French, owner and shared."""
    from typer.testing import CliRunner

    from roost.cli import app
    from roost.sample import write_sample_archive

    folder = tmp_path_factory.mktemp("layouts")
    archive = write_sample_archive(folder / "sample.zip", tweets=3000, zip=True)
    out = {}
    for lang in ("en", "fr"):
        for mode in ("owner", "share"):
            html = folder / f"sample-{lang}-{mode}.html"
            args = ["report", str(archive), "-o", str(html), "--lang", lang, "--topic", "roost,duckdb"]
            result = CliRunner().invoke(app, args + (["--share"] if mode == "share" else []))
            assert result.exit_code == 0, result.output
            out[f"{lang}-{mode}"] = html
    return out


@pytest.mark.parametrize("width", (390, 1280))
@pytest.mark.parametrize("variant", ("en-owner", "en-share", "fr-owner", "fr-share"))
def test_nothing_is_wider_than_the_screen(browser, layouts, shots, variant: str, width: int) -> None:
    """At a phone's 390 px and a laptop's 1280 px, with every folded part opened: no element passes the right
    edge (a wide table scrolls inside its own box), and the page does not scroll sideways."""
    html = layouts[variant]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url == html.resolve().as_uri() else r.abort())
    page.goto(html.resolve().as_uri())
    page.screenshot(path=str(shots / f"layout-{variant}-{width}.png"))
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    got = page.evaluate(WIDE)
    lang = page.evaluate("document.documentElement.lang")
    context.close()
    assert got["wide"] == [], got
    assert got["page"] <= got["view"], got
    assert lang == variant[:2]


def test_print_shows_what_the_screen_folds(browser, layouts) -> None:
    """Printed, the verdict's reasons and the folded reference tables are on paper; on screen they are folded."""
    html = layouts["en-owner"]
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.goto(html.resolve().as_uri())
    query = ("[...document.querySelectorAll('details.reasons table, details.folded table')]"
             ".map(t => t.checkVisibility())")
    on_screen = page.evaluate(query)
    page.emulate_media(media="print")
    printed = page.evaluate(query)
    context.close()
    assert on_screen and not any(on_screen)
    assert printed and all(printed)
