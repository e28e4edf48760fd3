"""praksis: document and archive pipeline for work-practice placements (praksisplass)."""

__version__ = "0.1.0"
