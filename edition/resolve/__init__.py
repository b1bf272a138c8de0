"""Resolve: a checked `Edition` in, a `Resolved` out: note order and labels, citations both ways, back-references,
interventions placed, persons' mentions."""
