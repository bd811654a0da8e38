from django.db import migrations, models
from django.utils import timezone


def running_since_now(apps, schema_editor):
    """A job already running has no start time: count it from now, so that it is taken for
    stale (its worker dead) only after the usual timeout (core/stale_work.py)."""
    ScheduledJob = apps.get_model("core", "ScheduledJob")
    ScheduledJob.objects.filter(state="running").update(started_at=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="scheduledjob",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(running_since_now, migrations.RunPython.noop),
    ]
