from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "plenary.web.members"
    label = "members"
    verbose_name = "Members"
