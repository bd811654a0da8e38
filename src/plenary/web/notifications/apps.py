from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "plenary.web.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from plenary.web.core.navigation import NavItem, add_nav_item
        from plenary.web.notifications.schedule import register as register_jobs

        register_jobs()

        add_nav_item(NavItem("notifications", "Notifications", "notifications:list", order=85))
