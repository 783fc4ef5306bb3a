"""Highlighting matched terms in stored text, the same way whichever engine answered."""
import html

from search.analysis import normalise

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


def highlight(text: str, terms: list[str], context: int = 60) -> str:
    """HTML-escaped `text` with each occurrence of a (normalised) term wrapped in <mark>, cut to a window
    around the first match. Matching is on normalised text, so 處罰 marks 处罚; the original characters show."""
    if not text:
        return ""
    folded = normalise(text)
    if len(folded) != len(text):  # NFKC changed the length (rare ligatures): mark nothing rather than misplace
        return html.escape(text[: context * 2])
    spans = []
    for term in {t for t in (normalise(term) for term in terms) if t}:
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    if not spans:
        return html.escape(text[: context * 2])
    spans = _merge(sorted(spans))
    window_start = max(0, spans[0][0] - context // 2)
    window_end = min(len(text), window_start + context * 2)
    out, position = [], window_start
    for start, end in spans:
        if start >= window_end:
            break
        start, end = max(start, window_start), min(end, window_end)
        out.append(html.escape(text[position:start]) + MARK_OPEN + html.escape(text[start:end]) + MARK_CLOSE)
        position = end
    out.append(html.escape(text[position:window_end]))
    prefix = "…" if window_start > 0 else ""
    suffix = "…" if window_end < len(text) else ""
    return prefix + "".join(out) + suffix


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
