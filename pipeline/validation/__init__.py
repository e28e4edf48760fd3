"""Validation: raw records → validated `Praksisplass` or every problem, named for the user
(`validator.py` the chunked, column-wise passes; `rules.py` the rules across fields)."""
