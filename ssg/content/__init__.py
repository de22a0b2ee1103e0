"""The content model: reading, validating and rendering what editors wrote."""
