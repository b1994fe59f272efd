"""Swedish first, English second: every string is translated and no Swedish is left in the English UI."""

import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.conf import settings

from bidra.applications.steps import STEPS

from .helpers import start_draft

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def english_catalogue() -> polib.POFile:
    return polib.pofile(str(PO_FILE))


def test_every_string_has_an_english_translation():
    catalogue = english_catalogue()
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_placeholders_survive_translation():
    pattern = re.compile(r"%\(\w+\)s|\{\{ ?\w+ ?\}\}")
    problems = []
    for entry in english_catalogue().translated_entries():
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in translations:
            if set(pattern.findall(entry.msgid)) - set(pattern.findall(text)):
                problems.append(entry.msgid)
    assert problems == []


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def swedish_strings() -> list[str]:
    """Interface strings long enough not to be names or codes that stay the same in English."""
    return [
        e.msgid
        for e in english_catalogue().translated_entries()
        if e.msgstr != e.msgid and len(e.msgid) >= 12 and "%" not in e.msgid and "{{" not in e.msgid
    ]


@pytest.mark.django_db
def test_no_swedish_interface_string_is_left_in_the_english_pages(
    client, open_call, submitted, stockholm_user, officer
):
    draft = start_draft(open_call, stockholm_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pages = []
    client.force_login(stockholm_user)
    applicant_pages = [
        "/",
        "/ansokningar/",
        f"/ansokningar/{submitted.pk}/",
        f"/ansokningar/{submitted.pk}/kvitto/",
        f"/ansokningar/{draft.pk}/granska/",
        "/aviseringar/",
        "/konto/kollegor/",
    ]
    applicant_pages += [f"/ansokningar/{draft.pk}/steg/{step.slug}/" for step in STEPS]
    pages += [(path, client.get(path)) for path in applicant_pages]
    client.force_login(officer)
    pages += [(path, client.get(path)) for path in ["/handlaggning/", f"/handlaggning/arenden/{submitted.pk}/"]]
    client.logout()  # forgets every cookie, the language cookie too
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pages.append(("/konto/logga-in/", client.get("/konto/logga-in/")))
    leftovers = []
    for path, response in pages:
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.content.decode()
        text = visible_text(response.content.decode())
        leftovers += [f"{path}: {s}" for s in swedish_strings() if s in text]
    assert leftovers == []


@pytest.mark.django_db
def test_swedish_is_the_default_language(client):
    response = client.get("/")
    assert '<html lang="sv">' in response.content.decode()
    assert "Logga in" in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_works_without_javascript(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_an_english_browser_still_gets_swedish_until_the_visitor_chooses(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="sv">' in response.content.decode()


def test_the_catalogue_holds_every_string_of_the_sources(tmp_path):
    """makemessages on a copy of the sources finds no string that the committed catalogue lacks, nor one it no
    longer needs: a new interface string cannot ship without its English."""
    import shutil
    import subprocess
    import sys

    root = Path(settings.BASE_DIR)
    ignore = shutil.ignore_patterns("__pycache__", "node_modules", "*.mo")
    shutil.copytree(root / "bidra", tmp_path / "bidra", ignore=ignore)
    shutil.copytree(root / "locale", tmp_path / "locale", ignore=ignore)
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    command = [sys.executable, "manage.py", "makemessages", "-l", "en", "-e", "html,txt,py", "--no-obsolete"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    fresh = polib.pofile(str(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    committed = english_catalogue()
    keys = {(e.msgctxt, e.msgid) for e in committed if not e.obsolete}
    fresh_keys = {(e.msgctxt, e.msgid) for e in fresh if not e.obsolete}
    assert len(fresh_keys) > 1000  # the copy was read
    assert sorted(fresh_keys - keys, key=str) == [], "run the README's makemessages command and translate"
    assert sorted(keys - fresh_keys, key=str) == [], "strings no longer in the sources: run makemessages"
