from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "plenary.web.members"
    label = "members"
    verbose_name = "Members"

    def ready(self) -> None:
        from plenary.web.core import demo
        from plenary.web.members import demo as members_demo

        demo.register(members_demo.build_members, order=40)
        demo.register(members_demo.build_bodies, order=50)
        demo.register_real_data_check(
            "member(s) that are not demo members", members_demo.real_members, order=10
        )
