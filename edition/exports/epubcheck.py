"""The EPUB checked by epubcheck where it is installed (Debian's jar run by java): its errors fail the export."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from edition.site.write import temporary_file

EPUBCHECK_JAR = Path(os.environ.get("EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))
SEVERE = ("ERROR", "FATAL")


def epubcheck_available() -> bool:
    """Whether epubcheck can run here (its jar and java)."""
    return EPUBCHECK_JAR.is_file() and shutil.which("java") is not None


def epubcheck_errors(data: bytes, name: str = "edition.epub") -> list[str]:
    """epubcheck's errors about an EPUB, each one line as it prints them, its temporary path replaced by the
    export's name; [] where it finds none or is not installed."""
    if not epubcheck_available():
        return []
    with temporary_file(data, ".epub") as path:
        done = subprocess.run(["java", "-jar", str(EPUBCHECK_JAR), "--quiet", str(path)], capture_output=True,
                              text=True, check=False)
    lines = (done.stdout + done.stderr).replace(str(path), name).splitlines()
    return [line.strip() for line in lines if line.strip().startswith(SEVERE)]
