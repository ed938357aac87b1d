"""Change intelligence: quotes, claims, contributors, notes, captions, summary. Pure."""
