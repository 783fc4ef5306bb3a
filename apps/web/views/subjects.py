"""A subject's profile page and its PDF credit report."""
from django.http import Http404, HttpResponse
from django.shortcuts import render

from apps.publication.profiles import profile_of
from apps.web.visitor import visitor_of

# The page's timeline shows the newest items; the counts and the PDF report cover all of them.
TIMELINE_ITEMS = 100


def subject_page(request, id: str):
    """Everything published about one organisation or person: counts, and a timeline of the newest items."""
    profile = profile_of(id, visitor_of(request).audience, limit=TIMELINE_ITEMS)
    if profile is None:
        raise Http404("nothing published about this subject")
    timeline = profile.timeline()
    return render(request, "web/subject.html", {"profile": profile, "subject_id": id,
                                                "timeline": timeline[:TIMELINE_ITEMS],
                                                "shown": min(len(timeline), TIMELINE_ITEMS),
                                                "total": sum(profile.totals.values())})


def subject_report(request, id: str):
    """The public credit report (公共信用信息报告) of a subject, as a PDF generated on request."""
    from apps.reports.credit_report import build_report

    profile = profile_of(id, visitor_of(request).audience, limit=None)
    if profile is None:
        raise Http404("nothing published about this subject")
    report = build_report(profile, subject_id=id, verify_base=request.build_absolute_uri("/"))
    response = HttpResponse(report.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="credit-report-{report.number}.pdf"'
    return response


def verify_report(request, number: str):
    """What a report with this number said when issued, and whether its items are still published."""
    from apps.reports.models import IssuedReport
    from apps.searchsync.selectors import still_published

    report = IssuedReport.objects.filter(number=number).first()
    if report is None:
        return render(request, "web/report_verify.html", {"number": number, "report": None}, status=404)
    current = still_published(report.item_ids) if report.item_ids else set()
    return render(request, "web/report_verify.html", {
        "number": number, "report": report, "items": len(report.item_ids),
        "still_published": len(current), "ended": len(report.item_ids) - len(current)})
