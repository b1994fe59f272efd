"""The e-ID identity rules (bidra.accounts.eid) without HTTP: hashing, claims, accounts and linking."""

import threading

import pytest
from django.db import connection

from bidra.accounts import eid
from bidra.accounts.models import ElectronicIdentity, Membership, User
from bidra.audit.models import Event

from .test_deploy_settings import run_manage

CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"
ISSUER = "https://broker.example"


def claims(number="198112289874", **more):
    return {CLAIM: number, "given_name": "Anna", "family_name": "Andersson", **more}


def test_the_hash_is_keyed_and_ignores_the_separator(settings):
    settings.PERSONAL_NUMBER_PEPPER = "pepper-one"
    first = eid.personal_number_hash("198112289874")
    assert eid.personal_number_hash("19811228-9874") == first
    assert "198112289874" not in first and len(first) == 64
    settings.PERSONAL_NUMBER_PEPPER = "pepper-two"
    assert eid.personal_number_hash("198112289874") != first


@pytest.mark.parametrize("number", ["8112289874", "abc", "", "198113289874x", "309912289874"])
def test_a_personal_number_not_of_twelve_digits_is_refused(number):
    with pytest.raises(eid.EidRefused):
        eid.personal_number_hash(number)


def test_a_log_in_without_the_personal_number_claim_is_refused():
    with pytest.raises(eid.EidRefused):
        eid.person_from_claims({"given_name": "Anna"})


def test_the_name_comes_from_name_or_given_and_family_name():
    assert eid.person_from_claims(claims()).full_name == "Anna Andersson"
    assert eid.person_from_claims(claims(name="Anna B. Andersson")).full_name == "Anna B. Andersson"


def test_an_email_claim_is_kept_only_when_verified():
    assert eid.person_from_claims(claims(email="anna@example.se")).verified_email == ""
    verified = eid.person_from_claims(claims(email="Anna@Example.se", email_verified=True))
    assert verified.verified_email == "anna@example.se"


@pytest.mark.django_db
def test_an_email_claim_never_links_to_an_existing_account(stockholm_user):
    person = eid.person_from_claims(claims(email=stockholm_user.email, email_verified=True))
    user = eid.sign_in(person, issuer=ISSUER)
    assert user is not None and user != stockholm_user
    assert eid.has_placeholder_email(user)
    assert not Membership.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_a_closed_account_is_not_reopened_by_its_eid():
    person = eid.person_from_claims(claims())
    user = eid.sign_in(person, issuer=ISSUER)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert eid.sign_in(person, issuer=ISSUER) is None


@pytest.mark.django_db
def test_an_account_with_an_eid_cannot_link_a_second(stockholm_user):
    eid.link(stockholm_user, eid.person_from_claims(claims()), issuer=ISSUER)
    with pytest.raises(eid.EidRefused) as refusal:
        eid.link(stockholm_user, eid.person_from_claims(claims("199001012389")), issuer=ISSUER)
    assert refusal.value.reason == "already_linked"
    assert Event.objects.filter(action="accounts.eid_linked").count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_first_log_in_twice_at_once_makes_one_account(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (the in-memory SQLite test database locks tables)")
    person = eid.person_from_claims(claims())
    start = threading.Barrier(2)
    users, errors = [], []

    def log_in():
        try:
            start.wait()
            users.append(eid.sign_in(person, issuer=ISSUER))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=log_in) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({user.pk for user in users}) == 1
    assert ElectronicIdentity.objects.count() == 1


def test_production_with_eid_requires_its_own_pepper():
    production = {"DJANGO_ENV": "production", "SECRET_KEY": "s" * 60, "ALLOWED_HOSTS": "bidra.example.se"}
    eid_on = {"OIDC_ISSUER": "https://broker.example", "OIDC_RP_CLIENT_ID": "bidra"}
    refused = run_manage("check", **production, **eid_on)
    assert refused.returncode != 0 and "PERSONAL_NUMBER_PEPPER must be set" in refused.stderr
    accepted = run_manage("check", "--deploy", **production, **eid_on, PERSONAL_NUMBER_PEPPER="p" * 40)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
