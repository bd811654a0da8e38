from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "plenary.web.elections"
    label = "elections"
    verbose_name = "Elections"

    def ready(self) -> None:
        from plenary.web.core import demo
        from plenary.web.core.navigation import HomePanel, NavItem, add_home_panel, add_nav_item
        from plenary.web.elections import demo as elections_demo
        from plenary.web.elections import home, notifications, permissions  # noqa: F401
        from plenary.web.elections.nominations import demo as nominations_demo
        from plenary.web.elections.schedule import register as register_jobs

        register_jobs()
        notifications.register()
        add_nav_item(NavItem("elections", "Elections", "elections:list", order=20))
        add_nav_item(
            NavItem(
                "ballots",
                "Your ballots",
                "elections:my_ballots",
                order=21,
                shown_to=permissions.is_a_member,
            )
        )
        # First on a member's home page: a ballot to cast is the most pressing thing there.
        add_home_panel(HomePanel("elections/home/awaiting.html", 5, home.awaiting_panel))
        demo.register(nominations_demo.build_election_in_nominations, order=70)
        demo.register(nominations_demo.build_branch_election, order=75)
        demo.register(elections_demo.build_voting_elections, order=80)
