"""Create an organisation with its first administrator (who then invites everyone else)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from gonogo.web.assessments import catalogue
from gonogo.web.audit.trail import record
from gonogo.web.orgs.forms import OrganisationForm
from gonogo.web.orgs.models import Membership, RiskAppetite, Role


class Command(BaseCommand):
    help = "Create an organisation and make USERNAME its administrator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--kind", required=True, help="kind of body, e.g. police, municipality, ministry")
        parser.add_argument("--jurisdiction", required=True, help="ISO 3166 code, e.g. NO or NO-46")
        parser.add_argument("--population", type=int, default=None, help="people it serves")
        parser.add_argument("--risk-appetite", default=RiskAppetite.MEDIUM, choices=RiskAppetite.values)
        parser.add_argument("--admin", required=True, help="username of its first administrator")

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = [key for key, _title in catalogue.choices("kinds")]
        if options["kind"] not in kinds:
            raise CommandError(f"--kind {options['kind']!r}: expected one of {', '.join(kinds)}")
        admin = get_user_model().objects.filter(username=options["admin"]).first()
        if admin is None:
            raise CommandError(f"--admin {options['admin']!r}: no such person; create them with createsuperuser")
        # The same checks as the web page's form (the jurisdiction must be a code the knowledge base knows).
        form = OrganisationForm(
            {
                "name": options["name"],
                "kind": options["kind"],
                "jurisdiction": options["jurisdiction"],
                "population_served": "" if options["population"] is None else options["population"],
                "risk_appetite": options["risk_appetite"],
            }
        )
        if not form.is_valid():
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
        with transaction.atomic():
            org = form.save()
            Membership.objects.create(user=admin, organisation=org, role=Role.ADMIN)
            record(
                "organisation.create", actor=admin, organisation=org, obj=org, summary=str(org), after=org.as_document()
            )
        self.stdout.write(f"created {org} (id {org.pk}) with {admin.get_username()} as administrator")
