"""Keeping the directory right: an entry's page, adding local entries, correcting and
verifying them, and exchanging the directory as CSV (Open Referral UK fields)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.access import access
from core.errors import HavenError, NotAllowed, NotFound
from directory import csv_format, selectors, services
from directory.forms import EntryForm, ImportForm
from directory.permissions import DIRECTORY_EDITORS, DIRECTORY_READERS


def _entry(request, pk: int):
    try:
        return selectors.entry_get(user=request.user, entry_id=pk)
    except NotFound as exc:
        raise Http404 from exc


@access(DIRECTORY_READERS)
def entry_detail(request, pk: int):
    entry = _entry(request, pk)
    context = {
        "entry": entry,
        "line": selectors.one_line(entry),
        "unverified": selectors.is_unverified(entry),
        "needs": [need.get_need_display() for need in entry.needs.all()],
        "can_edit": DIRECTORY_EDITORS.allows(request.user),
    }
    return render(request, "directory/entry.html", context)


@access(DIRECTORY_EDITORS)
def entry_add(request):
    form = EntryForm(request.POST if request.method == "POST" else None, button="Add entry")
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(actor=request.user, details=form.details())
        except HavenError as error:
            form.add_haven_error(error)
        else:
            messages.success(request, f"{entry.name} has been added to the directory.")
            return redirect("directory:entry", pk=entry.pk)
    return render(request, "directory/entry_form.html", {"form": form, "title": "Add a directory entry"})


@access(DIRECTORY_EDITORS)
def entry_change(request, pk: int):
    entry = _entry(request, pk)
    form = EntryForm(
        request.POST if request.method == "POST" else None, initial=EntryForm.initial_for(entry), button="Save changes"
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = int(request.POST.get("version") or entry.version)
            services.entry_update(actor=request.user, entry=entry, details=form.details(), version=version)
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except HavenError as error:
            form.add_haven_error(error)
        else:
            messages.success(request, f"{entry.name} has been changed.")
            return redirect("directory:entry", pk=entry.pk)
    context = {"form": form, "title": f"Change {entry.name}", "entry": entry}
    return render(request, "directory/entry_form.html", context)


@require_POST
@access(DIRECTORY_EDITORS)
def entry_verify(request, pk: int):
    entry = _entry(request, pk)
    try:
        entry = services.entry_verify(actor=request.user, entry=entry)
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    messages.success(request, f"{entry.name} is verified. Its next review is due on {entry.review_due_on:%-d %B %Y}.")
    return redirect("directory:entry", pk=entry.pk)


@require_POST
@access(DIRECTORY_EDITORS)
def entry_withdraw(request, pk: int):
    entry = _entry(request, pk)
    try:
        services.entry_withdraw(actor=request.user, entry=entry)
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    messages.success(request, f"{entry.name} no longer appears in searches.")
    return redirect("directory:entry", pk=entry.pk)


@access(DIRECTORY_READERS)
def export_csv(request):
    body = csv_format.export_rows(selectors.entries_for_export(user=request.user))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"haven-directory-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@access(DIRECTORY_EDITORS)
def import_csv(request):
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload is None:
                raise HavenError("Choose a CSV file to import", field="file")
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise HavenError("The file must be a CSV saved as UTF-8", field="file") from exc
            counts = services.entries_import(actor=request.user, text=text)
        except HavenError as error:
            form.add_haven_error(error)
        else:
            messages.success(request, f"{counts['added']} entries added and {counts['updated']} updated.")
            return redirect("directory:search")
    return render(request, "directory/import.html", {"form": form})
