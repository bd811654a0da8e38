from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "plenary.web.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from plenary.web.core.navigation import NavItem, add_nav_item, with_permission

        # Who may read the log is the organisation's rule ("audit.read_log", in
        # organisation/permissions.py): the audit app sits below the apps that know the offices.
        add_nav_item(
            NavItem(
                "audit",
                "Audit log",
                "audit:log",
                order=40,
                shown_to=with_permission("audit.read_log"),
            )
        )
