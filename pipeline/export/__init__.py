"""Export bundles for records systems, from the case files in archive/.

    xmlwrite.py       streaming XML (lxml incremental writing): no element is kept once written
    schemas.py        the official XSDs shipped in schemas/, loaded once; validation messages
    codes.py          Fiks Arkiv code lists (full name → kode)
    fiks_arkiv.py     `praksis export fiks-arkiv`: arkivmelding messages + files, zipped
    arkivuttrekk.py   `praksis export arkivuttrekk`: a Noark 5 v5.0 avleveringspakke
    package_check.py  `praksis export check`: the depot's tests in miniature
    history.py        what was exported when (for incremental exports)
    errors.py         ExportError, SchemaInvalid
"""
