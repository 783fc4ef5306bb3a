"""The public credit report (公共信用信息报告) of a subject as a PDF: report number, date, the subject's identity,
every currently published item grouped as the national report groups them (licences, penalties, lists), and a
link that verifies the report. Chinese renders with an embedded font (WenQuanYi Micro Hei, Apache-2.0), so no
reader needs fonts installed."""
import hashlib
import io
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import timezone

from apps.publication.enums import Dataset
from apps.publication.profiles import Profile
from apps.reports.models import IssuedReport

# Threaded workers lay out one PDF at a time per process (see build_report).
_LAYOUT_LOCK = threading.Lock()

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "wqy-microhei.ttc"
FONT = "WenQuanYiMicroHei"


@dataclass(frozen=True)
class Report:
    number: str
    pdf: bytes


@cache
def load_font() -> str:
    """Register the embedded font with the PDF library (once per process); return its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH), subfontIndex=0))  # embedded as a subset
    return FONT


# Table cells are plain text wrapped here rather than Paragraphs: a report lists every published item, and laying
# out a Paragraph per cell took about 0.4 ms each (half a second for a subject with a thousand licences).
CELL_FONT_SIZE = 8.5
CELL_LEADING = 12
CELL_PADDING = 4
# Chinese typesetting keeps closing punctuation at the end of a line, never at the start of the next.
NO_LINE_START = set("，。、；：！？）》」』】〕”’,.;:!?)]")


@cache
def _char_width(char: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(char, FONT, CELL_FONT_SIZE)


def wrap_cell(text, width: float) -> str:
    """The text broken into lines that fit `width` points in the cell font (any character may end a line, as in
    Chinese; closing punctuation stays on the line before)."""
    lines, line, used = [], [], 0.0
    for char in str(text or "—").replace("\n", " "):
        advance = _char_width(char)
        if line and used + advance > width and char not in NO_LINE_START:
            lines.append("".join(line))
            line, used = [], 0.0
        line.append(char)
        used += advance
    lines.append("".join(line))
    return "\n".join(lines)


def report_number(subject_id: str, profile: Profile, day) -> str:
    """A number that names the report's content on a day: the same subject and items give the same number."""
    ids = ",".join(sorted(item["id"] for item in profile.all_items()))
    digest = hashlib.sha256(f"{subject_id}|{day.isoformat()}|{ids}".encode()).hexdigest()[:10].upper()
    return f"GS{day:%Y%m%d}{digest}"


def build_report(profile: Profile, *, subject_id: str, verify_base: str) -> Report:
    """Lay out the report; `verify_base` is the portal's address, to which the verification link points."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = load_font()
    today = timezone.localdate()
    number = report_number(subject_id, profile, today)
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=11, textColor=colors.HexColor("#555555"))
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=1, spaceAfter=6)
    heading = ParagraphStyle("heading", parent=body, fontSize=12.5, leading=18, spaceBefore=10, spaceAfter=4)
    verify_url = f"{verify_base.rstrip('/')}/reports/{number}/"

    def para(text, style=body):
        from xml.sax.saxutils import escape

        return Paragraph(escape(str(text or "—")), style)

    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), CELL_FONT_SIZE),
                        ("LEADING", (0, 0), (-1, -1), CELL_LEADING), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        *((side, (0, 0), (-1, -1), CELL_PADDING)
                          for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")),
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))])

    def table(rows, widths):
        """The rows (the first a header, repeated on each page) as one table. The cells are wrapped here, so
        each row's height is known and given: reportlab would otherwise measure every remaining row again at
        each page break (seconds for a report of thousands of items)."""
        cells = [[wrap_cell(value, width - 2 * CELL_PADDING) for value, width in zip(row, widths, strict=True)]
                 for row in rows]
        heights = [max(cell.count("\n") + 1 for cell in row) * CELL_LEADING + 2 * CELL_PADDING for row in cells]
        return [Table(cells, colWidths=widths, rowHeights=heights, repeatRows=1, style=style)]

    subject = profile.subject
    story = [
        para("公共信用信息报告", title),
        para(f"报告编号：{number}　　报告日期：{today:%Y年%m月%d日}", small),
        Spacer(1, 4 * mm),
        para("一、主体身份信息", heading),
        *table([["名称", subject["name"]],
               ["统一社会信用代码", subject.get("uscc")],
               ["主体类别", subject.get("category")],
               ["法定代表人", subject.get("legal_representative")]], [40 * mm, 130 * mm]),
        para("二、行政许可信息", heading),
    ]
    licences, penalties, entries = (profile.items.get(d, []) for d in (Dataset.LICENCE, Dataset.PENALTY,
                                                                        Dataset.LIST_ENTRY))
    if licences:
        story.extend(table([["决定文书号", "许可内容", "许可机关", "决定日期"]] + [
            [item["decision_number"], f"{item['document_title']} {item['content']}",
             item["authority"]["name"], item["decision_date"]] for item in licences],
            [42 * mm, 68 * mm, 38 * mm, 22 * mm]))
    else:
        story.append(para("无公示中的行政许可信息。"))
    story.append(para("三、行政处罚信息", heading))
    if penalties:
        story.extend(table([["决定文书号", "违法行为与处罚内容", "处罚机关", "决定日期", "公示截止"]] + [
            [item["decision_number"], f"{item['violation_type']}：{item['content']}",
             item["authority"]["name"], item["decision_date"],
             item["publication"]["latest_end"] or ""] for item in penalties],
            [36 * mm, 62 * mm, 34 * mm, 20 * mm, 20 * mm]))
    else:
        story.append(para("无公示中的行政处罚信息。"))
    story.append(para("四、红名单、黑名单及重点关注名单信息", heading))
    if entries:
        story.extend(table([["名单", "列入事由", "认定机关", "列入日期"]] + [
            [item["list"], item["reason"], item["authority"]["name"], item["listed_on"]]
            for item in entries], [36 * mm, 74 * mm, 38 * mm, 22 * mm]))
    else:
        story.append(para("无公示中的名单信息。"))
    story += [
        Spacer(1, 6 * mm),
        para("说明：本报告仅包含报告日期公示中的信息；公示期满或经信用修复的信息不予显示。"
             + ("自然人姓名已按规定部分隐去，身份证件号码不予公示。" if profile.persons_masked
                else "本报告按信用服务机构的授权显示自然人姓名，完整的身份证件号码不予提供。"), small),
        para(f"核验：访问 {verify_url} 核对本报告的编号、日期、主体及所列信息。", small),
    ]
    # The verification page is public: it shows the name as the public sees it, whoever asked for the report.
    IssuedReport.objects.get_or_create(number=number, defaults=dict(
        subject_public_id=subject_id, subject_name=profile.public_name, issued_on=today,
        item_ids=sorted(item["id"] for item in profile.all_items())))
    buffer = io.BytesIO()
    with _LAYOUT_LOCK:  # reportlab's font subsetting is shared and not thread-safe: one layout at a time
        SimpleDocTemplate(buffer, pagesize=A4, title=f"公共信用信息报告 {number}", author="gongshi",
                          leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
                          ).build(story)
    return Report(number=number, pdf=buffer.getvalue())
