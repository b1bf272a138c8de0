"""`new DIR`: a minimal edition that builds at once, from the files in edition/scaffold/."""
from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

from edition.load.folder import load_scaffold
from edition.model import shown
from edition.site.write import write_tree


def create(folder: Path, prog: str, files: dict[PurePosixPath, bytes] | None = None, what: str = "") -> int:
    """Write the scaffold (or the files given: an imported manuscript) into a new or empty folder; 2 when the
    folder already holds files."""
    if folder.is_symlink() and not folder.exists():  # a link to nothing: writing through it would fail half-way
        print(f"{prog}: error: {shown(str(folder))} is a symbolic link to nothing; choose a new folder",
              file=sys.stderr)
        return 2
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(f"{prog}: error: {folder} exists and is not empty; choose a new folder", file=sys.stderr)
        return 2
    if files is None:
        files = {PurePosixPath(name): data for name, data in load_scaffold().items()}
    try:
        write_tree(folder, files)
    except OSError as exc:  # a parent that is a file or a link to nothing, no permission: one line, not a traceback
        print(f"{prog}: error: cannot create {shown(str(folder))}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"{what + '; ' if what else ''}created an edition in {folder}/ ({len(files)} files); "
          f"build it with: {prog} build --root {folder}")
    return 0
