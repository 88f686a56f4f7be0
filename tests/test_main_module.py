"""`python -m corroborate` is the `corroborate` command (the README's and issue 12's `python -m corroborate serve`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import corroborate


def test_python_dash_m_corroborate_runs_the_command_line():
    source = str(Path(corroborate.__file__).resolve().parents[1])
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")])), "COLUMNS": "200"}
    result = subprocess.run([sys.executable, "-m", "corroborate", "--help"], capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 0, result.stderr
    assert all(command in result.stdout for command in ("ingest", "link", "show", "export"))
    unknown = subprocess.run(
        [sys.executable, "-m", "corroborate", "no-such-command"], capture_output=True, text=True, env=environment, timeout=120
    )
    assert unknown.returncode != 0
