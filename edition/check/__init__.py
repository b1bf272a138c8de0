"""Check: a loaded `Edition` in, the diagnostics of every content rule out (the content policy, the BibTeX fields,
the edition's metadata); nothing is changed."""
