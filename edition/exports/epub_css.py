"""The EPUB's stylesheet: the edition's own, without the selectors EPUB reading systems cannot read."""
from __future__ import annotations

import re
from typing import Any

import tinycss2

# Selectors newer than Selectors 3, which EPUB reading systems (and epubcheck's CSS parser) do not read.
NEW_SELECTOR = re.compile(r":(has|is|where)\(|:not\((?![.#]?[\w-]+(\[[^\]]*\])?\))")


def selectors(prelude: str) -> list[str]:
    """A rule's selectors: its prelude split at the commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:index].strip())
            start = index + 1
    return parts + [prelude[start:].strip()]


def readable_rules(rules: list[Any]) -> str:
    """Rules serialized without the selectors of NEW_SELECTOR; a rule left with none is left out."""
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in selectors(tinycss2.serialize(rule.prelude)) if not NEW_SELECTOR.search(s)]
            if kept:
                out.append(f"{', '.join(kept)} {{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = readable_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{\n{inner}\n}}")
        elif rule.type == "at-rule":
            out.append(tinycss2.serialize([rule]))
    return "\n".join(out)


def epub_css(css: str) -> str:
    """The edition's stylesheet as EPUB reading systems read it: rules with :has(), :is() … left out."""
    return readable_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)) + "\n"
