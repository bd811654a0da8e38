from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "plenary.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from plenary.web.accounts import demo as accounts_demo
        from plenary.web.accounts import permissions  # noqa: F401  (registers rules)
        from plenary.web.accounts.logins import keep_last_login_to_the_day
        from plenary.web.core import demo
        from plenary.web.core.navigation import NavItem, add_nav_item

        keep_last_login_to_the_day()
        add_nav_item(NavItem("account", "Your account", "accounts:profile", order=90))
        demo.register(accounts_demo.build_logins, order=60)
        demo.register_real_data_check(
            "user account(s) that are not demo logins", accounts_demo.real_users, order=20
        )
