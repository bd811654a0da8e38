from django.apps import AppConfig


class LifecyclesConfig(AppConfig):
    name = "plenary.web.lifecycles"
    label = "lifecycles"
    verbose_name = "Lifecycles"
