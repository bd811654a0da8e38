from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "plenary.web.elections"
    label = "elections"
    verbose_name = "Elections"
