"""Accounts record who operates them and on what device; handles are stored without a leading "@"."""

from typing import Any

from django.db import migrations, models


def strip_at_signs(apps: Any, schema_editor: Any) -> None:
    """Store "@politiet" as "politiet", unless the organisation already has that account there."""
    account_model = apps.get_model("assessments", "Account")
    for account in account_model.objects.filter(handle__startswith="@"):
        handle = account.handle.strip().lstrip("@").strip()
        taken = account_model.objects.filter(
            organisation_id=account.organisation_id, platform=account.platform, handle=handle
        ).exists()
        if handle and not taken:
            account.handle = handle
            account.save(update_fields=["handle"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="account",
            name="device",
            field=models.JSONField(blank=True, default=dict, verbose_name="device set-up"),
        ),
        migrations.AddField(
            model_name="account",
            name="operators",
            field=models.JSONField(blank=True, default=list, verbose_name="operators"),
        ),
        migrations.RunPython(strip_at_signs, migrations.RunPython.noop),
    ]
