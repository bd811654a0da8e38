from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "plenary.web.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from plenary.web.core import checks  # noqa: F401 - registers plenary's system checks
        from plenary.web.core.navigation import NavItem, add_nav_item

        add_nav_item(
            NavItem("admin", "Site admin", "admin:index", order=80, shown_to=_is_superuser)
        )


def _is_superuser(user: object) -> bool:
    return bool(getattr(user, "is_superuser", False))
