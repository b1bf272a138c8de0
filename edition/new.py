"""`new DIR`: a minimal edition that builds at once, from the files in edition/scaffold/."""
from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

from .load import load_scaffold
from .write import write_tree


def create(folder: Path, prog: str) -> int:
    """Write the scaffold into a new or empty folder; 2 when the folder already holds files."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(f"{prog}: error: {folder} exists and is not empty; choose a new folder", file=sys.stderr)
        return 2
    files = {PurePosixPath(name): data for name, data in load_scaffold().items()}
    write_tree(folder, files)
    print(f"created an edition in {folder}/ ({len(files)} files); "
          f"build it with: {prog} build --root {folder}")
    return 0
