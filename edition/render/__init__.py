"""Render: a `Resolved` edition in, Markdown pages, the MkDocs configuration, the cite and download files and the
pages' heads out (pure)."""
