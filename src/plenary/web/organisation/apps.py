from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "plenary.web.organisation"
    label = "organisation"
    verbose_name = "Organisation"

    def ready(self) -> None:
        from plenary.web.core import demo
        from plenary.web.organisation import demo as organisation_demo

        demo.register(organisation_demo.build_organisation, order=10)
        demo.register(organisation_demo.build_tree, order=20)
        demo.register(organisation_demo.build_affiliates, order=30)
