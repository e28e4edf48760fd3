"""The external programs praksis runs, one thin wrapper each: where the program is, the
version check when it is first used (`versions.py`: an untested version is named in the log
with what to do), the command line or API, and every failure translated to a typed error
(`errors.py`) that says what to do. Nothing outside this package starts a process.

    libreoffice.py  LibreOffice/unoserver: DOCX → PDF/A (one warm instance; `soffice --convert-to`)
    guard.py        run by the LibreOffice Python: ends unoserver when praksis ends, even by kill -9
    preflight.py    Apache PDFBox Preflight (java): the PDF/A-1b validator
    ghostscript.py  Ghostscript: a scan rewritten as PDF/A with an sRGB OutputIntent
    qr.py           the QR reader: pdfium renders the pages, zxing-cpp reads the codes
    pyhanko.py      pyHanko: PAdES signatures validated, never rewritten
"""
