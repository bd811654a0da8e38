"""The organisation's part of the demo (docs/demo.md): the organisation's name, its tree (a
national body, three regions, eight branches) and its affiliates (at least one of every type
DOMAIN.md names, including a national union with affiliated local branches, which send no
representatives of their own). The places are made up; the shape follows DOMAIN.md
("Structure"). Registered in apps.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from plenary.web.core.demo import Demo
from plenary.web.organisation.models import Affiliate, AffiliateType, Organisation, Unit

ORGANISATION_NAME = "Heartwood Alliance"
ORGANISATION_SHORT_NAME = "Heartwood"

NATIONAL = ("heartwood-national", "Heartwood Alliance")

# region slug, region name, [(branch slug, branch name, share of the roll)]
REGIONS: list[tuple[str, str, list[tuple[str, str, int]]]] = [
    (
        "north-of-england",
        "North of England",
        [
            ("millbridge", "Millbridge", 140),
            ("kirkby-moor", "Kirkby Moor", 55),
            ("haverdale", "Haverdale and Wrenfield", 90),
        ],
    ),
    (
        "wales",
        "Wales",
        [
            ("aberglas", "Aberglas", 70),
            ("pontcoed", "Pontcoed and the Valleys", 45),
        ],
    ),
    (
        "scotland",
        "Scotland",
        [
            ("glenmuir", "Glenmuir", 95),
            ("strathallan-east", "Strathallan East", 35),
            ("inverbrae", "Inverbrae", 70),
        ],
    ),
]


def build_organisation(demo: Demo) -> Demo:
    """Name the installation's organisation, unless its operator already has."""
    organisation = Organisation.current()
    if organisation.name == Organisation.UNNAMED:
        organisation.name = ORGANISATION_NAME
        organisation.short_name = ORGANISATION_SHORT_NAME
        organisation.branch_label = "branch"
        organisation.region_label = "region"
        organisation.save()
    return demo


def _unit(demo: Demo, slug: str, name: str, kind: str, parent: Unit | None) -> Unit:
    unit, created = Unit.objects.get_or_create(
        slug=slug, defaults={"name": name, "kind": kind, "parent": parent}
    )
    if created:
        demo.count_created("units")
    return unit


def _national(demo: Demo) -> Unit:
    # There can be only one national unit: with --force on a database that has its own,
    # the demo hangs its regions from that one rather than failing.
    existing = Unit.objects.filter(kind=Unit.Kind.NATIONAL).first()
    if existing is not None:
        return existing
    slug, name = NATIONAL
    return _unit(demo, slug, name, Unit.Kind.NATIONAL, None)


def build_tree(demo: Demo) -> Demo:
    demo.national = _national(demo)
    for region_slug, region_name, branches in REGIONS:
        region = _unit(demo, region_slug, region_name, Unit.Kind.REGION, demo.national)
        demo.regions[region_slug] = region
        for branch_slug, branch_name, _share in branches:
            demo.branches[branch_slug] = _unit(
                demo, branch_slug, branch_name, Unit.Kind.BRANCH, region
            )
    return demo


def branch_shares() -> dict[str, int]:
    """Each branch's relative share of the roll, so branches differ in size as real ones do."""
    return {slug: share for _r, _n, branches in REGIONS for slug, _name, share in branches}


# The affiliates

T = AffiliateType


@dataclass(frozen=True)
class AffiliateSpec:
    name: str
    affiliate_type: str
    declared_members: int
    unit_slug: str | None = None  # region or branch it is based in; None for national ones
    parent_name: str | None = None  # the nationally affiliated union of a union branch
    affiliated_years_ago: int = 3
    months_overdue: int = 0  # 0: paid up for about a year ahead
    contact_name: str = ""


# Parents come before their branches: build_affiliates creates them in this order.
AFFILIATES: tuple[AffiliateSpec, ...] = (
    AffiliateSpec(
        "Union of Transport and Allied Workers",
        T.NATIONAL_UNION,
        48_000,
        affiliated_years_ago=9,
        contact_name="Brenda Okoye",
    ),
    AffiliateSpec(
        "National Union of Care Workers",
        T.NATIONAL_UNION,
        21_500,
        affiliated_years_ago=6,
        contact_name="Gethin Parry",
    ),
    AffiliateSpec(
        "Public and Civil Service Union",
        T.NATIONAL_UNION,
        96_000,
        affiliated_years_ago=2,
        contact_name="Ravinder Gill",
    ),
    AffiliateSpec(
        "UTAW Millbridge Depot branch",
        T.LOCAL_UNION,
        320,
        unit_slug="millbridge",
        parent_name="Union of Transport and Allied Workers",
        contact_name="Dave Hirst",
    ),
    AffiliateSpec(
        "UTAW Scotland region",
        T.LOCAL_UNION,
        4_100,
        unit_slug="scotland",
        parent_name="Union of Transport and Allied Workers",
        contact_name="Morag Sinclair",
    ),
    AffiliateSpec(
        "NUCW Aberglas branch",
        T.LOCAL_UNION,
        210,
        unit_slug="aberglas",
        parent_name="National Union of Care Workers",
        contact_name="Eirlys Hopkin",
    ),
    # A local union branch whose national union is not affiliated: it does send delegates.
    AffiliateSpec(
        "Bakers and Food Workers, Glenmuir branch",
        T.LOCAL_UNION,
        140,
        unit_slug="glenmuir",
        months_overdue=4,
        contact_name="Callum Baird",
    ),
    AffiliateSpec(
        "Campaign for Fair Housing",
        T.NATIONAL_ORGANISATION,
        1_450,
        affiliated_years_ago=5,
        contact_name="Nadia Rahman",
    ),
    AffiliateSpec(
        "Tenants' Rights Network", T.NATIONAL_ORGANISATION, 140, contact_name="Joe Pritchard"
    ),
    AffiliateSpec(
        "Millbridge Climate Action",
        T.LOCAL_GROUP,
        24,
        unit_slug="millbridge",
        affiliated_years_ago=1,
        contact_name="Tamsin Reeve",
    ),
    AffiliateSpec(
        "Friends of Kirkby Moor Library",
        T.LOCAL_GROUP,
        12,
        unit_slug="kirkby-moor",
        months_overdue=14,
        contact_name="Harold Beck",
    ),
    AffiliateSpec(
        "Inverbrae Food Bank Volunteers",
        T.LOCAL_GROUP,
        31,
        unit_slug="inverbrae",
        contact_name="Ishbel Munro",
    ),
    AffiliateSpec("Heartwood Women", T.EQUALITY_GROUP, 260, contact_name="Comfort Asante"),
    AffiliateSpec("Heartwood LGBT+", T.EQUALITY_GROUP, 115, contact_name="Rowan Tait"),
    AffiliateSpec("Heartwood BAME Network", T.EQUALITY_GROUP, 130, contact_name="Imran Qureshi"),
    AffiliateSpec("Heartwood Disabled Members", T.EQUALITY_GROUP, 70, contact_name="Siân Roberts"),
    AffiliateSpec(
        "Heartwood Youth", T.EQUALITY_GROUP, 95, affiliated_years_ago=1, contact_name="Kai Mensah"
    ),
)


def _paid_until(spec: AffiliateSpec, today: date) -> date:
    if spec.months_overdue:
        return today - timedelta(days=30 * spec.months_overdue)
    # Paid for about a year ahead, to the end of a month, as a yearly fee leaves it.
    return date(today.year + 1, today.month, 1) - timedelta(days=1)


def _contact_email(spec: AffiliateSpec) -> str:
    local = "".join(c for c in spec.name.lower() if c.isalnum() or c == " ").split()
    return f"{'.'.join(local[:3])}@example.com"


def _new_affiliate(spec: AffiliateSpec, demo: Demo) -> Affiliate:
    units = {**demo.regions, **demo.branches}
    affiliate = Affiliate(
        name=spec.name,
        affiliate_type=spec.affiliate_type,
        declared_members=spec.declared_members,
        unit=units[spec.unit_slug] if spec.unit_slug else None,
        parent=demo.affiliates[spec.parent_name] if spec.parent_name else None,
        affiliated_on=demo.today.replace(year=demo.today.year - spec.affiliated_years_ago, day=1),
        paid_until=_paid_until(spec, demo.today),
        contact_name=spec.contact_name,
        contact_email=_contact_email(spec),
    )
    affiliate.full_clean()  # the model's own rules: union branches, local group size
    affiliate.save()
    return affiliate


def build_affiliates(demo: Demo) -> Demo:
    for spec in AFFILIATES:
        affiliate = Affiliate.objects.filter(name=spec.name).order_by("pk").first()
        if affiliate is None:
            affiliate = _new_affiliate(spec, demo)
            demo.count_created("affiliates")
        demo.affiliates[spec.name] = affiliate
    return demo
