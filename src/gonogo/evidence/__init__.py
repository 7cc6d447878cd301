"""Evidence: importers for analytics exports and comment files, and comment analysis."""
