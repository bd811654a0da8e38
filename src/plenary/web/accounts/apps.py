from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "plenary.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from plenary.web.accounts import permissions  # noqa: F401  (registers rules)
        from plenary.web.core.navigation import NavItem, add_nav_item

        add_nav_item(NavItem("account", "Your account", "accounts:profile", order=90))
