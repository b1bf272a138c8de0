"""Load: an edition's folder in, plain records out (`model.Edition`), every read failure a located diagnostic;
the only stage that reads content files."""
