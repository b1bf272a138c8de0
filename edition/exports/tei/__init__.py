"""The edition as TEI P5 (dist/edition.tei.xml): writer.py assembles the document, text.py writes the essay,
back.py the registers and sources, names.py the namespace and the xml:ids; checked against ../schema/edition-tei.rng."""
