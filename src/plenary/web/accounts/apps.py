from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "plenary.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
