"""Bar charts as plain data for an HTML template (CSS bars: no script, readable without styles, and every chart
also offers its numbers as a table)."""


def bars(rows) -> list[dict]:
    """(label, value) rows as bars whose lengths are percentages of the largest value."""
    rows = [(str(label), value) for label, value in rows]
    largest = max((value for _, value in rows), default=0) or 1
    # Whole percentages: the bar's width is a class of the stylesheet (w-0 … w-100), as the Content-Security-Policy
    # allows no inline style.
    return [{"label": label, "value": value, "length": round(value / largest * 100)} for label, value in rows]
