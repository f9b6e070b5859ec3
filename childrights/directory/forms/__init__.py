"""The directory's forms, one module per area."""
