"""Failed log-ins, counted to throttle password guessing."""

from __future__ import annotations

from django.db import models


class FailedLogin(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.address} at {self.at}"
