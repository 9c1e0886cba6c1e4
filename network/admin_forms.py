"""The admin's membership form: the five-seat rule with a clear Danish message before saving,
where the model's own check (Seat.save) would only stop the save."""

import copy

from wagtail.admin.forms import WagtailAdminModelForm

from .rules import too_many_seats_message


class MembershipForm(WagtailAdminModelForm):
    def is_valid(self) -> bool:
        """Counted after the seats' forms are cleaned (ClusterForm cleans them after the
        membership's own fields), so deleted and empty rows are not counted."""
        if not super().is_valid():
            return False
        membership = copy.copy(self.instance)
        for field in ("kind", "municipality", "organisation", "year"):
            setattr(membership, field, self.cleaned_data.get(field))
        limit = membership.seat_limit
        seats = self.formsets.get("seats")
        if seats is not None and limit is not None and len(kept_forms(seats)) > limit:
            self.add_error(
                None, too_many_seats_message(membership.member_name, limit, membership.year)
            )
            return False
        return True


def kept_forms(formset) -> list:
    """The forms of a cleaned inline formset that will be saved: filled in, not deleted."""
    return [
        form
        for form in formset.forms
        if (form.has_changed() or form.instance.pk) and not formset._should_delete_form(form)
    ]
