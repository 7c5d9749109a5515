"""The project's apps depend on each other in one direction: no app imports, at any level, one that imports it."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PROJECT_PACKAGES = {config.name for config in apps.get_app_configs() if (ROOT / config.name).is_dir()}


def imported_packages(package):
    """The other project packages that a package's code imports, wherever the import statement stands."""
    found = set()
    for module in (ROOT / package).rglob("*.py"):
        if "migrations" in module.parts:
            continue
        for node in ast.walk(ast.parse(module.read_text(), str(module))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found.update(name.split(".")[0] for name in names)
    return (found & PROJECT_PACKAGES) - {package}


def test_every_installed_project_app_is_found():
    assert {"registry", "partners", "agreements", "programmes", "memberships", "website"} <= PROJECT_PACKAGES


def test_no_app_depends_on_itself_through_others():
    graph = {package: imported_packages(package) for package in PROJECT_PACKAGES}
    cycles = []
    for start in graph:
        reached, pending = set(), list(graph[start])
        while pending:
            package = pending.pop()
            if package not in reached:
                reached.add(package)
                pending.extend(graph[package])
        if start in reached:
            cycles.append(start)
    assert cycles == [], f"apps on an import cycle: {sorted(cycles)} ({graph})"


def test_the_domain_apps_import_none_of_the_apps_that_read_them():
    readers = {"website", "dashboard", "exchange"}
    domain = ("registry", "partners", "agreements", "programmes", "memberships", "institutions")
    for package in (*domain, "contacts", "visits", "correspondence"):
        assert imported_packages(package).isdisjoint(readers), package
