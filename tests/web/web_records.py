"""Plain functions that create test records (no factory library): people, organisations, accounts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PASSWORD = "correct horse battery staple"
POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"


def create_user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org")


def create_organisation(name: str = "Oslo kommune", **fields: Any) -> Any:
    from gonogo.web.orgs.models import Organisation

    defaults = {
        "kind": "municipality",
        "jurisdiction": "NO-03",
        "population_served": 717710,
        "risk_appetite": "medium",
    }
    return Organisation.objects.create(name=name, **{**defaults, **fields})


def add_member(user: Any, organisation: Any, role: str) -> Any:
    from gonogo.web.orgs.models import Membership

    return Membership.objects.create(user=user, organisation=organisation, role=role)


def create_account(organisation: Any, handle: str = "oslokommune", platform: str = "tiktok") -> Any:
    from gonogo.web.assessments.models import Account

    return Account.objects.create(organisation=organisation, platform=platform, handle=handle, purpose="Youth info")


def name_as_in_file(organisation: Any, path: Any) -> None:
    """Give ``organisation`` the name and the other facts in the assessment file at ``path`` (the settings are
    their source), so the file imports into its accounts as it is."""
    import yaml

    section = yaml.safe_load(path.read_text(encoding="utf-8"))["organisation"]
    facts = ("name", "kind", "jurisdiction", "population_served", "risk_appetite")
    for key in facts:
        setattr(organisation, key, section.get(key))
    organisation.save(update_fields=list(facts))


def import_example(client: Any, organisation: Any, path: Path = POLITIVEST, *, evaluate: bool = True) -> Any:
    """Import an example file through the page into a new account of ``organisation`` (given the file's facts)
    as the person logged in on ``client``, and get its result unless ``evaluate`` is false; return the version."""
    import yaml

    from gonogo.web.assessments.models import Assessment

    name_as_in_file(organisation, path)
    handle = yaml.safe_load(path.read_text(encoding="utf-8"))["account"]["handle"]
    account = create_account(organisation, handle=handle)
    with path.open("rb") as f:
        response = client.post(f"/accounts/{account.pk}/assessments/import/", {"file": f})
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Assessment.objects.get(account=account)
    if evaluate:
        assert client.post(f"/assessments/{item.pk}/evaluate/")["Location"] == f"/assessments/{item.pk}/result/"
    return item


def sample_result(outcome: str = "go_with_conditions", due: str = "2026-12-31") -> dict[str, Any]:
    """Return a result dict in the shape of ``gonogo assess --format json``, for pages that only show it."""
    level = {"likelihood": 4, "impact": 4, "level": "high", "applicable": True, "why": []}
    low = {"likelihood": 2, "impact": 3, "level": "medium", "applicable": True, "why": []}
    return {
        "format": 1,
        "outcome": outcome,
        "recommended_option": "stay_with_conditions",
        "robustness": "leaning",
        "reasons": [{"code": "binding_rule_exemption_met", "params": {"rule": "NO-NSM-2023"}}],
        "options": [
            {
                "id": "stay_as_is",
                "admissible": False,
                "acceptability": None,
                "reasons": [{"code": "prohibited", "params": {"rule": "NO-NSM-2023"}}],
                "warnings": [],
            },
            {
                "id": "stay_with_conditions",
                "admissible": True,
                "acceptability": 0.62,
                "reasons": [],
                "warnings": [],
            },
            {"id": "leave", "admissible": True, "acceptability": 0.38, "reasons": [], "warnings": []},
        ],
        "restrictions": [
            {
                "id": "NO-NSM-2023",
                "title": "Norway advises against TikTok on work devices",
                "binding": True,
                "summary": "Ministries must not use it on work devices.",
                "exemption_text": "with a work need",
                "exemption_requires": ["documented_work_need"],
                "sources": [{"title": "NSM advice", "url": "https://nsm.no/", "date": "2023-03-21"}],
                "status": {
                    "stay_as_is": {
                        "status": "prohibited",
                        "met": [],
                        "missing": ["dedicated_device"],
                        "reason": "",
                    },
                    "stay_with_conditions": {
                        "status": "allowed_if",
                        "met": ["documented_work_need"],
                        "missing": [],
                        "reason": "",
                    },
                },
            },
        ],
        "risks": [
            {
                "threat": "state_access",
                "title": "State access to app data",
                "inherent": level,
                "current": level,
                "residual": {"stay_with_conditions": low, "leave": low},
                "accepted_until": None,
            }
        ],
        "benefits": [
            {
                "criterion": "reach",
                "title": "Reach",
                "low": 0.4,
                "high": 0.7,
                "basis": "self_reported",
                "raw": 15.2,
                "unit": "per 100",
            }
        ],
        "conditions": [],
        "action_plan": [
            {
                "safeguard": "dedicated_device",
                "title": "Use a dedicated phone",
                "verify": "Inventory",
                "owner": "",
                "due": due,
                "cost_eur": 400.0,
                "basis": ["rule:NO-NSM-2023"],
            }
        ],
        "flip_points": [
            {
                "criterion": "reach",
                "current": 0.55,
                "flips_at": 0.2,
                "direction": "down",
                "to_option": "leave",
                "raw_current": 15.2,
                "raw_flips_at": 3.1,
                "unit": "per 100",
            }
        ],
        "review_date": "2027-04-15",
        "review_reasons": [{"code": "twelve_months", "params": {}}],
        "kb_version": "2026.11.1",
        "strategy": {"audience": "Young people in Oslo"},
    }


def result_above_appetite() -> dict[str, Any]:
    """A result whose recommended option (leave) keeps a residual risk above the appetite, as the engine says it."""
    data = sample_result("no_go")
    data["recommended_option"] = "leave"
    data["risks"][0]["residual"]["leave"] = {"likelihood": 4, "impact": 4, "level": "high", "applicable": True}
    leave = next(o for o in data["options"] if o["id"] == "leave")
    leave["warnings"] = [{"code": "above_appetite", "params": {"threat": "state_access", "level": "high"}}]
    return data


def upload_exports(account: Any, user: Any, paths: list[Any], export_date: Any = None) -> Any:
    """Import export files on an account as the upload form does, and return the stored upload."""
    import hashlib
    import shutil
    import tempfile
    from pathlib import Path

    from gonogo.web.evidence import services, store
    from gonogo.web.evidence.uploads import HashedFile

    store.incoming().mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=store.incoming()))
    files = []
    try:
        for n, given in enumerate(paths):
            target = folder / str(n) / Path(given).name
            target.parent.mkdir()
            shutil.copyfile(given, target)
            digest = hashlib.sha256(target.read_bytes()).hexdigest()
            files.append(HashedFile(target, target.name, target.stat().st_size, digest, None))
        return services.import_upload(account, files, export_date, user).upload
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def upload_comments(account: Any, user: Any, path: Any, columns: Any = None) -> Any:
    """Read and analyse a comment file on an account as the upload form does, and return the stored upload."""
    from gonogo.evidence.comments.readers import Columns
    from gonogo.web.comments import services

    return services.import_path(account, path, columns or Columns(), user).upload
