"""The kinds of page the search shows, as the `type_label` of their page models names them,
with their Danish names: plural for the type facet, singular for a result's meta line."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

TYPES = ("case", "research", "event", "network", "page")

TYPE_LABELS = {
    "case": gettext_lazy("Cases"),
    "research": gettext_lazy("Forskning"),
    "event": gettext_lazy("Arrangementer"),
    "network": gettext_lazy("Netværket"),
    "page": gettext_lazy("Sider"),
}
TYPE_LABELS_SINGULAR = {
    "case": gettext_lazy("Case"),
    "research": gettext_lazy("Forskningsresultat"),
    "event": gettext_lazy("Arrangement"),
    "network": gettext_lazy("Netværk"),
    "page": gettext_lazy("Side"),
}
