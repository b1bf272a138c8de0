#!/usr/bin/env python3
"""The edition's command line from a checkout: `python build_site.py build|check|serve|export|new`."""
import sys

try:
    from edition.cli import run
except ModuleNotFoundError as exc:  # run with a Python that lacks the dependencies
    print(f"build_site.py: error: {exc}; run 'make site' (it creates .venv/) or 'pip install .' first, "
          "then use .venv/bin/python or the installed command 'edition'", file=sys.stderr)
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(run(prog="build_site.py"))
