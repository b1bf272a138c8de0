"""The offline site: a second MkDocs build for file://, packed as a reproducible zip."""
from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any, Mapping

import yaml

from .build import generate  # the site's own docs and configuration, exactly as `build` writes them
from .csp import with_csp
from .resolve import Resolved
from .stamp import build_epoch, stamp
from .write import rewrite_pages, run_mkdocs, write_config, write_tree

ZIP_NAME = "edition-site.zip"
ZIP_FOLDER = "edition-site"  # the folder the zip unpacks into
OFFLINE_DIR = "_offline"  # where the offline site keeps its worker polyfill (not linked as an edition asset)
# The edition's own worker for file:// (no inline script, so the pages' security policy holds in its frame).
# Its name holds "iframe-worker": without one such polyfill Material's offline plugin adds a CDN copy.
SHIM = "file-iframe-worker.js"
SHIM_FOLDER = Path(__file__).parent / "offline"
# For a served site only: crawlers' sitemaps (dated) and the server's 404 page (its links are from the root).
LEFT_OUT_OF_ZIP = ("sitemap.xml", "sitemap.xml.gz", "404.html")
LEFT_OUT_SUFFIXES = (".map",)  # source maps: for debugging Material's scripts, a megabyte no reader needs


def offline_config(config: Mapping[str, Any], version: str, date: str) -> dict[str, Any]:
    """The site's MkDocs configuration made for file://: offline search, worker polyfill, no instant loading."""
    result = copy.deepcopy(dict(config))
    plugins = result.get("plugins") or ["search"]
    if isinstance(plugins, Mapping):  # MkDocs also takes {name: options}
        plugins = [{name: options} if options else name for name, options in plugins.items()]
    plugins = list(plugins)
    names = [next(iter(p)) if isinstance(p, Mapping) else p for p in plugins]
    for required in ("search", "offline"):
        if required not in names:
            plugins.append(required)
    result["plugins"] = plugins
    theme = dict(result.get("theme") or {})
    theme["features"] = [f for f in theme.get("features", []) if not str(f).startswith("navigation.instant")]
    result["theme"] = theme
    result["use_directory_urls"] = False
    extra = dict(result.get("extra") or {})
    extra["polyfills"] = [p for p in extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    extra["polyfills"].append(f"{OFFLINE_DIR}/{SHIM}")
    result["extra"] = extra
    result["copyright"] = " · ".join(x for x in (str(result.get("copyright") or ""), stamp(version, date)) if x)
    return result


def offline_files() -> dict[PurePosixPath, bytes]:
    """The worker polyfill for file://, for the offline site's docs."""
    return {PurePosixPath(OFFLINE_DIR) / SHIM: (SHIM_FOLDER / SHIM).read_bytes()}


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path inside the site, without crawler files and source maps."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).as_posix() not in LEFT_OUT_OF_ZIP
            and not p.name.endswith(LEFT_OUT_SUFFIXES)}


def zip_bytes(files: Mapping[str, bytes], epoch: int, folder: str = ZIP_FOLDER) -> bytes:
    """A reproducible zip: entries sorted, one timestamp, mode 0644, all inside one folder."""
    year, month, day, hour, minute, second = dt.datetime.fromtimestamp(
        build_epoch(str(epoch)), tz=dt.timezone.utc).timetuple()[:6]
    when = (year, month, day, hour, minute, second - second % 2)  # a zip keeps time to two seconds
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}" if folder else name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode below is read
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def offline_site(resolved: Resolved, work: Path, version: str, date: str) -> tuple[dict[str, Any], list[str]]:
    """Build the site for file:// in a work folder; return the site's own configuration and MkDocs' complaints."""

    config_file = generate(resolved, work / "docs", work / "site")
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    write_tree(work / "docs", offline_files())
    write_config(config_file, offline_config(config, version, date))
    messages = run_mkdocs(config_file, strict=True)
    if not messages:
        rewrite_pages(work / "site", with_csp)
    return config, messages
