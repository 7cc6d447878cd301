"""Load what every worker would otherwise load on its first requests: templates, translations, the knowledge base.

``gonogo serve`` loads the application before forking its workers, so this runs once and the workers share
the result. It opens no database connection (one made before a fork would be shared by every worker).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

# The pages people open most; the others are compiled on first use.
TEMPLATES = (
    "base.html",
    "orgs/portfolio.html",
    "orgs/organisation.html",
    "orgs/_rows.html",
    "assessments/account.html",
    "assessments/assessment.html",
    "assessments/result.html",
    "assessments/_heatmap.html",
    "people/login.html",
)


def warm_up() -> None:
    """Compile the main templates, read the knowledge base and every language's catalogues."""
    from gonogo.reports.i18n import translate
    from gonogo.web.assessments import catalogue, engine

    for name in TEMPLATES:
        get_template(name)
    engine.current_kb_version()
    for kind in ("kinds", "matrix", "safeguards", "threats"):
        catalogue.entries(kind)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Recommendation")
            translate("Go", code)
    reverse("portfolio")  # builds the URL resolver
    connections.close_all()
