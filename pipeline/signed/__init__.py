"""Signed documents back: scans and e-signed PDFs filed into the right case.

    inspect.py    is it a PDF we can take (not encrypted, not corrupt, has pages, not huge)?
    identify.py   which document: QR code on the pages, else the id in the file name, else in the text
    scans.py      scans merged (pikepdf, keeps the catalog) and made PDF/A by Ghostscript, then Preflight
    filing.py     a new version of the document in the archive, marked signed; journal status moves on
    intake.py     parts grouped per document, a wait for the rest, then filing; receipts
"""
