"""Site: rendered pages in, the built MkDocs site out: its configuration, the one writer, the Content-Security-Policy,
the theme overrides and the checks of the built output."""
