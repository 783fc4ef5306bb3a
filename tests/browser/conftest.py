"""Headless Chromium (Debian's chromium and chromium-driver) driving the portal served by a live server.

Without the browser the tests are skipped with the reason printed; with REQUIRE_BROWSER=1 (set by .ci/run, which
installs it) a missing browser fails them instead, so CI cannot pass by skipping."""
import re
import shutil
import threading
import time
from pathlib import Path

import pytest

from tests.needs import missing

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM = ("/usr/bin/chromium", "chromium")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")


def _find(candidates: tuple[str, ...]) -> str | None:
    return next((found for name in candidates if (found := shutil.which(name))), None)


@pytest.fixture(scope="session")
def _browser_binaries():
    chromium, driver = _find(CHROMIUM), _find(CHROMEDRIVER)
    if chromium and driver:
        return chromium, driver
    reason = "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
    missing(reason, "REQUIRE_BROWSER")


@pytest.fixture(scope="session")
def downloads(tmp_path_factory) -> Path:
    """The folder the browser saves downloads into."""
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def _static_root(tmp_path_factory):
    """A static root for the live server's WhiteNoise, which looks for it once, when the server starts (before
    any test's own settings); a fresh clone has no collected static files."""
    from django.test import override_settings

    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("live-static")):
        yield


@pytest.fixture(scope="session")
def _driver(_browser_binaries, downloads, _static_root, live_server):
    # live_server is asked for so the browser quits first: its idle keep-alive connections would otherwise end
    # in server threads after the server has stopped sharing the in-memory SQLite connection.
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = _browser_binaries
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--lang=zh-CN"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "plugins.always_open_pdf_externally": True, "intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.implicitly_wait(0)
    yield driver
    driver.quit()
    # The server's request threads end once the browser's sockets close; wait for them, so they have given back
    # their database connections before the test database is dropped.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
            "process_request_thread" in thread.name for thread in threading.enumerate()):
        time.sleep(0.05)


@pytest.fixture
def browser(_driver, live_server, downloads):
    """The session's browser with no cookies and an empty download folder."""
    _driver.get(live_server.url + "/healthz")  # cookies can only be cleared on the site's own origin
    _driver.delete_all_cookies()
    for old in downloads.iterdir():
        old.unlink()
    return _driver


@pytest.fixture
def visit(browser, live_server):
    """Open a path of the live server in the browser."""
    return lambda path: browser.get(live_server.url + path)


@pytest.fixture
def screenshot(request, browser):
    """Save a screenshot of the browser's window as test-artifacts/browser/<test>-<n>-<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"\W+", "-", request.node.name).strip("-")
    for old in ARTIFACTS.glob(f"{test}-*.png"):
        old.unlink()
    counter = iter(range(1, 100))

    def save(step: str) -> Path:
        path = ARTIFACTS / f"{test}-{next(counter):02d}-{step}.png"
        assert browser.save_screenshot(str(path)), f"screenshot {path} was not written"
        return path
    return save


def wait_for_download(folder: Path, suffix: str, seconds: float = 20) -> Path:
    """The one finished file with this suffix in the download folder, once the browser has written it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        partial = [p for p in folder.iterdir() if p.name.endswith(".crdownload")]
        if done and not partial:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} download in {seconds} s; folder holds {[p.name for p in folder.iterdir()]}")
