"""The report's writing page: its sections as a task list, the lead's assignment of authors, setting the
sections up, and the title page's details."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from authoring.forms import AuthorAssignmentForm, ReportDetailsForm
from authoring.selectors import details_of, section_progress, sections_for, writing_list_for
from authoring.services.details import report_details_save
from authoring.services.sections import section_authors_assign, sections_ensure
from peel.views.access import inspection_lead_required, inspection_member_required

WRITING = "authoring:writing"


@require_GET
@inspection_member_required
def writing_list(request, inspection):
    sections = list(writing_list_for(inspection=inspection))
    context = {
        "inspection": inspection,
        "sections": sections,
        "progress": section_progress(sections),
        "is_lead": inspection.is_lead(request.user),
        "details": details_of(inspection=inspection),
    }
    return render(request, "authoring/writing.html", context)


@require_POST
@inspection_lead_required
def sections_setup(request, inspection):
    """Create the sections the inspection lacks (one per question, and the fixed ones)."""
    try:
        sections_ensure(inspection=inspection)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "The report's sections are set up: assign their authors.")
    return redirect(WRITING, pk=inspection.pk)


@inspection_lead_required
def authors_assign(request, inspection):
    sections = list(sections_for(inspection=inspection))
    form = AuthorAssignmentForm(request.POST or None, inspection=inspection, sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            changed = section_authors_assign(inspection=inspection, authors=form.authors(), user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, f"Authors saved: {changed} section{'s' if changed != 1 else ''} changed."
            )
            return redirect(WRITING, pk=inspection.pk)
    return render(request, "authoring/authors.html", {"inspection": inspection, "form": form})


@inspection_lead_required
def report_details(request, inspection):
    details = details_of(inspection=inspection)
    initial = {"version": details.edit_version if details else ""}
    if details is not None:
        initial |= {
            "publication_date": details.publication_date,
            "copyright_line": details.copyright_line,
            "isbn": details.isbn,
            "web_address": details.web_address,
        }
    form = ReportDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report_details_save(
                inspection=inspection,
                user=request.user,
                version=data["version"],
                publication_date=data["publication_date"],
                copyright_line=data["copyright_line"],
                isbn=data["isbn"],
                web_address=data["web_address"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            if getattr(error, "code", None) == "conflict":
                form.stale_version_replace(details_of(inspection=inspection))
        else:
            messages.success(request, "The report's details were saved.")
            return redirect(WRITING, pk=inspection.pk)
    return render(request, "authoring/details.html", {"inspection": inspection, "form": form})
