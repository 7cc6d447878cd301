"""Numbers as the active language writes them: 12,000 in English, 12 000 in bokmål."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def grouped(value: int | None) -> str:
    """A whole number with the active language's thousands separator (whatever the project-wide setting)."""
    if value is None:
        return ""
    return number_format(value, 0, use_l10n=True, force_grouping=True)
