"""The domain's own words, importing nothing else of praksis: the placement record, Norwegian
identifiers, values as people type them, the terms documents derive, retention per tiltak, and
synthetic identities for examples and tests."""
