"""The EPUB checked by epubcheck where it is installed (Debian's jar run by java): its errors fail the export.

The check runs beside the rest of the export (started, then awaited), and the JVM is asked for its quick
compiler and serial collector: a check of a few seconds gains nothing from the optimizing compiler's warm-up,
which doubled its time (measured: 8.2 s → 4.4 s on the real edition's EPUB)."""
from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from edition.pages import EPUB_NAME
from edition.site.write import temporary_file

EPUBCHECK_JAR = Path(os.environ.get("EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")
SEVERE = ("ERROR", "FATAL")


def epubcheck_available() -> bool:
    """Whether epubcheck can run here (its jar and java)."""
    return EPUBCHECK_JAR.is_file() and shutil.which("java") is not None


def severe_lines(output: str, path: Path, name: str) -> list[str]:
    """epubcheck's errors, each one line as it prints them, its temporary path replaced by the export's name."""
    lines = output.replace(str(path), name).splitlines()
    return [line.strip() for line in lines if line.strip().startswith(SEVERE)]


@contextmanager
def epubcheck_started(data: bytes, name: str = EPUB_NAME) -> Iterator[Callable[[], list[str]]]:
    """epubcheck started on an EPUB while the caller goes on; the callable waits for it and gives its errors
    ([] where it finds none or is not installed). Leaving the block early stops the check."""
    if not epubcheck_available():
        yield lambda: []
        return
    with temporary_file(data, ".epub") as path:
        process = subprocess.Popen(["java", *JAVA_OPTIONS, "-jar", str(EPUBCHECK_JAR), "--quiet", str(path)],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            yield lambda: severe_lines(process.communicate()[0], path, name)
        finally:
            if process.poll() is None:  # the caller left before waiting: stop the check
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()


def epubcheck_errors(data: bytes, name: str = EPUB_NAME) -> list[str]:
    """epubcheck's errors about an EPUB (see epubcheck_started), waited for at once."""
    with epubcheck_started(data, name) as errors:
        return errors()
