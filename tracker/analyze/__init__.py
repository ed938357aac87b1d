"""Change intelligence: quotes, claims, contributors, notes, summary. Pure."""
