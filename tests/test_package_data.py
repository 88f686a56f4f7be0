"""Package data is found one way (package_data.py) and data/ holds data only (issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

import corroborate
from corroborate.package_data import data_file, package_file

PACKAGE = Path(corroborate.__file__).resolve().parent


def _locates_files(tree: ast.AST) -> list[int]:
    """Lines that find a packaged file without package_data: importlib.resources, or a folder above __file__."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "files" and isinstance(node.value, ast.Name) and node.value.id == "resources":
            found.append(node.lineno)
        if isinstance(node, ast.Attribute) and node.attr in ("parent", "parents", "with_name"):
            if any(isinstance(inner, ast.Name) and inner.id == "__file__" for inner in ast.walk(node.value)):
                found.append(node.lineno)
    return found


def test_package_data_is_the_one_way_modules_find_packaged_files():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative == "package_data.py":
            continue
        lines = _locates_files(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            offenders[relative] = lines
    assert not offenders


def test_package_data_finds_the_shipped_files():
    assert data_file("gazetteer.csv").is_file()
    assert package_file("lang", "en", "dates.toml").is_file()
    assert (package_file("store", "migrations") / "env.py").is_file()
    assert package_file("web", "templates").is_dir()


def test_package_data_folder_holds_data_only():
    scripts = [path.name for path in data_file().rglob("*.py") if path.name != "__init__.py"]
    assert not scripts, "build scripts belong in tools/"
