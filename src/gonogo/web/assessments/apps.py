from django.apps import AppConfig


class Config(AppConfig):
    name = "gonogo.web.assessments"
    label = "assessments"
    default_auto_field = "django.db.models.BigAutoField"
