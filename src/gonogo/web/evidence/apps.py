from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "gonogo.web.evidence"
    label = "evidence"
    verbose_name = "Evidence"
