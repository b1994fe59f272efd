"""make audit's verdict on pip-audit's report: a known vulnerability fails; a package that could
not be audited (no vulnerability service) is named in a loud warning and never counted as audited."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "audit_deps.py"
spec = importlib.util.spec_from_file_location("audit_deps", SCRIPT)
assert spec is not None and spec.loader is not None
audit_deps = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit_deps)

CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
VULNERABLE = {
    "name": "requests",
    "version": "2.31.0",
    "vulns": [{"id": "GHSA-9wx4-h78v-vm56", "fix_versions": ["2.32.0"], "aliases": ["CVE-2024-35195"]}],
}
UNAUDITED = {"name": "weasyprint", "skip_reason": "Dependency not found on PyPI and could not be audited: weasyprint"}


def test_a_known_vulnerability_fails_and_names_the_pin_to_bump():
    status, out, err = audit_deps.verdict({"dependencies": [CLEAN, VULNERABLE], "fixes": []})
    assert status == 1
    assert "VULNERABLE requests==2.31.0: GHSA-9wx4-h78v-vm56 (fixed in 2.32.0)" in out
    assert "make lock" in err[0]


def test_every_package_audited_and_clean_passes_quietly():
    status, out, err = audit_deps.verdict({"dependencies": [CLEAN], "fixes": []})
    assert (status, err) == (0, [])
    assert out == ["pip-audit: 1 of 1 locked packages audited, 0 vulnerable."]


def test_a_package_that_could_not_be_audited_is_named_loudly_and_not_counted_as_audited():
    status, out, err = audit_deps.verdict({"dependencies": [CLEAN, UNAUDITED], "fixes": []})
    assert status == 0
    assert out == ["pip-audit: 1 of 2 locked packages audited, 0 vulnerable."]
    assert any("1 locked packages could NOT be audited" in line and line.startswith("# WARNING") for line in err)


def test_a_vulnerability_fails_even_when_other_packages_went_unaudited():
    status, _out, _err = audit_deps.verdict({"dependencies": [VULNERABLE, UNAUDITED], "fixes": []})
    assert status == 1
