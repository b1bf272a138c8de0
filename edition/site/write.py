"""The only code that writes: generated docs, the MkDocs build, and the swap into place."""
from __future__ import annotations

import contextlib
import ctypes
import fcntl
import gc
import logging
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterator, Mapping

import yaml


class BuildBusy(Exception):
    """Another build of the same edition is running."""


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on an output folder while building it; refuse a second build into it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BuildBusy(f"another build into {out.name}/ is running") from exc
        yield


def write_tree(folder: Path, files: Mapping[PurePosixPath, str | bytes], prune: bool = False) -> None:
    """Write files below a folder, creating subfolders, skipping unchanged ones; prune removes every other file."""
    if prune:
        prune_tree(folder, {folder / Path(rel) for rel in files})
    for rel, content in sorted(files.items()):
        path = folder / Path(rel)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.is_file() and path.read_bytes() == data:
            continue  # the live preview's watcher should see only real changes, and a rebuild writes only those
        if path.is_dir():
            shutil.rmtree(path)  # a folder where a file is now wanted
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def prune_tree(folder: Path, keep: set[Path]) -> None:
    """Remove the files below a folder that are not kept, then the folders left empty (deepest first)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):  # a folder's contents sort after it: reversed, before
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        elif path not in keep:
            path.unlink()


def rewrite_pages(folder: Path, transform: Callable[[str], str]) -> None:
    """Pass every HTML page below a folder through a function (the post-build step: the security policy)."""
    for page in sorted(folder.rglob("*.html")):
        page.write_text(transform(page.read_text(encoding="utf-8")), encoding="utf-8")


@contextlib.contextmanager
def temporary_file(data: bytes, suffix: str) -> Iterator[Path]:
    """The bytes in a file of their own for as long as a tool outside reads them (epubcheck reads a path)."""
    with tempfile.TemporaryDirectory(prefix="edition-check-") as folder:
        path = Path(folder) / f"checked{suffix}"
        path.write_bytes(data)
        yield path


def write_config(path: Path, config: Mapping[str, Any]) -> None:
    """Write the generated mkdocs.yml."""
    # libyaml's emitter when PyYAML has it: the same text as the pure-Python one, in a fifth of the time
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(dict(config), Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


class Collect(logging.Handler):
    """Keep MkDocs' warnings so they can be reported as diagnostics."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, strict: bool) -> list[str]:
    """Build the site with MkDocs in this process; return its warnings and errors."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler, propagate = Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    # Everything alive now (the loaded edition, the imported modules) outlives MkDocs' build: frozen, the garbage
    # collector stops walking it again on each of the build's many collections (about a tenth of MkDocs' time).
    gc.freeze()
    try:
        config = load_config(config_file=str(config_file), strict=strict)
        build(config)
    except MkDocsException as exc:
        if not handler.messages:
            handler.messages.append(str(exc))
    finally:
        gc.unfreeze()
        logger.removeHandler(handler)
        logger.propagate = propagate
    return handler.messages


def make_workdir(beside: Path) -> Path:
    """A fresh folder beside the output, so the final move is a rename on one file system."""
    beside.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{beside.name}.new-", dir=beside.parent))


def remove_stale(beside: Path) -> None:
    """Remove work folders that a killed build left beside the output."""
    for stale in beside.parent.glob(f".{beside.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0


def replace_dir(new: Path, target: Path) -> None:
    """Put a finished folder in place of the old one, so that at every moment one whole folder is there."""
    if target.is_dir() and exchange(new, target):
        shutil.rmtree(new)  # it now holds the previous output
        return
    # Without an atomic exchange: two renames; a kill between them leaves the old output as .NAME.old.
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def remove(path: Path) -> None:
    """Delete a work folder."""
    shutil.rmtree(path, ignore_errors=True)


def source_date_epoch(value: str | None) -> None:
    """Fix MkDocs' timestamps so that two builds of one commit are byte-identical."""
    if value and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = value


def copy_content(source: Path, target: Path, names: tuple[str, ...]) -> Path:
    """Copy the named files and folders of an edition (those that exist) into a new folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name)
        elif path.is_file():
            shutil.copy2(path, target / name)
    return target
