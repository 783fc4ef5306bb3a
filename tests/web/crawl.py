"""Following the portal's links as a visitor would, page by page; a PDF is read as its extracted text, and the
verification address it prints is followed too."""
import io
import re
from urllib.parse import urljoin, urlparse

LINK = re.compile(r'href="([^"#]+)"')
PDF_LINK = re.compile(r"https?://testserver(/reports/[^/\s]+/)")
SKIP = ("/static/", "/admin/", "/api/docs/", "/api/schema/", "/i18n/")


def crawl(client, starts: list[str], limit: int = 400, skip: tuple[str, ...] = SKIP) -> dict[str, bytes]:
    """Every page of this site reachable by links from `starts` (up to `limit`; links to paths beginning with
    one of `skip` are not followed), with its body."""
    seen, queue, pages = set(), list(starts), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.get("Content-Type", "") == "application/pdf":
            text = pdf_text(body)
            body = text.encode()
            queue.extend(PDF_LINK.findall(text.replace("\n", "")))
        pages[url] = body
        if "html" in response.get("Content-Type", ""):
            for href in LINK.findall(body.decode("utf-8")):
                href = href.replace("&amp;", "&")
                target = urljoin(url, href)
                parsed = urlparse(target)
                if parsed.netloc in ("", "testserver") and not parsed.path.startswith(skip):
                    queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return pages


def pdf_text(pdf: bytes) -> str:
    """The text a reader (or a search engine) extracts from a PDF: what it really says, whatever its encoding."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
