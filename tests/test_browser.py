"""The built editions in a real browser (headless Chromium): what a reader sees.

Needs Debian's ``chromium`` and ``chromium-driver`` and the ``fonts-noto-core`` fonts
(``.ci/run`` installs them). Outside CI the tests are skipped when Chromium is missing;
in CI (``CI`` set) a missing browser fails them.
"""

from __future__ import annotations

import base64
import functools
import os
import shutil
import struct
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import newslib

from .support.paths import CONTENT, SEED_ID

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER) and not os.environ.get("CI"):
    pytest.skip("headless Chromium is not installed here", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

EDITIONS = {
    "en-georgian-official": ("en", "ltr", None),
    "en-russian-usage": ("en", "ltr", None),
    "ru": ("ru", "ltr", None),
    "de": ("de", "ltr", None),
    "fr": ("fr", "ltr", None),
    "ka": ("ka", "ltr", "Georgian"),
    "ar": ("ar", "rtl", "Arabic"),
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("site")
    newslib.build(CONTENT, out, jobs=1)
    handler = functools.partial(_Quiet, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    assert CHROMIUM and DRIVER, "install chromium and chromium-driver (see .ci/run)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1000,1400",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def fonts_of(driver: webdriver.Chrome, selector: str) -> list[dict[str, Any]]:
    """The fonts Chromium really drew an element's text with (DevTools protocol)."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})
    fonts: list[dict[str, Any]] = driver.execute_cdp_cmd(
        "CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]}
    )["fonts"]
    return fonts


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_what_a_reader_sees(
    site: str, browser: webdriver.Chrome, edition: str, tmp_path: Path
) -> None:
    lang, direction, script = EDITIONS[edition]
    browser.get_log("browser")  # start with an empty console
    browser.get(f"{site}/{edition}/{SEED_ID}.html")
    html = browser.find_element("tag name", "html")
    assert html.get_attribute("lang") == lang
    assert (
        browser.execute_script("return getComputedStyle(document.documentElement).direction")
        == direction
    )
    assert browser.find_element("tag name", "h1").text.strip()

    if script is not None:  # every glyph drawn with a font that has the script
        fonts = fonts_of(browser, "p.section")
        assert fonts and all(f["glyphCount"] > 0 for f in fonts)
        families = " ".join(f["familyName"] for f in fonts)
        assert script in families or (script == "Arabic" and "Naskh" in families), families
        browser.save_screenshot(str(tmp_path / f"{edition}.png"))

    links = [
        a.get_attribute("href") for a in browser.find_elements("css selector", "nav.editions a")
    ]
    assert len(links) == len(EDITIONS) - 1  # every other edition; its own is not listed
    assert not any(f"/{edition}/" in link for link in links)
    statuses = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "Promise.all(arguments[0].map(u => fetch(u).then(r => r.status))).then(done);",
        links,
    )
    assert statuses == [200] * len(links)
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_index_and_feed_are_served(site: str, browser: webdriver.Chrome) -> None:
    browser.get(f"{site}/ru/index.html")
    assert (
        browser.find_element("css selector", "ul.articles a")
        .get_attribute("href")
        .endswith(f"{SEED_ID}.html")
    )
    assert browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('feed.atom').then(r => r.text()).then(done);"
    ).startswith("<?xml")


# What the LTR runs of a right-to-left page must be: their own isolated, left-to-right boxes.
ISOLATED = """
const runs = [...document.querySelectorAll(arguments[0])];
return runs.map(el => {
  const style = getComputedStyle(el);
  const text = el.firstChild && el.firstChild.nodeType === 3 ? el.firstChild : null;
  let order = null;
  if (text && text.length > 1) {
    const range = document.createRange();
    range.setStart(text, 0); range.setEnd(text, 1);
    const first = range.getBoundingClientRect();
    range.setStart(text, text.length - 1); range.setEnd(text, text.length);
    const last = range.getBoundingClientRect();
    order = first.left < last.left;
  }
  const box = el.getBoundingClientRect();
  const rects = [...el.getClientRects()].map(r => [r.left, r.right, r.top]);
  return {text: el.textContent, direction: style.direction, bidi: style.unicodeBidi,
          rects: rects, width: box.width, ltr: order};
});
"""

# The screenshot decoded by the browser itself: its size, and how many pixels are not white.
DECODE = """
const done = arguments[arguments.length - 1];
const image = new Image();
image.onload = () => {
  const canvas = document.createElement('canvas');
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked++;
  }
  done({width: image.width, height: image.height, inked: inked});
};
image.src = 'data:image/png;base64,' + arguments[0];
"""


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        (f"ar/{SEED_ID}.html", "nav.editions a:not([lang=ar]), p.meta time, bdi.dateline"),
        ("ar/index.html", "nav.editions a:not([lang=ar]), p.meta time, bdi.corrected"),
    ],
)
def test_rtl_pages_isolate_their_ltr_runs(
    site: str, browser: webdriver.Chrome, tmp_path: Path, path: str, runs: str
) -> None:
    browser.get(f"{site}/{path}")
    assert browser.execute_script("return document.documentElement.dir") == "rtl"
    shot = tmp_path / "page.png"
    assert browser.save_screenshot(str(shot))
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # IHDR
    viewport = browser.execute_script(
        "return [innerWidth * devicePixelRatio, innerHeight * devicePixelRatio]"
    )
    assert [width, height] == [round(v) for v in viewport]
    decoded = browser.execute_async_script(DECODE, base64.b64encode(png).decode())
    assert (decoded["width"], decoded["height"]) == (width, height)
    assert decoded["inked"] > width * height // 500, "the screenshot is blank"

    found = browser.execute_script(ISOLATED, runs)
    assert len(found) >= 3, found
    for run in found:
        assert run["bidi"] == "isolate", run  # its own box in the bidi algorithm
        assert run["width"] > 0, run
        rects = sorted(run["rects"])  # its pieces (one per bidi run inside it) …
        assert len({round(top) for _, _, top in rects}) == 1, run  # … on one line …
        for (_, right), (left, _) in zip(
            [r[:2] for r in rects], [r[:2] for r in rects[1:]], strict=False
        ):
            assert abs(left - right) < 1.5, run  # … side by side: nothing of the line between
    latin = [r for r in found if r["direction"] == "ltr"]
    assert latin and all(r["ltr"] for r in latin), latin  # read left to right inside RTL
