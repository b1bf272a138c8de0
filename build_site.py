#!/usr/bin/env python3
"""Build the critical edition: `python build_site.py build|check|serve` (see README.md)."""
import sys

from edition.build import main

if __name__ == "__main__":
    sys.exit(main())
