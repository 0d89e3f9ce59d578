"""The review PDF's panel on a page of another app: the file's page (reviews/file_detail.html)."""

from django import template

from review_pdf.selectors import (
    current_review_pdf,
    review_pdf_key,
    review_pdf_scope,
    stale_review_pdf_exists,
)

register = template.Library()


@register.inclusion_tag("review_pdf/_panel.html", takes_context=True)
def review_pdf_panel(context, inspection, case_file):
    """Prepare, follow or download the PDF of the file's review as the user reads it (up to five
    queries); nothing for someone with no review of the file to read."""
    user = context["request"].user
    key = review_pdf_key(inspection=inspection, case_file=case_file, user=user)
    current = current_review_pdf(case_file=case_file, content_key=key)
    scope = review_pdf_scope(inspection=inspection, user=user)
    return {
        "inspection": inspection,
        "case_file": case_file,
        "offered": key is not None,
        "review_pdf": current,
        "stale": key is not None
        and current is None
        and stale_review_pdf_exists(case_file=case_file, scope=scope, content_key=key),
        "is_lead": inspection.is_lead(user),
        "csrf_token": context.get("csrf_token"),
    }
