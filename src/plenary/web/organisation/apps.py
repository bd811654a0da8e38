from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "plenary.web.organisation"
    label = "organisation"
    verbose_name = "Organisation"
