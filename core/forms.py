"""Form pieces every app shares."""

from datetime import date

DATE_PARTS = ("day", "month", "year")


class GovukDateParts:
    """The GOV.UK date input: three boxes named `<prefix>_day`, `_month`, `_year` on a
    Django form. Rules as the Design System words them: all three parts or none, four
    digits for the year, and a real date; the message goes beside the first wrong box."""

    def date_from_parts(self, prefix: str, name: str) -> date | None:
        parts = {part: (self.cleaned_data.get(f"{prefix}_{part}") or "").strip() for part in DATE_PARTS}
        if not any(parts.values()):
            return None
        missing = [part for part in DATE_PARTS if not parts[part]]
        if missing:
            self.add_error(f"{prefix}_{missing[0]}", f"{name} must include a {' and '.join(missing)}")
            return None
        try:
            day, month, year = (int(parts[part]) for part in DATE_PARTS)
            if len(parts["year"]) != 4:
                raise ValueError
            return date(year, month, day)
        except ValueError:
            self.add_error(f"{prefix}_day", f"{name} must be a real date")
            return None

    def date_errors(self, prefix: str) -> list[str]:
        return [error for part in DATE_PARTS for error in self.errors.get(f"{prefix}_{part}", [])]
