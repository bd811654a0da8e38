from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "plenary.web.elections"
    label = "elections"
    verbose_name = "Elections"

    def ready(self) -> None:
        from plenary.web.core import demo
        from plenary.web.core.navigation import NavItem, add_nav_item
        from plenary.web.elections import demo as elections_demo
        from plenary.web.elections import permissions  # noqa: F401  (registers rules)
        from plenary.web.elections.nominations import demo as nominations_demo
        from plenary.web.elections.schedule import register as register_jobs

        register_jobs()
        add_nav_item(NavItem("elections", "Elections", "elections:list", order=20))
        demo.register(nominations_demo.build_election_in_nominations, order=70)
        demo.register(nominations_demo.build_branch_election, order=75)
        demo.register(elections_demo.build_voting_elections, order=80)
