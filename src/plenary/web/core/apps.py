from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "plenary.web.core"
    label = "core"
    verbose_name = "Core"
