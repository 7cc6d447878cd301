"""The OpenAPI 3.1 description of the JSON API, served at ``/api/openapi.json``."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from gonogo import __version__
from gonogo.web.decisions.models import ATTESTATIONS, Opinion, Signature


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _ok(schema: dict[str, Any], description: str = "OK", status: str = "200") -> dict[str, Any]:
    return {
        status: {"description": description, "content": {"application/json": {"schema": schema}}},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "404": {"$ref": "#/components/responses/NotFound"},
    }


def _id(name: str = "id") -> list[dict[str, Any]]:
    return [{"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}]


def _page_of(name: str) -> dict[str, Any]:
    """A paginated list: ``?page=N&per_page=M``; ``next`` and ``previous`` are addresses or null."""
    return {
        "type": "object",
        "required": ["items", "count", "page", "pages", "next", "previous"],
        "properties": {
            "items": {"type": "array", "items": _ref(name), "maxItems": 500},
            "count": {"type": "integer", "minimum": 0, "description": "How many in all"},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "next": {"type": ["string", "null"], "description": "The address of the next page; null on the last"},
            "previous": {"type": ["string", "null"], "description": "The previous page's; null on the first"},
        },
    }


PAGE_PARAMETERS = [
    {
        "name": "page",
        "in": "query",
        "description": "Which page, from 1; a page past the last answers 400 naming the pages there are",
        "schema": {"type": "integer", "minimum": 1, "default": 1},
    },
    {
        "name": "per_page",
        "in": "query",
        "description": "How many on a page",
        "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100},
    },
]


def _paged() -> list[dict[str, Any]]:
    return [*_id(), *PAGE_PARAMETERS]


def _paged_ok(name: str) -> dict[str, Any]:
    return {**_ok(_page_of(name)), "400": {"$ref": "#/components/responses/Invalid"}}


def _texts_ok(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "403": {"$ref": "#/components/responses/Forbidden"}}


def paths() -> dict[str, Any]:
    return {
        "/api/organisations/": {
            "get": {
                "summary": "Organisations you belong to",
                "parameters": PAGE_PARAMETERS,
                "responses": _paged_ok("Organisation"),
            }
        },
        "/api/organisations/{id}/": {
            "get": {"summary": "One organisation", "parameters": _id(), "responses": _ok(_ref("Organisation"))}
        },
        "/api/organisations/{id}/accounts/": {
            "get": {
                "summary": "Its platform accounts",
                "parameters": _paged(),
                "responses": _paged_ok("Account"),
            },
            "post": {
                "summary": "Create an account (editor or admin), with the account page's rules",
                "description": (
                    "platform and handle are required, as on the page; "
                    "the handle is stored without @. A handle the organisation already has on that platform "
                    "answers 409."
                ),
                "parameters": _id(),
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("AccountInput")}}},
                "responses": _account_saved(_ok(_ref("Account"), "Created", "201")),
            },
        },
        "/api/accounts/{id}/": {
            "get": {"summary": "One account", "parameters": _id(), "responses": _ok(_ref("Account"))},
            "patch": {
                "summary": "Change an account's facts (editor or admin); send only what changes",
                "description": "operators and device, when sent, replace the whole list or object.",
                "parameters": _id(),
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("AccountInput")}}},
                "responses": _account_saved(_ok(_ref("Account"), "The account as it now stands")),
            },
        },
        "/api/accounts/{id}/safeguards/": {
            "get": {
                "summary": "The safeguards in place for it, with evidence and expiry (paginated)",
                "parameters": _paged(),
                "responses": _paged_ok("Safeguard"),
            },
            "post": {
                "summary": "Record a safeguard in place (editor or admin); one already recorded is replaced",
                "parameters": _id(),
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["safeguard"],
                                "additionalProperties": False,
                                "properties": {
                                    "safeguard": {
                                        "type": "string",
                                        "description": "a safeguard id of the knowledge base",
                                    },
                                    "evidence": {"type": "string", "description": "where the proof is kept"},
                                    "in_place_since": {"type": ["string", "null"], "format": "date"},
                                    "expires": {
                                        "type": ["string", "null"],
                                        "format": "date",
                                        "description": "not before in_place_since",
                                    },
                                },
                            }
                        }
                    },
                },
                "responses": {
                    **_ok(_ref("Safeguard"), "Recorded", "201"),
                    "200": {
                        "description": "Replaced what was recorded for that safeguard",
                        "content": {"application/json": {"schema": _ref("Safeguard")}},
                    },
                    "400": {"$ref": "#/components/responses/Invalid"},
                    "403": {"$ref": "#/components/responses/Forbidden"},
                },
            },
        },
        "/api/accounts/{id}/assessments/": {
            "get": {
                "summary": "Its assessment versions, newest first",
                "parameters": _paged(),
                "responses": _paged_ok("Assessment"),
            },
            "post": {
                "summary": "Store an assessment document as the draft version (editor or admin)",
                "description": (
                    "All or nothing: refused (400) when the document has problems or is another account's "
                    "(its platform, account.handle or organisation.name differ from this account's)."
                ),
                "parameters": _id(),
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("AssessmentDocument")}},
                },
                "responses": {
                    **_ok(_ref("Assessment"), "Stored", "201"),
                    "400": {"$ref": "#/components/responses/Invalid"},
                    "403": {"$ref": "#/components/responses/Forbidden"},
                },
            },
        },
        "/api/accounts/{id}/evidence/": {
            "get": {
                "summary": "Its uploaded analytics exports, each with its files' SHA-256 and the metrics (paginated)",
                "parameters": _paged(),
                "responses": _paged_ok("EvidenceUpload"),
            }
        },
        "/api/evidence/{id}/": {
            "get": {
                "summary": "One upload of analytics exports, with its figures day by day",
                "parameters": _id(),
                "responses": _ok(_ref("EvidenceUpload")),
            }
        },
        "/api/accounts/{id}/comments/": {
            "get": {
                "summary": "Its analysed comment files, the latest first, with their figures (paginated)",
                "parameters": _paged(),
                "responses": _paged_ok("CommentUpload"),
            }
        },
        "/api/comments/{id}/": {
            "get": {
                "summary": "One comment upload: file, model, counts, shares, balance, flags per category, job",
                "parameters": _id(),
                "responses": _ok(_ref("CommentUpload")),
            }
        },
        "/api/comments/{id}/review-queue/": {
            "get": {
                "summary": "The review queue: per triage category the 25 highest-scored comments, with their "
                "readings (editor, reviewer, dpo or admin)",
                "parameters": _id(),
                "responses": _texts_ok(_ok(_ref("CommentQueue"))),
            }
        },
        "/api/comments/{id}/comments/": {
            "get": {
                "summary": "The upload's comments in file order, with texts, scores and flags (paginated; "
                "editor, reviewer, dpo or admin)",
                "parameters": _paged(),
                "responses": _texts_ok(_paged_ok("Comment")),
            }
        },
        "/api/assessments/{id}/": {
            "get": {
                "summary": "One version, with its document",
                "parameters": _id(),
                "responses": _ok(_ref("Assessment")),
            }
        },
        "/api/assessments/{id}/evaluate/": {
            "post": {
                "summary": "Evaluate the document with the engine and store the result (editor or admin)",
                "parameters": _id(),
                "responses": {
                    **_ok(_ref("Result"), "Evaluated", "201"),
                    "400": {"$ref": "#/components/responses/Invalid"},
                    "403": {"$ref": "#/components/responses/Forbidden"},
                    "409": {"description": "The version is approved or rejected", "content": _error_content()},
                },
            }
        },
        "/api/assessments/{id}/result/": {
            "get": {"summary": "The latest stored result", "parameters": _id(), "responses": _ok(_ref("Result"))}
        },
        "/api/assessments/{id}/decision/submit/": _workflow(
            "Send a draft with a current result to review (editor or admin)", {}
        ),
        "/api/assessments/{id}/decision/opinion/": _workflow(
            "Record the security or data-protection opinion (reviewer or dpo)",
            {"verdict": _codes(Opinion.Verdict.choices), "text": {"type": "string"}},
        ),
        "/api/assessments/{id}/decision/request-changes/": _workflow(
            "Send a version in review back to its editors (reviewer, dpo or approver); audit-logged",
            {"reason": {"type": "string", "minLength": 1, "description": "what should change"}},
            required=["reason"],
        ),
        "/api/assessments/{id}/decision/sign/": _workflow(
            "Approve or reject a version in review (approver); approval seals it",
            {
                "decision": _codes(Signature.Decision.choices),
                "attestations": {
                    "type": "array",
                    "uniqueItems": True,
                    "description": "Approval needs all of them; a refusal names the missing ones by code",
                    "items": _codes(ATTESTATIONS),
                },
                "statement": {"type": "string"},
                "risk_acceptance_reason": {"type": "string"},
                "risk_acceptance_expires": {"type": "string", "format": "date"},
            },
        ),
        "/api/actions/{id}/": {
            "get": {"summary": "One action item", "parameters": _id(), "responses": _ok(_ref("ActionItem"))},
            "patch": {
                "summary": "Set an action item's owner and due date (until the version is approved or rejected), "
                "and its evidence and done date (at any time; the done date not in the future, with evidence); "
                "editor or admin. Send only the fields to change.",
                "parameters": _id(),
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    "owner": {"type": "string"},
                                    "due": {"type": ["string", "null"], "format": "date"},
                                    "evidence": {"type": "string"},
                                    "done_at": {"type": ["string", "null"], "format": "date"},
                                },
                            }
                        }
                    }
                },
                "responses": {
                    **_ok(_ref("ActionItem"), "The action item as it now stands"),
                    "400": {"$ref": "#/components/responses/Invalid"},
                    "403": {"$ref": "#/components/responses/Forbidden"},
                },
            },
        },
        "/api/assessments/{id}/decision/": {
            "get": {
                "summary": "Sign-off: opinions, signatures, seal and action plan",
                "parameters": _id(),
                "responses": _ok({"type": "object"}),
            }
        },
    }


def _codes(choices: Any) -> dict[str, Any]:
    """An enum of codes, each described by what it means (in English)."""
    with translation.override("en"):
        pairs = [(str(code), str(text)) for code, text in choices]
    return {
        "type": "string",
        "enum": [code for code, _text in pairs],
        "description": "; ".join(f"{code}: {text}" for code, text in pairs),
        "oneOf": [{"const": code, "description": text} for code, text in pairs],
    }


def _account_saved(ok: dict[str, Any]) -> dict[str, Any]:
    return {
        **ok,
        "400": {"$ref": "#/components/responses/Invalid"},
        "403": {"$ref": "#/components/responses/Forbidden"},
        "409": {
            "description": "The organisation already has an account with this handle on that platform",
            "content": _error_content(),
        },
    }


def _workflow(summary: str, properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return {
        "post": {
            "summary": summary,
            "parameters": _id(),
            "requestBody": {"content": {"application/json": {"schema": schema}}},
            "responses": {
                **_ok({"type": "object"}, "The decision as it now stands"),
                "400": {"$ref": "#/components/responses/Invalid"},
                "403": {"$ref": "#/components/responses/Forbidden"},
                "409": {"description": "Not possible now; the message says why", "content": _error_content()},
            },
        }
    }


def _error_content() -> dict[str, Any]:
    return {"application/json": {"schema": _ref("Error")}}


def document() -> dict[str, Any]:
    """Return the OpenAPI document; the assessment document's schema comes from the engine."""
    from gonogo.core.assessment import assessment_schema
    from gonogo.core.kb import load_knowledge_base

    doc_schema = {k: v for k, v in assessment_schema(load_knowledge_base()).items() if k not in ("$schema", "$id")}
    return {
        "openapi": "3.1.0",
        "info": {"title": "gonogo API", "version": __version__},
        "paths": paths(),
        "security": [{"token": []}],
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": (
                        "A personal API token, made on the tokens page (/tokens/) after logging in. Approvers "
                        "and administrators can only open that page from a session verified with their "
                        "authenticator app (two-factor), so their tokens, which sign, come from such a session."
                    ),
                }
            },
            "responses": {
                name: {"description": text, "content": _error_content()}
                for name, text in [
                    ("Unauthorized", "No valid token"),
                    ("NotFound", "Not found, or not in an organisation you belong to"),
                    ("Forbidden", "Your role does not allow this"),
                    ("Invalid", "The document has problems; each names its field"),
                ]
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {"type": "string"},
                        "fields": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {"location": {"type": "string"}, "message": {"type": "string"}},
                            },
                        },
                    },
                },
                "Organisation": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "name": {"type": "string"},
                        "kind": {"type": "string"},
                        "jurisdiction": {"type": "string"},
                        "population_served": {"type": ["integer", "null"]},
                        "risk_appetite": {"enum": ["low", "medium", "high"]},
                    },
                },
                "Account": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "organisation": {"type": "integer"},
                        "platform": {"type": "string"},
                        "handle": {"type": "string"},
                        "status": {"enum": ["existing", "planned"]},
                        "purpose": {"type": "string"},
                        "operators": {
                            "description": "Who operates it: roles of the knowledge base, as in a document",
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {"role": {"type": "string"}, "count": {"type": "integer"}},
                            },
                        },
                        "device": {
                            "description": "The device set-up, as in a document; empty when not recorded",
                            "type": "object",
                            "properties": {
                                "kind": {"enum": ["dedicated", "corporate", "personal", "web_only"]},
                                "connected_to_internal_systems": {"type": "boolean"},
                                "work_email": {"type": "boolean"},
                                "work_contacts": {"type": "boolean"},
                                "work_calendar": {"type": "boolean"},
                            },
                        },
                    },
                },
                "AccountInput": _account_input(),
                "Safeguard": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "account": {"type": "integer"},
                        "safeguard": {"type": "string"},
                        "title": {"type": "string", "description": "the knowledge base's title of the safeguard"},
                        "evidence": {"type": "string"},
                        "in_place_since": {"type": ["string", "null"], "format": "date"},
                        "expires": {"type": ["string", "null"], "format": "date"},
                        "valid_today": {"type": "boolean", "description": "not expired today"},
                    },
                },
                "Assessment": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "account": {"type": "integer"},
                        "version": {"type": "integer"},
                        "status": {"enum": ["draft", "in_review", "changes_requested", "approved", "rejected"]},
                        "updated_at": {"type": "string", "format": "date-time"},
                        "sealed_hash": {"type": ["string", "null"]},
                        "document": _ref("AssessmentDocument"),
                        "actions": {"type": "array", "items": _ref("ActionItem")},
                    },
                },
                "ActionItem": {
                    "type": "object",
                    "description": "A condition of the result as a task: who does it by when, and the proof",
                    "properties": {
                        "id": {"type": "integer"},
                        "assessment": {"type": "integer"},
                        "safeguard": {"type": "string"},
                        "title": {"type": "string"},
                        "verify": {"type": "string"},
                        "owner": {"type": "string"},
                        "due": {"type": ["string", "null"], "format": "date"},
                        "evidence": {"type": "string"},
                        "done_at": {"type": ["string", "null"], "format": "date"},
                    },
                },
                "Result": {
                    "type": "object",
                    "properties": {
                        "assessment": {"type": "integer"},
                        "outcome": {"enum": ["go", "go_with_conditions", "no_go"]},
                        "robustness": {"enum": ["clear", "leaning", "contested"]},
                        "review_date": {"type": ["string", "null"], "format": "date"},
                        "kb_version": {"type": "string"},
                        "content_hash": {"type": "string"},
                        "created_at": {"type": "string", "format": "date-time"},
                        "result": {"type": "object", "description": "the JSON of gonogo assess --format json"},
                    },
                },
                "EvidenceUpload": _evidence_upload(),
                **_comment_schemas(),
                "AssessmentDocument": doc_schema,
            },
        },
    }


def _account_input() -> dict[str, Any]:
    from gonogo.web.assessments import catalogue

    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "platform": {"enum": [key for key, _title in catalogue.choices("platforms")]},
            "handle": {"type": "string", "description": "the account's name on the platform; a leading @ is dropped"},
            "status": {"enum": ["existing", "planned"], "default": "existing"},
            "purpose": {"type": "string"},
            "operators": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["role"],
                    "properties": {
                        "role": {"enum": [key for key, _title in catalogue.choices("roles")]},
                        "count": {"type": "integer", "minimum": 0, "default": 1},
                    },
                },
            },
            "device": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "kind": {"enum": ["dedicated", "corporate", "personal", "web_only", ""]},
                    "connected_to_internal_systems": {"type": "boolean"},
                    "work_email": {"type": "boolean"},
                    "work_contacts": {"type": "boolean"},
                    "work_calendar": {"type": "boolean"},
                },
            },
        },
    }


def _evidence_upload() -> dict[str, Any]:
    estimate = {
        "type": ["object", "null"],
        "properties": {
            "value": {"type": "number"},
            "low": {"type": "number"},
            "high": {"type": "number"},
            "basis": {"enum": ["imported", "self-reported"]},
            "unit": {"type": "string"},
        },
    }
    names = ("followers_per_100", "monthly_views_per_100", "home_share", "engagement_rate", "growth_per_month",
             "posting_consistency")  # fmt: skip
    return {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "account": {"type": "integer"},
            "source": {"enum": ["tiktok_studio", "meta", "youtube", "x", "generic"]},
            "period": {
                "type": "object",
                "properties": {
                    "start": {"type": "string", "format": "date"},
                    "end": {"type": "string", "format": "date"},
                },
            },
            "export_date": {"type": ["string", "null"], "format": "date"},
            "files": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "sha256": {"type": "string"},
                        "size": {"type": "integer"},
                    },
                },
            },
            "uploaded_at": {"type": "string", "format": "date-time"},
            "uploaded_by": {"type": "string"},
            "metrics": {
                "type": "object",
                "properties": {
                    "followers": {"type": "object"},
                    "views": {"type": "object"},
                    "engagement_rate": {"type": ["number", "null"]},
                    "population": {"type": ["object", "null"]},
                    "metrics": {"type": "object", "properties": dict.fromkeys(names, estimate)},
                },
            },
            "daily": {"type": "array", "items": {"type": "object"}, "description": "only for one upload"},
        },
    }


def _comment_schemas() -> dict[str, Any]:
    shares = {k: {"type": "number"} for k in ("positive", "neutral", "negative")}
    counts = {k: {"type": "integer"} for k in ("positive", "neutral", "negative")}
    comment = {
        "type": "object",
        "properties": {
            "position": {"type": "integer", "description": "0-based, in file order"},
            "where": {"type": "string", "description": "line N, or the JSON field"},
            "text": {"type": ["string", "null"], "description": "null once the texts were deleted"},
            "date": {"type": ["string", "null"]},
            "video": {"type": ["string", "null"]},
            "likes": {"type": ["integer", "null"]},
            "sentiment": {"enum": ["negative", "neutral", "positive"]},
            "scores": {"type": "object", "properties": shares},
            "flags": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"category": {"type": "string"}, "score": {"type": "number"}},
                },
            },
        },
    }
    return {
        "CommentUpload": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "account": {"type": "integer"},
                "file": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "sha256": {"type": "string"},
                        "size": {"type": "integer"},
                    },
                },
                "format": {"enum": ["csv", "json", "txt"]},
                "columns": {"type": ["object", "null"]},
                "n": {"type": "integer"},
                "model": {"enum": ["fast", "accurate"]},
                "counts": {"type": "object", "properties": counts},
                "shares": {"type": "object", "properties": shares},
                "balance": {"type": "number", "description": "positive share minus negative share"},
                "flagged": {"type": "object", "description": "comments flagged per triage category"},
                "comment_sentiment": {"type": "object", "description": "the block an assessment takes"},
                "uploaded_at": {"type": "string", "format": "date-time"},
                "uploaded_by": {"type": "string"},
                "analysed_at": {"type": "string", "format": "date-time"},
                "texts_deleted_at": {"type": ["string", "null"], "format": "date-time"},
                "job": {
                    "type": ["object", "null"],
                    "properties": {
                        "model": {"type": "string"},
                        "state": {"enum": ["queued", "running", "done", "failed"]},
                        "attempts": {"type": "integer"},
                        "error": {"type": ["string", "null"]},
                    },
                },
            },
        },
        "Comment": comment,
        "CommentQueue": {
            "type": "object",
            "properties": {
                "upload": {"type": "integer"},
                "notice": {"type": "string"},
                "categories": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "category": {"type": "string"},
                            "flagged": {"type": "integer"},
                            "items": {
                                "type": "array",
                                "items": {
                                    "allOf": [
                                        _ref("Comment"),
                                        {
                                            "type": "object",
                                            "properties": {
                                                "score": {"type": "number"},
                                                "review": {"type": ["object", "null"]},
                                            },
                                        },
                                    ]
                                },
                            },
                        },
                    },
                },
            },
        },
    }
