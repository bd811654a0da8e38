"""The demo's organisation and its tree: a national body, three regions, eight branches.
The places are made up; the shape follows DOMAIN.md ("Structure")."""

from __future__ import annotations

from plenary.web.demo.context import Demo
from plenary.web.organisation.models import Organisation, Unit

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
