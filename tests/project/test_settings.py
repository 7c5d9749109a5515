"""Settings come from the environment; production refuses to start without a secret key."""

import subprocess
import sys

from django.conf import settings


def start_django(**environment):
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **environment},
        check=False,
    )


def test_without_debug_and_secret_key_start_up_refuses_with_a_clear_message():
    completed = start_django()

    assert completed.returncode != 0
    assert "SECRET_KEY is not set" in completed.stderr


def test_production_starts_with_a_secret_key():
    completed = start_django(SECRET_KEY="x" * 50, ALLOWED_HOSTS="relations.example.org")

    assert completed.returncode == 0, completed.stderr


def test_debug_is_off_unless_set():
    completed = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "x",
            "DJANGO_SETTINGS_MODULE": "krakow_relations.settings",
        },
        check=False,
    )

    assert completed.stdout.strip() == "False"


def test_sqlite_in_the_project_folder_is_the_default_database(monkeypatch):
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        ],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "krakow_relations.settings"},
        check=False,
    )

    assert completed.stdout.strip() == str(settings.BASE_DIR / "db.sqlite3")


def test_every_catalogue_is_complete():
    """Every message of every app has its Polish and English translation, none left fuzzy."""
    import polib

    catalogues = sorted(settings.BASE_DIR.glob("*/locale/*/LC_MESSAGES/django.po"))
    assert {path.parent.parent.name for path in catalogues} == {"pl", "en"}
    assert {path.parts[-5] for path in catalogues} == {
        "registry",
        "exchange",
        "partners",
        "agreements",
        "programmes",
        "memberships",
        "dashboard",
        "api",
        "website",
        "institutions",
        "contacts",
        "visits",
        "correspondence",
        "agenda",
    }
    incomplete = {
        f"{path.relative_to(settings.BASE_DIR)}: {entry.msgid}"
        for path in catalogues
        for entry in polib.pofile(str(path))
        if not entry.translated() or entry.obsolete
    }
    assert not incomplete


def test_every_translation_has_the_forms_and_placeholders_of_its_message():
    """As many plural forms as the catalogue's header declares, and the same placeholders as the English: a
    fuzzy match left by makemessages would keep another message's."""
    import re

    import polib

    placeholders = re.compile(r"%\((\w+)\)[sdr]")
    wrong = []
    for path in sorted(settings.BASE_DIR.glob("*/locale/pl/LC_MESSAGES/django.po")):
        catalogue = polib.pofile(str(path))
        forms = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"]).group(1))
        for entry in catalogue:
            translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            if entry.msgid_plural and len(translations) != forms:
                wrong.append(f"{path.parts[-5]}: {entry.msgid}: {len(translations)} forms")
            expected = set(placeholders.findall(entry.msgid + (entry.msgid_plural or "")))
            if any(set(placeholders.findall(text)) - expected for text in translations) or (
                not entry.msgid_plural and set(placeholders.findall(entry.msgstr)) != expected
            ):
                wrong.append(f"{path.parts[-5]}: {entry.msgid}")
    assert wrong == []


def test_in_production_a_server_errors_traceback_reaches_standard_error():
    script = (
        "import django, logging; django.setup()\n"
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    logging.getLogger('django.request').exception('Internal Server Error: /en/partners/')\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "x" * 50,
            "DJANGO_SETTINGS_MODULE": "krakow_relations.settings",
        },
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert "ERROR django.request: Internal Server Error: /en/partners/" in completed.stderr
    assert "ZeroDivisionError: division by zero" in completed.stderr


def test_polish_texts_name_the_city_by_its_statute():
    """The City Statute (§4 point 1) names it "Stołeczne Królewskie Miasto Kraków": that order, in every case."""
    import re

    wrong_order = re.compile(r"Królewsk\w+ Stołeczn\w+")
    texts = [
        *settings.BASE_DIR.glob("*/locale/pl/LC_MESSAGES/django.po"),
        *settings.BASE_DIR.glob("*/templates/**/*.html"),
        *settings.BASE_DIR.glob("templates/**/*.html"),
        settings.BASE_DIR / "README.md",
    ]
    misnamed = [str(path) for path in texts if wrong_order.search(path.read_text())]
    assert misnamed == []
