"""The code's habits: ruff's lint and format and mypy over src/ are clean (configuration in pyproject.toml).

The tools run as the CI runs them, as subprocesses of this interpreter from the project root, and a failure
shows their whole report.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINTED = ["src", "tests", "bench", "tools"]

MYPY_SKIPPED_WHILE_REBUILT = ["corroborate.extract.*"]
"""Modules whose mypy errors this test does not count while issue 13 rebuilds them: the configuration still
checks them (a plain `mypy` reports them). Empty this list once they are clean; it only ever shrinks."""


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=900)


def _report(result: subprocess.CompletedProcess) -> str:
    return f"`{' '.join(map(str, result.args[2:]))}` exited {result.returncode}:\n{result.stdout}{result.stderr}"


def _module(path: str) -> str:
    relative = Path(path).with_suffix("")
    parts = relative.parts[1:] if relative.parts[0] == "src" else relative.parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _matches(pattern: str, module: str) -> bool:
    """mypy's rule for module patterns: `a.b.*` names a.b and every module under it."""
    base = pattern.removesuffix(".*")
    return module == base or (pattern.endswith(".*") and module.startswith(base + "."))


def _skipped(module: str) -> bool:
    return any(_matches(pattern, module) for pattern in MYPY_SKIPPED_WHILE_REBUILT)


def _mypy_errors() -> tuple[list[dict], list[dict]]:
    """(counted, skipped) error records of a mypy run over the configured files."""
    result = _run("mypy", "--output", "json", "--no-error-summary")
    assert result.returncode in (0, 1) and not result.stderr.strip(), _report(result)
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    errors = [record for record in records if record["severity"] == "error"]
    assert result.returncode == 0 or errors, _report(result)
    counted = [error for error in errors if not _skipped(_module(error["file"]))]
    return counted, [error for error in errors if error not in counted]


def test_code_habits_ruff_lint_is_clean():
    result = _run("ruff", "check", *LINTED)
    assert result.returncode == 0, _report(result)


def test_code_habits_ruff_format_is_clean():
    result = _run("ruff", "format", "--check", *LINTED)
    assert result.returncode == 0, _report(result)


def test_code_habits_mypy_is_clean():
    counted, skipped = _mypy_errors()
    lines = [f"{e['file']}:{e['line']}: {e['message']}  [{e['code']}]" for e in counted]
    assert not counted, f"mypy: {len(counted)} errors ({len(skipped)} more in {MYPY_SKIPPED_WHILE_REBUILT}):\n" + "\n".join(lines)
    clean = [pattern for pattern in MYPY_SKIPPED_WHILE_REBUILT if not any(_matches(pattern, _module(e["file"])) for e in skipped)]
    assert not clean, f"no mypy error left in {clean}: take them off MYPY_SKIPPED_WHILE_REBUILT"


def test_code_habits_skipped_modules_follow_mypy_patterns():
    assert _module("src/corroborate/extract/places.py") == "corroborate.extract.places"
    assert _module("src/corroborate/extract/__init__.py") == "corroborate.extract"
    assert _matches("corroborate.extract.*", "corroborate.extract") and _matches("corroborate.extract.*", "corroborate.extract.places")
    assert not _matches("corroborate.extract.*", "corroborate.extraction") and not _matches(
        "corroborate.extract", "corroborate.extract.places"
    )
