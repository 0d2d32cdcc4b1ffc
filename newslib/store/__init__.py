"""The versioned store: append-only revision files, the repository over them, diffs."""
