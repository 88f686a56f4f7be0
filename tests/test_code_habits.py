"""The code's habits: ruff's lint and format and mypy over src/ are clean (configuration in pyproject.toml).

The tools run as the CI runs them, as subprocesses of this interpreter from the project root, and a failure
shows their whole report.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINTED = ["src", "tests", "bench", "tools"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=900)


def _report(result: subprocess.CompletedProcess) -> str:
    return f"`{' '.join(map(str, result.args[2:]))}` exited {result.returncode}:\n{result.stdout}{result.stderr}"


def test_code_habits_ruff_lint_is_clean():
    result = _run("ruff", "check", *LINTED)
    assert result.returncode == 0, _report(result)


def test_code_habits_ruff_format_is_clean():
    result = _run("ruff", "format", "--check", *LINTED)
    assert result.returncode == 0, _report(result)


def test_code_habits_mypy_is_clean():
    result = _run("mypy")
    assert result.returncode == 0, _report(result)
