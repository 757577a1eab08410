"""The HTML page in a real browser: headless Chromium driven through chromedriver (Selenium).

Each page is rendered from a converted document (the Chinese sample, English corpus texts, one
of them with annexes) or from the Arabic render fixture, written to a file and opened from its
file:// URL. A page must log no console error, load nothing but itself (the performance log
carries the DevTools Network events), have every in-page link land on its target when clicked,
and pass axe-core (tests/assets/axe-core, vendored) with no `serious` or `critical` violation
and with a main landmark holding all the content.

Set-up: Debian's `chromium` and `chromium-driver` (scripts/setup.sh) and the `selenium` of the
`test` extra. Without them the tests are skipped. Selenium Manager is never used: the driver
path is given to the Service, and SE_OFFLINE keeps the manager from fetching anything.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest

from converter import convert
from converter.writers import render_html

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
AXE = TESTS / "assets" / "axe-core" / "axe.min.js"

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip(
        "headless browser tests need Debian's chromium and chromium-driver "
        "(apt-get install chromium chromium-driver, see scripts/setup.sh)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip(
    "selenium.webdriver", reason="headless browser tests need selenium (the `test` extra)"
)
from selenium.webdriver.chrome.service import Service  # noqa: E402

#: page name -> how to get its AKN: a text to convert, or an AKN file to render as it is.
PAGES = {
    "zh-sample": ROOT / "samples" / "A-C.3-74-L.18.zh.txt",
    "en-S_2024_557-annexes": TESTS / "fixtures" / "corpus" / "S_2024_557.en.pdftotext.txt",
    "en-A_RES_73_3-annexes": TESTS / "fixtures" / "corpus" / "A_RES_73_3.en.pdftotext.txt",
    "en-A_RES_73_6-repeated-notes": TESTS / "fixtures" / "corpus" / "A_RES_73_6.en.pdftotext.txt",
    "ar-fixture": TESTS / "fixtures" / "render" / "ar-short.akn.xml",
}
#: axe impacts that fail a page; the lesser ones are printed. The landmark rules fail it too.
FAILING_IMPACTS = {"serious", "critical"}
FAILING_RULES = {"landmark-one-main", "region"}
#: window widths: a desktop wide enough for the side notes of un-screen.css (min-width 72em),
#: and a narrow one where the notes sit under the line that calls them
WIDTHS = {"wide": 1400, "narrow": 700}
HEIGHT = 900

BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # without these Chromium reaches for the network (closed here) at start-up and after
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pages")
    files = {}
    for name, source in PAGES.items():
        if source.suffix == ".xml":
            akn = source.read_bytes()
        else:
            result = convert(source, name=source.name)
            assert result.xml is not None, [d.format() for d in result.diagnostics]
            akn = result.xml
        files[name] = out / f"{name}.html"
        files[name].write_text(render_html(akn), encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def browser():
    with pytest.MonkeyPatch.context() as env:
        # Selenium Manager is skipped when the Service has a path; offline, should it ever run
        env.setenv("SE_OFFLINE", "true")
        yield from _chromium()


def _chromium():
    profile = tempfile.mkdtemp(prefix="un2akn-chromium-")  # a new, empty profile
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in BROWSER_FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    # console messages, and the DevTools Network/Page events of every request
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, path: Path, width: str) -> tuple[list[dict], list[str]]:
    """Load ``path`` in a blank tab of ``WIDTHS[width]``; (console entries, URLs requested)
    while it loaded."""
    driver.set_window_size(WIDTHS[width], HEIGHT)
    driver.get("about:blank")
    driver.get_log("browser"), driver.get_log("performance")  # drain what came before
    driver.get(path.as_uri())  # returns once the load event has fired
    return driver.get_log("browser"), requested_urls(driver)


def requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_no_console_error_and_no_request_but_the_page(browser, pages, name, width):
    console, urls = open_page(browser, pages[name], width)
    errors = [e for e in console if e["level"] == "SEVERE"]  # console.error, uncaught errors
    assert errors == [], errors
    assert urls == [pages[name].as_uri()], urls
    # a little life on the page (scrolling, focusing, hovering the links) loads nothing either
    browser.execute_script("""
        window.scrollTo(0, document.body.scrollHeight);
        for (const a of document.querySelectorAll('a')) {
          a.focus(); a.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); }
        window.scrollTo(0, 0);""")
    assert requested_urls(browser) == []
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


#: For each in-page link: its target exists; after a real click the URL's fragment is the
#: target's id, the target is :target, is rendered, and was scrolled to the top of the window
#: (or as far as the page scrolls: the window is at the bottom and the target in view).
CHECK_LANDING = """
const [id] = arguments;
const target = document.getElementById(id);
const top = target.getBoundingClientRect().top;
const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
return {hash: decodeURIComponent(location.hash.slice(1)), isTarget: target.matches(':target'),
        visible: target.checkVisibility({visibilityProperty: true}), top: top,
        inView: top >= -2 && top < window.innerHeight, atBottom: atBottom};
"""


def link_problems(driver) -> tuple[int, list[str], list[tuple[str, dict]]]:
    """Click every in-page link of the open page: (how many, targets that are no element,
    links that did not land on their target with what was seen instead)."""
    from selenium.webdriver.common.by import By

    links = driver.find_elements(By.CSS_SELECTOR, 'a[href^="#"]')
    missing, astray = [], []
    for link in links:
        href = link.get_attribute("href")  # absolute: file:///…#id
        target = link.get_dom_attribute("href")[1:]
        if not driver.execute_script("return !!document.getElementById(arguments[0])", target):
            missing.append(target)
            continue
        driver.execute_script("window.scrollTo(0, 0)")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        got = driver.execute_script(CHECK_LANDING, target)
        ok = (
            got["hash"] == target
            and got["isTarget"]
            and got["visible"]
            and got["inView"]
            and (abs(got["top"]) <= 2 or got["atBottom"])
        )
        if not ok:
            astray.append((href, got))
    return len(links), missing, astray


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_every_in_page_link_lands_on_its_target(browser, pages, name, width):
    open_page(browser, pages[name], width)
    count, missing, astray = link_problems(browser)
    assert count, "the page has no in-page link"
    assert missing == [], f"links to no element: {missing}"
    assert astray == [], f"links that did not move to their target: {astray[:5]}"


def test_the_checks_see_what_they_look_for(browser, tmp_path):
    """A page with a console error, a request, a broken link and a link to a hidden target."""
    (tmp_path / "other.css").write_text("p { color: #333 }", encoding="utf-8")
    page = tmp_path / "bad.html"
    page.write_text(
        """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
        <title>bad</title><link rel="stylesheet" href="other.css"></head><body>
        <p><a href="#nowhere">broken</a> <a href="#hidden">hidden</a></p>
        <p id="hidden" style="display: none">x</p>
        <script>console.error("on purpose")</script></body></html>""",
        encoding="utf-8",
    )
    console, urls = open_page(browser, page, "narrow")
    assert [e for e in console if e["level"] == "SEVERE" and "on purpose" in e["message"]]
    assert urls == [page.as_uri(), (tmp_path / "other.css").as_uri()]
    count, missing, astray = link_problems(browser)
    assert (count, missing, [href.rsplit("#")[1] for href, _ in astray]) == (
        2,
        ["nowhere"],
        ["hidden"],
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_violation(browser, pages, name, width):
    open_page(browser, pages[name], width)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
           .then(r => done({version: axe.version, violations: r.violations.map(v => ({
                 id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                 nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 200) + '\\n    '
                        + n.failureSummary.replace(/\\n/g, '\\n    '))}))}),
                 e => done({error: String(e)}));""")
    assert "error" not in result, result
    violations = result["violations"]
    for v in violations:  # shown with -s, and in the report of a failing test
        print(
            f"axe {result['version']} {name} {width}: {v['impact']} {v['id']} ×{v['count']}: "
            f"{v['help']}"
        )
        for node in v["nodes"]:
            print("   ", node)
    failing = [
        v["id"] for v in violations if v["impact"] in FAILING_IMPACTS or v["id"] in FAILING_RULES
    ]
    assert failing == [], f"axe violations: {failing} (printed above)"
    assert requested_urls(browser) == [], "axe's run loaded something"
