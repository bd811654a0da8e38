from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "plenary.web.elections"
    label = "elections"
    verbose_name = "Elections"

    def ready(self) -> None:
        from plenary.web.core.navigation import NavItem, add_nav_item
        from plenary.web.elections import permissions  # noqa: F401  (registers rules)

        add_nav_item(NavItem("elections", "Elections", "elections:list", order=20))
