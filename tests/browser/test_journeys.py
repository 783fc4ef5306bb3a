"""What a visitor does in a real browser: search and refine, open a subject, export a list view, switch language,
download a credit report. Each step leaves a screenshot in test-artifacts/browser/."""
import csv
import io

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import wait_for_download

# Serialized rollback brings back what migrations seed (tiers, lists, publication rules) after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _wait(browser, condition, seconds: float = 10):
    # While the next page loads, an element of the previous one may go stale under the condition.
    return WebDriverWait(browser, seconds, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
                         ).until(condition)


def _search(browser, visit, words: str) -> None:
    visit("/")
    box = browser.find_element(By.ID, "q")
    box.send_keys(words)
    box.submit()
    _wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, ".result-count")))


def test_a_search_is_refined_by_clicking_a_facet(browser, visit, screenshot, portal_data):
    _search(browser, visit, "测试")  # in the names of penalised companies and of listed ones
    screenshot("results")
    total = len(browser.find_elements(By.CSS_SELECTOR, "li.hit"))
    facet = browser.find_element(By.CSS_SELECTOR, '.facet[data-facet="dataset"] li:last-child')
    label = facet.find_element(By.TAG_NAME, "a").text
    expected = int(facet.find_element(By.CSS_SELECTOR, ".count").text)
    assert 0 < expected < total
    facet.find_element(By.TAG_NAME, "a").click()
    chip = _wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, ".active-filters .chip")))
    screenshot("facet-clicked")
    assert chip.text.startswith(label)
    assert "dataset=" in browser.current_url and "q=%E6%B5%8B%E8%AF%95" in browser.current_url
    assert len(browser.find_elements(By.CSS_SELECTOR, "li.hit")) == expected
    # In Chinese a hit's tag and its dataset's facet read the same (行政处罚, 名单记录).
    assert {tag.text for tag in browser.find_elements(By.CSS_SELECTOR, "li.hit .tag")} == {label}


def test_a_hit_leads_to_its_subject_profile(browser, visit, screenshot, portal_data):
    from apps.records.models import Penalty

    name = Penalty.objects.filter(state="published", party_category="法人及非法人组织").first().party_name
    _search(browser, visit, name)
    screenshot("results")
    browser.find_element(By.CSS_SELECTOR, "li.hit a.title").click()
    screenshot("penalty")
    browser.find_element(By.PARTIAL_LINK_TEXT, "该主体的全部公示信息").click()
    heading = _wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "h1")))
    screenshot("subject")
    assert heading.text == name
    assert browser.find_elements(By.CSS_SELECTOR, "ol.timeline li.dataset-penalty")


def test_a_key_holder_exports_a_list_view_as_csv(browser, visit, screenshot, portal_data, key_for, downloads):
    from apps.lists.models import ListEntry

    visit("/api/")
    browser.find_element(By.ID, "api-key").send_keys(key_for("registered"))
    browser.find_element(By.ID, "use-key").click()
    _wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, ".messages li.success")))
    screenshot("key-used")
    visit("/lists/samr-abnormal-operations/?sort=party_name")
    screenshot("list")
    browser.find_element(By.ID, "export-csv").click()
    exported = wait_for_download(downloads, ".csv")
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    assert [row["party_name"] for row in rows] == sorted(ListEntry.objects.values_list("party_name", flat=True))


def test_the_language_switch_turns_the_page_english_and_back(browser, visit, screenshot, portal_data):
    visit("/lists/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans"
    screenshot("chinese")
    browser.find_element(By.ID, "switch-language").click()
    _wait(browser, lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    screenshot("english")
    assert browser.current_url.endswith("/lists/")
    assert "Statistics" in browser.find_element(By.CSS_SELECTOR, "header nav").text
    browser.find_element(By.ID, "switch-language").click()
    _wait(browser, lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans")


def test_a_credit_report_downloads_and_verifies(browser, visit, screenshot, portal_data, downloads):
    subject = portal_data["person"].subject.public_id
    visit(f"/subjects/{subject}/")
    screenshot("subject")
    browser.find_element(By.ID, "download-report").click()
    report = wait_for_download(downloads, ".pdf")
    assert report.read_bytes().startswith(b"%PDF-")
    number = report.name.removeprefix("credit-report-").removesuffix(".pdf")
    visit(f"/reports/{number}/")
    screenshot("verification")
    verified = browser.find_element(By.CSS_SELECTOR, ".verified").text
    assert number in verified and "张*丰" in verified
