from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "plenary.web.api"
    label = "api"
    verbose_name = "JSON API"
