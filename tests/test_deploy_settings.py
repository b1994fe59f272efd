"""Production settings pass Django's deployment checks, and refuse to start without a secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests in this process; production never has it.
    ignored = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "DJANGO_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="bidra.example.se",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="bidra.example.se")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_responses_carry_the_content_security_policy_and_hsts():
    probe = (
        "from django.test import Client;"
        "r = Client().get('/finns-inte/', secure=True, HTTP_HOST='bidra.example.se');"
        "print(r.status_code); print(r['Content-Security-Policy']); print(r['Strict-Transport-Security'])"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        probe,
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="bidra.example.se",
        DATABASE_URL="sqlite://:memory:",
    )
    assert result.returncode == 0, result.stderr
    status, policy, hsts = result.stdout.strip().splitlines()[-3:]
    assert status == "404"  # DEBUG is off in production, so even error pages get the header
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert hsts.startswith("max-age=31536000")


def test_form_posts_may_be_redirected_to_the_e_id_provider_and_nowhere_else():
    probe = "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        probe,
        OIDC_ISSUER="https://broker.example/realms/bidra",
        OIDC_OP_AUTHORIZATION_ENDPOINT="https://login.broker.example:8443/authorize",
        DATABASE_URL="sqlite://:memory:",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(
        ["'self'", "https://broker.example", "https://login.broker.example:8443"]
    )
    without = run_manage("shell", "--no-imports", "-c", probe, DATABASE_URL="sqlite://:memory:")
    assert without.stdout.strip().splitlines()[-1] == str(["'self'"])
