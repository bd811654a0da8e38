"""The shipped defaults from DOMAIN.md ("Structure", "Voting rules"): affiliation fees by type
and size, and delegate entitlement by membership band. Each organisation edits its own."""

from decimal import Decimal

from django.db import migrations

DEFAULT_FEES = [
    ("national_union", 0, "500.00"),
    ("local_union", 0, "100.00"),
    ("national_organisation", 0, "100.00"),
    ("national_organisation", 201, "200.00"),  # "over 200 members"
    ("local_group", 0, "20.00"),
    ("equality_group", 0, "20.00"),
]
# "10-100 members 2 delegates, 100-500 3, 500-2000 4, over 2000 5"; below 10, none.
DEFAULT_BANDS = [(10, 2), (100, 3), (500, 4), (2001, 5)]


def add_defaults(apps, schema_editor):
    FeeRule = apps.get_model("organisation", "FeeRule")
    DelegateBand = apps.get_model("organisation", "DelegateBand")
    for affiliate_type, min_members, fee in DEFAULT_FEES:
        FeeRule.objects.get_or_create(
            affiliate_type=affiliate_type,
            min_members=min_members,
            defaults={"annual_fee": Decimal(fee)},
        )
    for min_members, delegates in DEFAULT_BANDS:
        DelegateBand.objects.get_or_create(
            min_members=min_members, defaults={"delegates": delegates}
        )


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
