from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "plenary.web.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from plenary.web.core.navigation import NavItem, add_nav_item

        add_nav_item(NavItem("notifications", "Notifications", "notifications:list", order=85))
