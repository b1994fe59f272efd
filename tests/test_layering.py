"""Imports between apps flow one way, along the grant's life; the ground floor imports no other app."""

import ast
from pathlib import Path

# Earlier stages first. An app may import only apps before it in this list.
LAYERS = [
    "core",
    "municipalities",
    "audit",
    "accounts",
    "programmes",
    "diarium",
    "applications",
    "assessment",
    "allocation",
    "decisions",
    "payments",
    "reports",
    "casework",
    "public",
    "network",
    "followup",
    "opendata",
    "api",
    "archive",
    "privacy",
    "demo",
]
GROUND_FLOOR = {"core", "municipalities", "accounts", "audit", "programmes"}
# The ground floor may lean on these shared, model-free or identity modules only.
GROUND_FLOOR_ALLOWED = {"core", "municipalities", "audit", "accounts"}

PACKAGE = Path(__file__).resolve().parent.parent / "bidra"


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "bidra" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_every_app_is_placed_in_the_layers():
    apps = {p.parent.name for p in PACKAGE.glob("*/apps.py")}
    assert apps <= set(LAYERS), f"place these apps in LAYERS: {apps - set(LAYERS)}"


def test_imports_flow_one_way():
    problems = []
    for app in LAYERS:
        allowed = set(LAYERS[: LAYERS.index(app) + 1])
        if app in GROUND_FLOOR:
            allowed &= GROUND_FLOOR_ALLOWED | {app}
        for path in (PACKAGE / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            wrong = {name for name in imported_apps(path) if name in LAYERS} - allowed
            if wrong:
                problems.append(f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}")
    assert problems == []
