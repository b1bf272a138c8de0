"""MkDocs hooks of the generated configuration (never of an editor's mkdocs.yml, which may not name hooks)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import event_priority

from edition.site.clean import cleaned
from edition.site.search import index_page

TEMPLATE_CACHE = ".templates"  # beside the generated mkdocs.yml: .site.src/, build/ or an export's work folder


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    """Keep the theme's templates compiled between builds: compiling Material's forty templates again is about a
    fifth of every build and of every live-preview rebuild. Jinja checks each template's source before reuse."""
    folder = Path(config.config_file_path).parent / TEMPLATE_CACHE
    folder.mkdir(exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Every page's content through the one allow-list, before the theme wraps it and the search reads it; what
    it removes is reported as an error (a warning to MkDocs, which the build turns into a failed build)."""
    kept, refused = cleaned(html)
    if refused:
        logging.getLogger("mkdocs.edition").warning("%s: %s", page.file.src_uri, refused)
    return kept


@event_priority(50)  # before Material's search plugin reads the page
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """The search's entries for a reader (edition/site/search.py) in place of Material's one per heading."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    meta = page.meta.get("search") or {}
    if plugin is None or not hasattr(plugin, "search_index") or meta.get("exclude"):
        return context
    indexed = index_page(page.content, page.url, str(page.meta.get("title", page.title)))
    page.content = indexed.content
    plugin.search_index.entries.extend(indexed.entries)
    page.meta["search"] = {**meta, "exclude": True}  # indexed here, not again by the plugin
    return context
