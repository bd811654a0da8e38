from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "plenary.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from plenary.web.accounts import demo as accounts_demo
        from plenary.web.core import demo

        demo.register(accounts_demo.build_logins, order=60)
        demo.register_real_data_check(
            "user account(s) that are not demo logins", accounts_demo.real_users, order=20
        )
