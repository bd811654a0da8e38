from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "plenary.web.documents"
    label = "documents"
    verbose_name = "Documents"
