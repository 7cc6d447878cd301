from django.apps import AppConfig


class Config(AppConfig):
    name = "gonogo.web.decisions"
    label = "decisions"
    default_auto_field = "django.db.models.BigAutoField"
