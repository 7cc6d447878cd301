"""Load a demo: one person per role and the worked examples, assessed. Running it again changes nothing."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from gonogo.core.errors import DocumentError
from gonogo.web.assessments import engine, services
from gonogo.web.assessments.documents import read_document
from gonogo.web.assessments.models import Account, normalise_handle
from gonogo.web.audit.trail import record
from gonogo.web.decisions import workflow
from gonogo.web.decisions.models import ATTESTATIONS
from gonogo.web.orgs.models import Membership, Organisation, Role

PEOPLE = [
    ("comms", "Kari", "Nordmann", Role.EDITOR),
    ("security", "Ola", "Hansen", Role.REVIEWER),
    ("privacy", "Ingrid", "Berg", Role.DPO),
    ("director", "Per", "Lunde", Role.APPROVER),
    ("admin", "Siri", "Dahl", Role.ADMIN),
]


class Command(BaseCommand):
    help = "Create demo people and load the worked examples (examples/*.yaml) into demo organisations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--examples", default="examples", help="folder of assessment files (default: examples)")
        parser.add_argument("--url", default=settings.SITE_URL, help="address printed for logging in")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["examples"])
        files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
        if not files:
            raise CommandError(f"{folder}: no *.yaml assessment files; pass --examples DIR")
        password = self._password()
        people = [self._person(username, first, last, password) for username, first, last, _role in PEOPLE]
        for path in files:
            try:
                document = read_document(path.read_bytes(), str(path))
                self._load(document, path, people)
            except DocumentError as exc:
                raise CommandError(str(exc)) from None
            comments = folder / "comments" / f"{path.stem}.csv"
            if comments.is_file():
                self._comments(document, path, comments, people[0])
            exports = folder / "exports" / path.stem
            if exports.is_dir():
                self._exports(document, path, exports, people[0])
        self.stdout.write(f"Open {options['url']} and log in as one of: {', '.join(p[0] for p in PEOPLE)}")
        self.stdout.write(f"Password for all of them: {password}  (kept in {self._password_file()})")
        self.stdout.write("director and admin set up an authenticator app (TOTP) at their first log-in.")

    def _password_file(self) -> Path:
        return Path(settings.VAR_DIR) / "demo-password"

    def _password(self) -> str:
        """Return the demo password: generated on the first run, then read back, so logins keep working."""
        path = self._password_file()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(12), encoding="utf-8")
            path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip()

    def _person(self, username: str, first: str, last: str, password: str) -> Any:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        return user

    @transaction.atomic
    def _load(self, document: dict[str, Any], path: Path, people: list[Any]) -> None:
        section = document["organisation"]
        org, created = Organisation.objects.get_or_create(
            name=section["name"],
            defaults={
                "kind": section["kind"],
                "jurisdiction": section["jurisdiction"],
                "population_served": section.get("population_served"),
                "risk_appetite": section.get("risk_appetite", "medium"),
            },
        )
        admin = people[-1]
        if created:
            record(
                "organisation.create",
                actor=admin,
                organisation=org,
                obj=org,
                summary=f"demo: {org}",
                after=org.as_document(),
            )
        for user, (_u, _f, _l, role) in zip(people, PEOPLE, strict=True):
            Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role})
        account_section = document.get("account", {})
        handle = normalise_handle(account_section.get("handle") or path.stem)
        account, created = Account.objects.get_or_create(
            organisation=org,
            platform=document["platform"],
            handle=handle,
            defaults={
                "status": account_section.get("status", "existing"),
                "purpose": account_section.get("purpose", ""),
                # who operates it and on what device, as the example's assessment says
                "operators": document.get("operators", []),
                "device": document.get("device", {}),
            },
        )
        if not created and account.assessments.exists():
            self.stdout.write(f"{path.name}: already loaded as {org} / {account}")
            return
        editor = people[0]
        if created:
            self._safeguards(account, document, editor)
        assessment = services.start_assessment(account, editor)
        services.save_document(assessment, document, editor, f"demo: {path.name}")
        data, kb_version = engine.evaluate_document(document)
        result = services.store_result(assessment, data, kb_version, editor)
        self.stdout.write(f"{path.name}: {org} / {account}: {result.outcome} ({result.robustness})")
        if path.stem.startswith("politivest"):
            self._sign_off(assessment, people)

    def _safeguards(self, account: Account, document: dict[str, Any], editor: Any) -> None:
        """Record on the account the safeguards the example says are in place, from the assessment's date."""
        since = date.fromisoformat(str(document["date"]))
        for entry in document.get("safeguards") or []:
            item = entry if isinstance(entry, dict) else {"id": entry}
            expires = item.get("expires")
            row = account.safeguards.create(
                safeguard=item["id"],
                evidence=item.get("evidence") or f"Described in the assessment of {since.isoformat()}.",
                in_place_since=since,
                expires=date.fromisoformat(str(expires)) if expires else None,
            )
            record(
                "safeguard.set",
                actor=editor,
                organisation=account.organisation,
                obj=row,
                summary=f"demo: {account}: {row.safeguard}",
                after={"safeguard": row.safeguard, "evidence": row.evidence, "in_place_since": since},
            )

    def _comments(self, document: dict[str, Any], path: Path, comments: Path, editor: Any) -> None:
        """Analyse the example's comment file for its account, so the comment pages have something to show."""
        from gonogo.evidence.comments.readers import Columns, CommentFileError
        from gonogo.web.comments.services import UploadRefused, import_path

        account = self._account(document, path)
        try:
            outcome = import_path(account, comments, Columns(), editor)
        except (UploadRefused, CommentFileError) as exc:
            raise CommandError(f"{comments}: {exc}") from None
        if outcome.created:
            self.stdout.write(
                f"{comments.name}: {outcome.upload.n} comments analysed for {account.organisation} / {account}"
            )

    def _account(self, document: dict[str, Any], path: Path) -> Account:
        org = Organisation.objects.get(name=document["organisation"]["name"])
        handle = normalise_handle(document.get("account", {}).get("handle") or path.stem)
        return Account.objects.get(organisation=org, platform=document["platform"], handle=handle)

    def _exports(self, document: dict[str, Any], path: Path, exports: Path, editor: Any) -> None:
        """Import the example's analytics export for its account (downloaded on the assessment's date)."""
        from gonogo.web.evidence.services import UploadRefused, import_paths

        account = self._account(document, path)
        files = sorted(p for p in exports.iterdir() if p.suffix.lower() in (".csv", ".zip"))
        try:
            outcome = import_paths(account, files, date.fromisoformat(str(document["date"])), editor)
        except UploadRefused as exc:
            raise CommandError(f"{exports}: {'; '.join(exc.problems)}") from None
        if outcome.created:
            self.stdout.write(
                f"{exports.name}: {len(files)} analytics export files imported for {account.organisation} / {account}"
            )

    def _sign_off(self, assessment: Any, people: list[Any]) -> None:
        """Take one example through review and approval, so the portfolio shows a standing decision."""
        editor, security, privacy, director, _admin = people
        for action in assessment.actions.all():
            action.owner = f"{editor.get_full_name()} (communications)"
            action.save(update_fields=["owner"])
            record(
                "action.edit",
                actor=editor,
                organisation=assessment.account.organisation,
                obj=action,
                summary=action.title,
                before={"owner": ""},
                after={"owner": action.owner},
            )
        workflow.submit(assessment, editor)
        for person in (security, privacy):
            membership = Membership.objects.get(user=person, organisation=assessment.account.organisation)
            workflow.give_opinion(assessment, membership, "support", "Demo: checked against the knowledge base.")
        workflow.sign(
            assessment,
            director,
            decision="approve",
            attestations=[key for key, _text in ATTESTATIONS],
            statement="Demo approval.",
        )
        self.stdout.write(f"  approved version {assessment.version} to show a standing decision")
