from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "plenary.web.organisation"
    label = "organisation"
    verbose_name = "Organisation"

    def ready(self) -> None:
        from plenary.web.core import demo
        from plenary.web.core.navigation import HomePanel, NavItem, add_home_panel, add_nav_item
        from plenary.web.organisation import demo as organisation_demo
        from plenary.web.organisation import home, permissions  # noqa: F401  (registers rules)

        add_nav_item(NavItem("organisation", "Organisation", "organisation:tree", order=10))
        add_home_panel(HomePanel("organisation/home/seats.html", 20, home.seats_panel))
        add_home_panel(HomePanel("organisation/home/organisation.html", 90, home.browse_panel))
        demo.register(organisation_demo.build_organisation, order=10)
        demo.register(organisation_demo.build_tree, order=20)
        demo.register(organisation_demo.build_affiliates, order=30)
