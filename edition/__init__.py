"""Build a digital critical edition of an essay from Markdown, YAML and BibTeX."""
