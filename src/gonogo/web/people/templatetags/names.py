"""Name people on the pages by who they are now: ``{{ user|person }}``, ``{{ e.actor|person_or:e.actor_name }}``.

The same words as the sign-off record (``person_name``): the full name with the username, "Per Lunde (director)",
or the username alone for a person without a full name.
"""

from __future__ import annotations

from typing import Any

from django import template

from gonogo.web.decisions.workflow import person_name

register = template.Library()


@register.filter
def person(user: Any) -> str:
    """The person as they are named now; empty for no one."""
    return person_name(user) if user is not None else ""


@register.filter
def person_or(user: Any, stored: str) -> str:
    """The person as they are named now while the account exists; the name stored at the time once it is gone."""
    return person_name(user) if user is not None else str(stored or "")
