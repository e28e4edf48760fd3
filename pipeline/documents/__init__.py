"""The documents: which are due (planning), the DOCX made from a template (render, identity/QR,
accessibility settings), what a document states (facts), the templates' own check, and drafts
(preview)."""
