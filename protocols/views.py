"""The protocol review pages (issue 4): the list of protocols and versions, one version as
a readable flow, and two versions compared step by step. Read-only."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.access import access
from core.errors import InvalidInput, NotFound
from protocols.describe import field_lines, flow, item_lines
from protocols.forms import CompareForm
from protocols.permissions import PROTOCOL_REVIEWERS
from protocols.selectors import protocol_get, protocol_version_get, protocol_versions_compare, protocols_list

FIELD_LABELS = {
    "kind": "Kind",
    "text": "Text",
    "guidance": "Guidance",
    "policy": "Policy source",
    "answer": "Answer",
    "optional": "Answer required",
    "roles": "Who decides",
    "outcomes": "Outcomes",
    "reason_required": "Reason required",
    "records": "Records required",
    "contacts": "Contacts",
    "effects": "Effects",
    "next": "Where it leads",
    "title": "Title",
    "source": "Policy document",
    "extends": "Extends",
    "start": "First step",
    "items": "What it holds",
    "due_working_days": "Due in working days",
    "name": "Name",
    "phone": "Phone",
    "website": "Website",
    "nation": "Nation",
    "note": "Note",
}


@access(PROTOCOL_REVIEWERS)
@require_safe
def protocol_list(request):
    return render(request, "protocols/list.html", {"protocols": protocols_list(user=request.user)})


@access(PROTOCOL_REVIEWERS)
@require_safe
def version_detail(request, protocol_id: str, version: str):
    try:
        protocol, status = protocol_version_get(user=request.user, protocol_id=protocol_id, version=version)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    definition = status.definition
    context = {
        "protocol": protocol,
        "status": status,
        "definition": definition,
        "steps": flow(definition) if definition else [],
        "start": definition.step_map.get(definition.start) if definition else None,
        "other_versions": [v for v in protocol.versions if v.version != version],
        "compare_pair": _neighbour_pair(protocol, version),
    }
    return render(request, "protocols/version.html", context)


@access(PROTOCOL_REVIEWERS)
@require_safe
def compare(request, protocol_id: str):
    """Two versions step by step. `from` and `to` come from a GET form, so a wrong one is
    shown as a form error (There is a problem) rather than a failed page."""
    try:
        protocol = protocol_get(user=request.user, protocol_id=protocol_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    versions = [v.version for v in protocol.versions]
    bound = "from" in request.GET or "to" in request.GET
    form = CompareForm(request.GET if bound else None, versions=versions, initial=_default_pair(versions))
    context = {"protocol": protocol, "form": form, "comparison": None}
    if bound and form.is_valid():
        try:
            comparison = protocol_versions_compare(
                user=request.user,
                protocol_id=protocol_id,
                from_version=form.cleaned_data["from"],
                to_version=form.cleaned_data["to"],
            )
        except InvalidInput as exc:
            for field, message in exc.errors.items():
                form.add_error(field, message)
        else:
            context.update(comparison=comparison, **_comparison_rows(comparison))
    return render(request, "protocols/compare.html", context)


def _neighbour_pair(protocol, version: str) -> tuple[str, str] | None:
    """This version and the one before it (or after it, for the oldest), older first."""
    versions = [v.version for v in protocol.versions]  # newest first
    if len(versions) < 2:
        return None
    index = versions.index(version)
    return (versions[index + 1], version) if index + 1 < len(versions) else (version, versions[index - 1])


def _default_pair(versions: list[str]) -> dict:
    # Versions are listed newest first: offer the one before the newest, to the newest.
    return {"from": versions[1], "to": versions[0]} if len(versions) > 1 else {}


def _comparison_rows(comparison) -> dict:
    old, new = comparison.old, comparison.new
    header = [_row(name, _header_lines(old, name), _header_lines(new, name)) for name in comparison.header]
    changed_steps = []
    for change in comparison.steps.changed:
        before, after = old.step_map[change.id], new.step_map[change.id]
        rows = [_row(f, field_lines(old, before, f), field_lines(new, after, f)) for f in change.fields]
        changed_steps.append({"id": change.id, "text": after.text, "rows": rows})
    return {
        "header_rows": header,
        "changed_steps": changed_steps,
        "added_steps": [s for s in flow(new) if s.id in set(comparison.steps.added)],
        "removed_steps": [s for s in flow(old) if s.id in set(comparison.steps.removed)],
        "records": _items_rows(comparison.records, old.record_map, new.record_map, "title"),
        "contacts": _items_rows(
            comparison.contacts, {c.id: c for c in old.contacts}, {c.id: c for c in new.contacts}, "name"
        ),
    }


def _header_lines(definition, name: str) -> list[str]:
    value = getattr(definition, name)
    if name == "start" and value in definition.step_map:
        return [definition.step_map[value].text]
    return [str(value)] if value else []


def _row(field: str, old: list[str], new: list[str]) -> dict:
    return {"label": FIELD_LABELS.get(field, field.replace("_", " ").capitalize()), "old": old, "new": new}


def _items_rows(diff, old_items: dict, new_items: dict, name_field: str) -> dict:
    return {
        "added": [getattr(new_items[i], name_field) for i in diff.added],
        "removed": [getattr(old_items[i], name_field) for i in diff.removed],
        "changed": [
            {
                "name": getattr(new_items[c.id], name_field),
                "rows": [_row(f, item_lines(old_items[c.id], f), item_lines(new_items[c.id], f)) for f in c.fields],
            }
            for c in diff.changed
        ],
        "same": diff.same,
    }
