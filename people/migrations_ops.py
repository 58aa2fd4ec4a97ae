"""The built-in markers of issue 3, created by a data migration."""

BUILT_IN_MARKERS = (
    ("domestic-abuse-risk", "DOMESTIC ABUSE RISK", "Set by the DA Plan's Report Threat (DA Plan, Section A)."),
    ("mental-health-condition", "Mental-health condition", "May affect understanding: consider a Core Visit."),
    ("learning-difficulty", "Learning difficulty", "May affect understanding: consider a Core Visit."),
    ("risk-to-staff", "Risk to staff (potentially violent)", "Take a colleague; do not visit alone."),
    ("lone-parent-child-under-one", "Lone parent with a child under one", "Checked before any Core Visit referral."),
)


def create_built_in_markers(apps, schema_editor) -> None:
    marker_type = apps.get_model("people", "MarkerType")
    for code, name, description in BUILT_IN_MARKERS:
        marker_type.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "is_built_in": True}
        )
