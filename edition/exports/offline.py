"""The offline site: a second MkDocs build for file://, packed as a reproducible zip."""
from __future__ import annotations

import copy
import datetime as dt
import io
import json
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any, Mapping

import yaml

from edition.check.meta import edition_meta
from edition.render.cite import citation_files
from edition.resolve.links import Resolved
from edition.site.build import (  # the site's own docs and configuration, exactly as `build` writes them
    generate,
    known_build_date,
)
from edition.site.csp import with_csp
from edition.site.stamp import build_epoch, stamp
from edition.site.write import rewrite_pages, run_mkdocs, write_config, write_tree

ZIP_FOLDER = "edition-site"  # the folder the zip unpacks into
OFFLINE_DIR = "_offline"  # where the offline site keeps its worker polyfill (not linked as an edition asset)
# The edition's own worker for file:// (no inline script, so the pages' security policy holds in its frame).
# Its name holds "iframe-worker": without one such polyfill Material's offline plugin adds a CDN copy.
SHIM = "file-iframe-worker.js"
SHIM_FOLDER = Path(__file__).parent / "offline"
DOWNLOADS = "downloads.js"  # the Cite panel's files as downloads from file://
TEMPLATES = Path(__file__).parent / "templates"
# For a served site only: crawlers' sitemaps (dated) and the server's 404 page (its links are from the root).
LEFT_OUT_OF_ZIP = ("sitemap.xml", "sitemap.xml.gz", "404.html")
LEFT_OUT_SUFFIXES = (".map",)  # source maps: for debugging Material's scripts, a megabyte no reader needs
SEARCH_INDEX = "search/search_index.json"  # a served site's index; from file:// Material loads search_index.js
LUNR = "assets/javascripts/lunr/"
# What Material's search worker imports for a language besides lunr.<lang>.min.js (its workers/search.*.js).
LUNR_EXTRA = {"ja": ("tinyseg.js",), "hi": ("wordcut.js",), "th": ("wordcut.js",)}


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
    extra["edition_offline"] = True  # no font preload: from file:// a crossorigin preload fails CORS (main.html)
    result["extra"] = extra
    result["extra_javascript"] = list(result.get("extra_javascript") or []) + [f"{OFFLINE_DIR}/{DOWNLOADS}"]
    result["copyright"] = " · ".join(x for x in (str(result.get("copyright") or ""), stamp(version, date)) if x)
    return result


def downloads_script(files: Mapping[PurePosixPath, str]) -> bytes:
    """offline-downloads.js with the Cite panel's files written above it, by name."""
    data = json.dumps({path.name: text for path, text in sorted(files.items())}, ensure_ascii=False, sort_keys=True)
    script = (TEMPLATES / "offline-downloads.js").read_text(encoding="utf-8")
    return f"var EDITION_FILES = {data};\n{script}".encode("utf-8")


def offline_files(resolved: Resolved) -> dict[PurePosixPath, bytes]:
    """The worker polyfill for file://, and the script that makes the Cite panel's files download."""
    cite = citation_files(edition_meta(resolved.edition), known_build_date())
    return {PurePosixPath(OFFLINE_DIR) / SHIM: (SHIM_FOLDER / SHIM).read_bytes(),
            PurePosixPath(OFFLINE_DIR) / DOWNLOADS: downloads_script(cite)}


def lunr_files(languages: list[str]) -> set[str]:
    """The lunr files Material's search worker imports for these languages, as its own code chooses them."""
    wanted = {f"{LUNR}{name}" for lang in languages for name in LUNR_EXTRA.get(lang, ())}
    wanted |= {f"{LUNR}min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    if len(languages) > 1:
        wanted.add(f"{LUNR}min/lunr.multi.min.js")
    if wanted:
        wanted.add(f"{LUNR}min/lunr.stemmer.support.min.js")
    return wanted


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site that its pages use from file://: no crawler files, source maps, unused lunr."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
             if p.is_file() and p.relative_to(site).as_posix() not in LEFT_OUT_OF_ZIP
             and not p.name.endswith(LEFT_OUT_SUFFIXES)}
    index = files.pop(SEARCH_INDEX, None)
    languages = [str(x) for x in json.loads(index)["config"]["lang"]] if index is not None else []
    used = lunr_files(languages)
    return {name: data for name, data in files.items() if not name.startswith(LUNR) or name in used}


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
    write_tree(work / "docs", offline_files(resolved))
    write_config(config_file, offline_config(config, version, date))
    messages = run_mkdocs(config_file, strict=True)
    if not messages:
        rewrite_pages(work / "site", with_csp)
    return config, messages
