"""Build an edition folder with the real command line, as an editor would."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = ("essay", "footnotes", "pages", "registers", "sources.bib", "mkdocs.yml")


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run build_site.py on an edition folder; return the finished process."""
    command = [sys.executable, str(REPO / "build_site.py"), *args, "--root", str(root)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def copy_edition(source: Path, target: Path) -> Path:
    """Copy an edition's content files (not its outputs) into a new folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name in CONTENT:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name)
        elif path.is_file():
            shutil.copy2(path, target / name)
    return target
