from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "plenary.web.audit"
    label = "audit"
    verbose_name = "Audit log"
