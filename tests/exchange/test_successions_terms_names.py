"""The exchange format carries an agreement's succession, a document's term and a city's other names both ways,
refuses what their rules refuse with the key's path, and the demo registry holds the public record's chains,
terms and names so that the public search finds a city by any of them."""

import csv
import datetime
import io

import pytest

from agreements.choices import AgreementStatus, Succession
from agreements.models import Agreement, WorkingDocument
from exchange.format import export_registry, import_registry
from partners.models import CityName, PartnerCity
from registry.partial_dates import DatePrecision
from registry.terms import Term, TermEvent
from tests.exchange.test_import import LEUVEN, NUREMBERG, agreement, document, run_import

pytestmark = pytest.mark.django_db

ROME = {"id": "rome", "name_en": "Rome", "name_pl": "Rzym", "country": "IT"}
KYIV = {
    "id": "kyiv",
    "name_en": "Kyiv",
    "name_pl": "Kijów",
    "name_native": "Київ",
    "official_name_en": "City of Kyiv",
    "official_name_pl": "Miasto Kijów",
    "country": "UA",
    "other_names": [
        {"name": "Kiev", "kind": "former", "language": "en"},
        {"name": "Kiew", "kind": "alternative", "language": "de"},
        {"name": "Kyjiw", "kind": "alternative"},
    ],
}
NOT_RECORDED = "The public record names no City Council resolution for this agreement."


def partnership(record_id, city, **fields):
    return agreement(record_id, city, kind="partnership", **fields)


def rome_2009(**fields):
    earlier = {
        "status": "terminated",
        "signed_on": "2009",
        "terminated_on": "2012-10-23",
        "termination_act": "Followed by the agreement rome-2012, signed on 2012-10-23.",
    }
    return partnership("rome-2009", "rome", **{**earlier, **fields})


def rome_2012(**fields):
    later = {
        "signed_on": "2012-10-23",
        "follows": "rome-2009",
        "follows_as": "not_recorded",
        "term": "fixed",
        "term_years": 5,
        "notice_months": 3,
    }
    return partnership("rome-2012", "rome", **{**later, **fields})


def problems(**sections):
    return [str(problem) for problem in import_registry(document(**sections)).problems]


def exported(section, record_id):
    return next(record for record in export_registry()[section] if record["id"] == record_id)


class TestRoundTrip:
    def test_a_citys_names_are_exported_as_imported_the_other_names_sorted_by_name(self):
        shuffled = {**KYIV, "other_names": list(reversed(KYIV["other_names"]))}

        assert problems(cities=[shuffled]) == []

        assert exported("cities", "kyiv") == KYIV

    def test_an_agreement_follows_another_of_the_file_listed_after_it(self):
        assert problems(cities=[ROME], agreements=[rome_2012(), rome_2009()]) == []

        later = Agreement.objects.get(slug="rome-2012")
        assert (later.follows.slug, later.follows_as) == ("rome-2009", Succession.NOT_RECORDED)
        assert exported("agreements", "rome-2012") == rome_2012()
        assert exported("agreements", "rome-2009") == rome_2009()

    def test_an_agreement_follows_one_already_in_the_registry(self):
        assert problems(cities=[ROME], agreements=[rome_2009()]) == []

        assert problems(agreements=[rome_2012()]) == []

        assert Agreement.objects.get(slug="rome-2012").follows == Agreement.objects.get(slug="rome-2009")

    def test_a_term_to_an_expiry_day_goes_both_ways(self):
        record = partnership("a", "leuven", term="fixed", expires_on="2001-06-01", notice_months=0)

        assert problems(cities=[LEUVEN], agreements=[record]) == []

        assert Agreement.objects.get().expires_on == datetime.date(2001, 6, 1)
        assert exported("agreements", "a") == record

    def test_a_working_documents_term_goes_both_ways(self):
        record = {
            "id": "vienna-2021",
            "city": "leuven",
            "kind": "cooperation_programme",
            "signed_on": "2021-06-29",
            "term": "renewing",
            "term_years": 4,
            "notice_months": 6,
        }

        assert problems(cities=[LEUVEN], working_documents=[record]) == []

        document_ = WorkingDocument.objects.get()
        assert (document_.term, document_.term_years, document_.notice_months) == (Term.RENEWING, 4, 6)
        assert exported("working_documents", "vienna-2021") == record

    def test_a_file_without_the_new_keys_leaves_them_at_their_defaults(self):
        assert problems(cities=[LEUVEN], agreements=[partnership("a", "leuven")]) == []

        record = Agreement.objects.get()
        assert (record.follows, record.follows_as, record.term, record.term_years) == (
            None,
            "",
            Term.NOT_RECORDED,
            None,
        )
        assert not {"follows", "follows_as", "term", "other_names"} & set(exported("agreements", "a"))


class TestOtherNames:
    def test_the_public_search_finds_a_city_by_an_imported_other_name(self, client):
        assert problems(cities=[KYIV], agreements=[agreement("kyiv-twinning", "kyiv")]) == []

        response = client.get("/en/partners/", {"q": "Kiev"})

        assert [city.slug for city in response.context["cities"]] == ["kyiv"]

    def test_importing_again_replaces_the_other_names_and_what_the_search_finds(self):
        import_registry(document(cities=[KYIV]))
        renamed = [
            {"name": "Kiev", "kind": "alternative", "language": "en"},
            {"name": "Kyjiv", "kind": "former"},
        ]

        assert problems(cities=[{**KYIV, "other_names": renamed}]) == []

        names = CityName.objects.order_by("name").values_list("name", "kind", "language")
        assert list(names) == [("Kiev", "alternative", "en"), ("Kyjiv", "former", "")]
        search_names = PartnerCity.objects.get().search_names.splitlines()
        assert "kyjiv" in search_names and "kyjiw" not in search_names and "kiew" not in search_names

    def test_importing_the_same_names_again_writes_no_history(self):
        import_registry(document(cities=[KYIV]))
        written = CityName.history.count()

        import_registry(document(cities=[KYIV]))

        assert CityName.history.count() == written == 3

    def test_a_city_without_the_key_loses_its_other_names(self):
        import_registry(document(cities=[KYIV]))

        import_registry(
            document(cities=[{key: value for key, value in KYIV.items() if key != "other_names"}])
        )

        assert not CityName.objects.exists()
        assert "kiev" not in PartnerCity.objects.get().search_names


REFUSED = {
    "follows-another-citys-agreement": (
        {
            "cities": [ROME, LEUVEN],
            "agreements": [partnership("leuven-2009", "leuven"), rome_2012(follows="leuven-2009")],
        },
        [
            "agreements[rome-2012].follows: An agreement can follow only an earlier agreement with the same city."
        ],
    ),
    "renews-an-agreement-of-another-kind": (
        {
            "cities": [ROME],
            "agreements": [
                {**rome_2009(), "kind": "twinning"},
                rome_2012(follows_as="renewal"),
            ],
        },
        [
            "agreements[rome-2012].follows_as: A renewal or an amendment is of the kind and sector of the "
            "agreement it follows."
        ],
    ),
    "follows-a-later-agreement": (
        {"cities": [ROME], "agreements": [rome_2009(), rome_2012(signed_on="2008")]},
        [
            "agreements[rome-2012].follows: An agreement can follow only one that took effect before it: rome-2009 "
            "is of 2009."
        ],
    ),
    "follows-without-saying-how": (
        {"cities": [ROME], "agreements": [rome_2009(), rome_2012(follows_as=None)]},
        ["agreements[rome-2012].follows_as: Say which agreement this one follows and how, or neither."],
    ),
    "follows-an-unknown-agreement": (
        {"cities": [ROME], "agreements": [rome_2012(follows="rome-1999")]},
        ["agreements[rome-2012].follows: unknown reference 'rome-1999'"],
    ),
    "follows-in-a-circle": (
        {
            "cities": [ROME],
            "agreements": [
                partnership("a", "rome", follows="b", follows_as="renewal"),
                partnership("b", "rome", follows="a", follows_as="renewal"),
                partnership("c", "rome", follows="a", follows_as="renewal"),
            ],
        },
        [
            "agreements[a].follows: names, directly or through others, a record that names this one",
            "agreements[b].follows: names, directly or through others, a record that names this one",
            "agreements[c].follows: refers to a, which is itself invalid",
        ],
    ),
    "fixed-term-without-its-length": (
        {"cities": [LEUVEN], "agreements": [partnership("a", "leuven", term="fixed")]},
        [
            "agreements[a].term_years: A fixed term gives its length in years or the day it expires, one of the two."
        ],
    ),
    "renewing-term-with-an-expiry-day": (
        {
            "cities": [LEUVEN],
            "working_documents": [
                {
                    "id": "w",
                    "city": "leuven",
                    "kind": "memorandum",
                    "signed_on": "2015",
                    "term": "renewing",
                    "term_years": 2,
                    "expires_on": "2017-01-01",
                }
            ],
        },
        [
            "working_documents[w].term_years: A term that renews automatically gives the length of each "
            "period in years, no end date."
        ],
    ),
    "notice-without-a-term": (
        {"cities": [LEUVEN], "agreements": [partnership("a", "leuven", notice_months=6)]},
        ["agreements[a].notice_months: A notice period belongs to a recorded term."],
    ),
    "expiry-before-signing": (
        {
            "cities": [LEUVEN],
            "agreements": [partnership("a", "leuven", term="fixed", expires_on="1990-01-01")],
        },
        ["agreements[a].expires_on: A document cannot expire before it took effect."],
    ),
    "term-of-no-years": (
        {"cities": [LEUVEN], "agreements": [partnership("a", "leuven", term="fixed", term_years=0)]},
        ["agreements[a].term_years: Ensure this value is greater than or equal to 1."],
    ),
    "term-years-as-text": (
        {"cities": [LEUVEN], "agreements": [partnership("a", "leuven", term="fixed", term_years="5")]},
        ["agreements[a].term_years: must be a whole number"],
    ),
    "expiry-day-not-a-day": (
        {"cities": [LEUVEN], "agreements": [partnership("a", "leuven", term="fixed", expires_on="2001-06")]},
        ["agreements[a].expires_on: must be a date as YYYY-MM-DD, not '2001-06'"],
    ),
    "unknown-term": (
        {"cities": [LEUVEN], "agreements": [partnership("a", "leuven", term="forever")]},
        ["agreements[a].term: must be one of not_recorded, indefinite, fixed, renewing"],
    ),
    "other-name-of-an-unknown-kind": (
        {
            "cities": [
                {**KYIV, "other_names": [{"name": "Kiev", "kind": "former"}, {"name": "Kyiw", "kind": "old"}]}
            ]
        },
        ["cities[kyiv].other_names[1].kind: must be one of former, alternative"],
    ),
    "other-name-without-its-kind": (
        {"cities": [{**KYIV, "other_names": [{"name": "Kiev"}]}]},
        ["cities[kyiv].other_names[0].kind: is required"],
    ),
    "other-name-twice": (
        {
            "cities": [
                {
                    **KYIV,
                    "other_names": [
                        {"name": "Kiev", "kind": "former"},
                        {"name": "Kiev", "kind": "alternative"},
                    ],
                }
            ]
        },
        ["cities[kyiv].other_names[1].name: appears twice in the list"],
    ),
    "other-name-too-long": (
        {"cities": [{**KYIV, "other_names": [{"name": "K" * 201, "kind": "former"}]}]},
        ["cities[kyiv].other_names[0].name: Ensure this value has at most 200 characters (it has 201)."],
    ),
    "other-name-empty": (
        {"cities": [{**KYIV, "other_names": [{"name": " ", "kind": "former"}]}]},
        ["cities[kyiv].other_names[0].name: This field cannot be blank."],
    ),
    "other-name-with-an-unknown-key": (
        {"cities": [{**KYIV, "other_names": [{"name": "Kiev", "kind": "former", "script": "Latn"}]}]},
        ["cities[kyiv].other_names[0].script: unknown key"],
    ),
    "other-names-not-a-list": (
        {"cities": [{**KYIV, "other_names": "Kiev"}]},
        ["cities[kyiv].other_names: must be a list of objects"],
    ),
}


@pytest.mark.parametrize(("sections", "expected"), REFUSED.values(), ids=REFUSED.keys())
def test_a_broken_rule_is_reported_with_the_keys_path_and_nothing_is_written(sections, expected):
    assert problems(**sections) == expected

    assert not PartnerCity.objects.exists()
    assert not CityName.objects.exists()


def test_the_command_prints_the_keys_path(tmp_path):
    lines, error = run_import(
        tmp_path,
        document(cities=[ROME, NUREMBERG], agreements=[agreement("n", "nuremberg"), rome_2012(follows="n")]),
    )

    assert error is not None
    assert lines == [
        "agreements[rome-2012].follows: An agreement can follow only an earlier agreement with the same city."
    ]


def successor_and_predecessor(city):
    agreements = Agreement.objects.filter(city__slug=city)
    later = agreements.get(follows__isnull=False)
    return later, later.follows


class TestDemoRegistry:
    """What the public record says of the cities' agreements, documents and names, as the demo holds it."""

    def test_kyivs_cooperation_accord_of_1976_is_a_public_document_of_unknown_status(self, demo_registry):
        accord = WorkingDocument.objects.get(city__slug="kyiv", kind="other")

        assert accord.kind_name == "cooperation accord (porozumienie o współpracy)"
        assert (accord.signed_on, accord.signed_on_precision) == (
            datetime.date(1976, 12, 12),
            DatePrecision.DAY,
        )
        assert (accord.status_not_known, accord.ended_on, accord.is_public) == (True, None, True)
        assert accord.sources

    def test_kyivs_fiftieth_anniversary_is_on_the_dashboard_in_december_2026(
        self, admin_client, demo_registry
    ):
        response = admin_client.get("/en/dashboard/round-anniversaries.csv?as_of=2026-12-01")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

        (kyiv,) = [row for row in rows if "Kyiv" in row]
        assert "50" in kyiv and any("1976" in cell for cell in kyiv)

    def test_nurembergs_framework_agreement_is_known_to_the_month_the_sources_agree_on(self, demo_registry):
        framework = WorkingDocument.objects.get(city__slug="nuremberg", kind="other")

        assert framework.known_date("signed_on").isoformat() == "1979-10"
        assert framework.status_not_known
        assert "2 Oct 1979" in framework.notes and "12 Oct 1979" in framework.notes

    @pytest.mark.parametrize(
        ("city", "follows_as", "earlier_signed", "later_signed"),
        [
            ("rome", Succession.NOT_RECORDED, "2009", "2012-10-23"),
            ("budapest", Succession.NOT_RECORDED, "2005-10-24", "2017"),
            ("edinburgh", Succession.RENEWAL, "1994", "2019-09"),
            ("pecs", Succession.RENEWAL, "1987-05-27", "1998-04-27"),
        ],
    )
    def test_a_chain_has_one_agreement_in_force_and_the_earlier_ended_when_the_later_was_signed(
        self, demo_registry, city, follows_as, earlier_signed, later_signed
    ):
        later, earlier = successor_and_predecessor(city)

        assert Agreement.objects.filter(city__slug=city, status=AgreementStatus.IN_FORCE).get() == later
        assert (later.follows_as, later.kind) == (follows_as, earlier.kind)
        assert (earlier.known_date("signed_on").isoformat(), later.known_date("signed_on").isoformat()) == (
            earlier_signed,
            later_signed,
        )
        assert earlier.status == AgreementStatus.TERMINATED
        assert earlier.known_date("terminated_on") == later.known_date("signed_on")
        # The record names no act that ended it: the registry says so rather than write one.
        assert earlier.termination_act == ""
        assert later.slug in earlier.termination_act_not_recorded
        assert "gives no act ending it" in earlier.notes

    def test_the_agreement_ids_of_before_the_chains_name_the_same_agreements(self, demo_registry):
        signed = {
            slug: Agreement.objects.get(slug=slug).known_date("signed_on").isoformat()
            for slug in (
                "rome-partnership",
                "budapest-partnership",
                "edinburgh-partnership",
                "pecs-partnership",
            )
        }

        assert signed == {
            "rome-partnership": "2012-10-23",
            "budapest-partnership": "2005-10-24",
            "edinburgh-partnership": "1994",
            "pecs-partnership": "1987-05-27",
        }

    @pytest.mark.parametrize(
        ("slug", "term", "years", "notice"),
        [
            ("san-francisco-partnership", Term.FIXED, 5, None),
            ("rochester-partnership", Term.RENEWING, 5, 6),
            ("edinburgh-partnership-2019", Term.FIXED, 5, None),
            ("saint-petersburg-partnership", Term.INDEFINITE, None, 6),
            ("gothenburg-partnership", Term.NOT_RECORDED, None, None),
        ],
    )
    def test_agreements_have_the_terms_the_record_states(self, demo_registry, slug, term, years, notice):
        agreement_ = Agreement.objects.get(slug=slug)

        assert (agreement_.term, agreement_.term_years, agreement_.expires_on, agreement_.notice_months) == (
            term,
            years,
            None,
            notice,
        )

    def test_san_franciscos_term_ends_five_years_after_its_signing(self, demo_registry):
        event = Agreement.objects.get(slug="san-francisco-partnership").next_term_event(
            after=datetime.date(2026, 1, 1)
        )

        assert (event.kind, event.on.isoformat()) == (TermEvent.ENDS, "2014-07-02")

    def test_rochesters_term_renews_every_five_years_with_six_months_notice(self, demo_registry):
        event = Agreement.objects.get(slug="rochester-partnership").next_term_event(
            after=datetime.date(2026, 1, 1)
        )

        assert (event.kind, event.on.isoformat(), event.notice_by.isoformat()) == (
            TermEvent.RENEWS,
            "2028-07-18",
            "2028-01-18",
        )

    def test_gothenburg_says_why_its_term_is_not_recorded(self, demo_registry):
        notes = Agreement.objects.get(slug="gothenburg-partnership").notes

        assert "automatically extended" in notes and "no length" in notes

    def test_viennas_cooperation_agreements_run_four_years_each(self, demo_registry):
        documents = WorkingDocument.objects.filter(city__slug="vienna", term=Term.FIXED).order_by("signed_on")

        assert [(str(document_.signed_on), document_.term_years) for document_ in documents] == [
            ("2013-07-08", 4),
            ("2017-04-04", 4),
            ("2021-06-29", 4),
        ]

    def test_every_city_has_its_name_in_its_own_language(self, demo_registry):
        assert not PartnerCity.objects.filter(name_native="").exists()
        names = dict(PartnerCity.objects.values_list("slug", "name_native"))
        assert {slug: names[slug] for slug in ("kyiv", "lviv", "nuremberg", "kyoto", "vienna", "rome")} == {
            "kyiv": "Київ",
            "lviv": "Львів",
            "nuremberg": "Nürnberg",
            "kyoto": "京都",
            "vienna": "Wien",
            "rome": "Roma",
        }

    @pytest.mark.parametrize(
        ("query", "city"),
        [("lwow", "lviv"), ("Lwów", "lviv"), ("Kiev", "kyiv"), ("Nürnberg", "nuremberg"), ("Kyjiw", "kyiv")],
    )
    def test_the_public_list_and_the_api_find_a_city_by_any_of_its_names(
        self, client, demo_registry, query, city
    ):
        page = client.get("/en/partners/", {"q": query})
        api = client.get("/api/partners/", {"search": query}).json()

        assert [found.slug for found in page.context["cities"]] == [city]
        assert [found["id"] for found in api["results"]] == [city]

    @pytest.mark.parametrize(
        ("address", "query"), [("/pl/partners/", "Niemcy"), ("/en/partners/", "Germany")]
    )
    def test_the_public_list_finds_the_german_cities_by_their_countrys_name(
        self, client, demo_registry, address, query
    ):
        cities = client.get(address, {"q": query}).context["cities"]

        assert {city.slug for city in cities} == {"nuremberg", "leipzig", "frankfurt-am-main"}
