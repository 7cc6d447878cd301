from django.apps import AppConfig


class Config(AppConfig):
    name = "gonogo.web.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"
