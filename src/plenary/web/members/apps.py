from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "plenary.web.members"
    label = "members"
    verbose_name = "Members"

    def ready(self) -> None:
        from plenary.web.core import demo
        from plenary.web.core.navigation import (
            HomePanel,
            NavItem,
            add_home_panel,
            add_nav_item,
            with_permission,
        )
        from plenary.web.members import demo as members_demo
        from plenary.web.members import home, permissions  # noqa: F401  (registers rules)
        from plenary.web.members.roll import ROLL
        from plenary.web.organisation.roll import provide

        provide(ROLL)
        add_nav_item(
            NavItem(
                "members",
                "Members",
                "members:list",
                order=30,
                shown_to=with_permission("members.see_roll"),
            )
        )
        add_home_panel(HomePanel("members/home/membership.html", 10, home.membership_panel))
        add_home_panel(HomePanel("members/home/roll.html", 30, home.roll_panel))
        demo.register(members_demo.build_members, order=40)
        demo.register(members_demo.build_bodies, order=50)
        demo.register_real_data_check(
            "member(s) that are not demo members", members_demo.real_members, order=10
        )
