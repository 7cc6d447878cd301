"""Error answers: pages in the person's language for the app, JSON ``{"error": ...}`` under ``/api/``.

Django calls these for an unknown address or a hidden record (404), a role without the right (403), a failed
CSRF check (settings.CSRF_FAILURE_VIEW) and an unhandled exception (500). Another organisation's record and a
missing one raise the same ``Http404``, and neither page names what was looked for, so the two cannot be told
apart.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _json(404, "not found")
    return defaults.page_not_found(request, exception, template_name="errors/404.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _json(403, "your role does not allow this")
    return defaults.permission_denied(request, exception, template_name="errors/403.html")


def server_error(request: HttpRequest) -> HttpResponse:
    """No request context and no database: the template is static text in English and bokmål."""
    if _is_api(request):
        return _json(500, "server error: the request was not completed; try again later")
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if _is_api(request):
        return _json(403, "the form's security check failed: send an API token instead of a session cookie")
    template = loader.get_template("errors/csrf.html")
    return HttpResponse(template.render({}, request), status=403)
