"""Audit the locked Python packages for known vulnerabilities with pip-audit (run by `make audit`).

pip-audit asks PyPI's JSON API about each pinned version in requirements/lock.txt, without building
a virtual environment (--no-deps, --disable-pip: the lock file already pins every package).
A known vulnerability always fails. A package the service could not answer for (no network, or a
mirror without the per-version JSON API, as on the project's own build machines) is not a pass
either: it is named in a loud warning that says how many packages went unaudited, but it does not
fail the build, because nothing was found. Where the service answers, every package is audited.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"


def run_pip_audit(python: str) -> dict:
    result = subprocess.run(  # noqa: S603 - our own virtualenv's pip-audit with fixed arguments
        [
            python,
            "-m",
            "pip_audit",
            "--requirement",
            str(LOCK),
            "--no-deps",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--desc",
            "off",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"pip-audit gave no report (exit {result.returncode}); see above.") from None


def verdict(report: dict) -> tuple[int, list[str], list[str]]:
    """The exit status, the lines for stdout and those for stderr, from pip-audit's JSON report."""
    dependencies = report["dependencies"]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    unaudited = [d for d in dependencies if d.get("skip_reason")]
    out = [
        f"VULNERABLE {d['name']}=={d['version']}: {v['id']} (fixed in {', '.join(v.get('fix_versions') or []) or '-'})"
        for d in vulnerable
        for v in d["vulns"]
    ]
    audited = len(dependencies) - len(unaudited)
    out.append(f"pip-audit: {audited} of {len(dependencies)} locked packages audited, {len(vulnerable)} vulnerable.")
    if vulnerable:
        return 1, out, ["Bump the pins above in requirements/*.in and run `make lock`."]
    if not unaudited:
        return 0, out, []
    message = [
        f"{len(unaudited)} locked packages could NOT be audited; first: {unaudited[0]['skip_reason']}",
        "The vulnerability service did not answer for them (no network, or PyPI's per-version JSON API",
        "is not reachable from here). This is not a pass: run `make audit` where PyPI answers.",
    ]
    return 0, out, ["#" * 100, *[f"# WARNING: {line}" for line in message], "#" * 100]


def main() -> int:
    report = run_pip_audit(sys.argv[1] if len(sys.argv) > 1 else sys.executable)
    status, out, err = verdict(report)
    print("\n".join(out))
    if err:
        print("\n".join(err), file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
