from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "gonogo.web.comments"
    label = "comments"
    verbose_name = "Comments"
