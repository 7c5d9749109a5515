"""Properties of any registry (hypothesis): nothing non-public reaches the public site or the open data, and
export → import → export is the identity.

Registries are generated valid by construction (every council rule honoured), imported through the exchange
format, and every text that must stay inside the office carries the marker HIDDEN.
"""

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.format import FORMAT_TAG, export_registry, import_registry

pytestmark = pytest.mark.django_db

EUROPE, ELSEWHERE = ["DE", "FR", "UA"], ["JP", "BR"]
SIGNED = ["in_force", "suspended", "terminated"]
RESOLUTION = {"number": "XII/123/90", "date": "1990-09-12"}
SECRET = "HIDDEN"
EXAMPLES = 8

PUBLIC_URLS = [
    "/en/partners/?status=all",
    "/en/partners/map.json?status=all",
    "/pl/partners/?status=all&sort=distance",
    "/en/associations/",
    "/en/eu-programmes/",
    "/api/partners/?status=all&page_size=500",
    "/api/partners.csv?status=all",
    "/api/associations/",
    "/api/eu-programmes/",
    "/sitemap.xml",
]

agreement_plans = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["twinning", "partnership", "honorary_title", "sectoral"]),
        "status": st.sampled_from(["negotiation", "approved", *SIGNED]),
        "public": st.booleans(),
        # The act that decided it once past negotiation (the body of the time only for one signed before the
        # City Council was first elected), and the one that ended a terminated one.
        "decision": st.sampled_from(["resolution", "resolution_date_only", "body", "not_recorded"]),
        "ended_by": st.sampled_from(["termination_act", "termination_act_not_recorded"]),
    }
)
city_plans = st.fixed_dictionaries(
    {
        "country": st.sampled_from(EUROPE + ELSEWHERE),
        "agreements": st.lists(agreement_plans, max_size=2, unique_by=lambda plan: plan["kind"]),
        "documents": st.lists(st.tuples(st.booleans(), st.booleans()), max_size=2),  # (public, ended)
    }
)
record_plans = st.lists(st.tuples(st.booleans(), st.sets(st.integers(0, 5), max_size=3)), max_size=3)


ENDED_BY = {
    "termination_act": "City Council resolution XX/200/05",
    "termination_act_not_recorded": "The archive holds no act that ended it.",
}


def decided(decision, *, signed):
    """The keys that record the act deciding an agreement past negotiation (the body of the time only for one
    signed, then before 27 May 1990; an approved one has the council's resolution instead)."""
    if decision == "body" and signed:
        return {
            "deciding_body": "Presidium of the City National Council, resolution 12/89",
            "signed_on": "1989-06-01",
        }
    if decision == "not_recorded":
        return {"decision_not_recorded": "The archive holds no resolution for this agreement."}
    if decision == "resolution_date_only":
        return {"council_resolution": {"date": RESOLUTION["date"]}}
    return {"council_resolution": RESOLUTION}


# How Krakow joined an association of local and regional communities: by a resolution and the Minister's
# approval, with either not recorded, or as a founder before its formal accession.
JOININGS = {
    "resolved-and-approved": {
        "council_resolution": {"number": "IV/47/90", "date": "1990-09-08"},
        "mfa_approval": {"reference": "DPT-1/90", "date": "1990-12-01"},
        "joined_on": "1991-01-01",
    },
    "resolution-without-its-number-approval-not-recorded": {
        "council_resolution": {"date": "1990-09-08"},
        "approval_not_recorded": "The archive holds no approval for this membership.",
        "joined_on": "1991-01-01",
    },
    "founder": {
        "founder": True,
        "council_resolution": {"number": "LXXXVI/753/97", "date": "1997-04-16"},
        "approval_not_recorded": "The archive holds no approval for this membership.",
        "joined_on": "1994-09-01",
    },
    "nothing-recorded": {
        "resolution_not_recorded": "The archive holds no resolution for this membership.",
        "approval_not_recorded": "The archive holds no approval for this membership.",
        "joined_on": "1995-01-01",
    },
}


@st.composite
def registries(draw):
    """A valid exchange document, and whether each city has a public relation."""
    cities, agreements, documents = [], [], []
    twinned_countries = set()
    has_public_relation = {}
    for number, plan in enumerate(draw(st.lists(city_plans, min_size=1, max_size=6))):
        slug = f"city-{number}"
        public_relation = False
        for agreement_number, wish in enumerate(plan["agreements"]):
            kind, status = wish["kind"], wish["status"]
            if kind == "twinning" and status != "terminated":
                if plan["country"] in twinned_countries:
                    continue
                twinned_countries.add(plan["country"])
            if kind == "honorary_title" and plan["country"] in EUROPE:
                continue
            record = {
                "id": f"{slug}-agreement-{agreement_number}",
                "city": slug,
                "kind": kind,
                "status": status,
                "public": wish["public"],
                "signatories": f"{SECRET} signatories",
                "notes": f"{SECRET} notes",
            }
            if kind == "sectoral":
                record["sector"] = "culture"
            if status != "negotiation":
                record.update(decided(wish["decision"], signed=status in SIGNED))
            if status in SIGNED:
                record.setdefault("signed_on", "1991-06-01")
                public_relation |= wish["public"]
            if status == "terminated":
                record.update(
                    terminated_on="2005-01-01",
                    termination_reason=f"{SECRET} reason",
                    **{wish["ended_by"]: ENDED_BY[wish["ended_by"]]},
                )
            agreements.append(record)
        for document_number, (public, ended) in enumerate(plan["documents"]):
            documents.append(
                {
                    "id": f"{slug}-document-{document_number}",
                    "city": slug,
                    "kind": "protocol",
                    "title": f"Document {number}.{document_number}" if public else f"{SECRET} document",
                    "signed_on": "2000-01-01",
                    "public": public,
                    "notes": f"{SECRET} notes",
                    **({"ended_on": "2010-01-01"} if ended else {}),
                }
            )
            public_relation |= public
        has_public_relation[slug] = public_relation
        name = f"City {number}" if public_relation else f"{SECRET} city {number}"
        cities.append({"id": slug, "name_en": name, "name_pl": name, "country": plan["country"]})

    def of_cities(indexes):
        return sorted(f"city-{index}" for index in indexes if f"city-{index}" in has_public_relation)

    activities = [
        {
            "id": f"activity-{number}",
            "tool": number % 15 + 1,
            "title_pl": f"Działanie {number}" if public else f"{SECRET} activity",
            "title_en": f"Activity {number}" if public else f"{SECRET} activity",
            "starts_on": "2020-01-01",
            "cities": of_cities(indexes),
            "public": public,
        }
        for number, (public, indexes) in enumerate(draw(record_plans))
    ]
    participations = [
        {
            "id": f"project-{number}",
            "programme": "urbact",
            "project": f"Project {number}" if public else f"{SECRET} project",
            "mayor_decision": {"number": "1234/2023", "date": "2023-03-01"},
            "starts_on": "2023-04-01",
            "cities": of_cities(indexes),
            "public": public,
            "notes": f"{SECRET} notes",
        }
        for number, (public, indexes) in enumerate(draw(record_plans))
    ]
    memberships = draw(st.lists(st.tuples(st.booleans(), st.sampled_from(list(JOININGS))), max_size=3))
    associations = [
        {
            "id": f"association-{number}",
            "name": f"Association {number}" if public else f"{SECRET} association",
            "kind": "local_and_regional",
        }
        for number, (public, _joining) in enumerate(memberships)
    ]
    membership_records = [
        {
            "id": f"membership-{number}",
            "association": f"association-{number}",
            **JOININGS[joining],
            "public": public,
            "representative": f"{SECRET} representative",
            "notes": f"{SECRET} notes",
        }
        for number, (public, joining) in enumerate(memberships)
    ]
    return {
        "format": FORMAT_TAG,
        "cities": cities,
        "agreements": agreements,
        "working_documents": documents,
        "programme_participations": participations,
        "activities": activities,
        "associations": associations,
        "memberships": membership_records,
    }, has_public_relation


@contextmanager
def rolled_back():
    """Each example in a registry of its own: whatever it writes is undone."""
    with transaction.atomic():
        cache.clear()
        yield
        transaction.set_rollback(True)
    cache.clear()


def imported(document):
    result = import_registry(document)
    assert result.problems == [], [str(problem) for problem in result.problems]


PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY_SETTINGS
@given(generated=registries())
def test_nothing_non_public_reaches_the_public_site_or_the_open_data(client, generated):
    document, has_public_relation = generated
    with rolled_back():
        imported(document)

        for url in PUBLIC_URLS:
            response = client.get(url)
            assert response.status_code == 200, url
            assert SECRET not in response.content.decode(), url
        for slug, public in has_public_relation.items():
            page = client.get(f"/en/partners/{slug}/")
            assert page.status_code == (200 if public else 404), slug
            assert SECRET not in page.content.decode(), slug
            assert client.get(f"/api/partners/{slug}/").status_code == (200 if public else 404), slug


@PROPERTY_SETTINGS
@given(generated=registries())
def test_export_then_import_then_export_is_the_identity(generated):
    document, _has_public_relation = generated
    with rolled_back():
        imported(document)
        exported = export_registry()

        imported(exported)

        assert export_registry() == exported
        assert sorted(record["id"] for record in exported["cities"]) == sorted(
            city["id"] for city in document["cities"]
        )


@PROPERTY_SETTINGS
@given(generated=registries(), flipped=st.sets(st.integers(0, 11), max_size=4))
def test_each_city_has_the_relation_its_public_records_give_it_after_any_import(generated, flipped):
    """Imported anew, then with some agreements' publicity reversed (records replaced in bulk): the public list
    gives each city what its records give it, worked out here in Python from the document alone."""
    document, _has_public_relation = generated
    with rolled_back():
        imported(document)
        assert listed_relations() == relations_in(document)

        for number, agreement in enumerate(document["agreements"]):
            if number in flipped:
                agreement["public"] = not agreement["public"]
        imported(document)
        assert listed_relations() == relations_in(document)


def listed_relations():
    """{city: (relation, is current)} as the public list gives them."""
    from website.selectors import partner_city_list_public

    listed = partner_city_list_public().values_list("slug", "relation", "is_current")
    return {slug: (relation, current) for slug, relation, current in listed}


RELATION_OF_KIND = {
    "twinning": "twin_city",
    "honorary_title": "honorary_twin_city",
    "partnership": "partner_city",
    "sectoral": "sectoral",
}
RELATIONS = [*RELATION_OF_KIND.values(), "cooperation"]


def relations_in(document):
    """{city: (relation, is current)} for each city with a public relation: the highest of its public signed
    agreements' and public documents' (the generated documents formalize nothing), current ones first."""
    records = {}
    for agreement in document["agreements"]:
        if agreement["public"] and agreement["status"] in SIGNED:
            current = agreement["status"] != "terminated"
            records.setdefault(agreement["city"], []).append((RELATION_OF_KIND[agreement["kind"]], current))
    for working_document in document["working_documents"]:
        if working_document["public"]:
            records.setdefault(working_document["city"], []).append(
                ("cooperation", "ended_on" not in working_document)
            )
    return {
        city: min(relations, key=lambda relation: (not relation[1], RELATIONS.index(relation[0])))
        for city, relations in records.items()
    }
