"""Exports: the resolved edition and its rendered pages in, files for reading without a server out: the offline zip,
one HTML file, a PDF and an EPUB, with their shared metadata."""
