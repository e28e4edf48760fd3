"""The watched inbox (`praksis watch`): HR staff drop files, praksis files them and answers
in the folders themselves (behandlet/, avvist/, duplikater/) with receipts in Norwegian.

    patterns.py       which file names are left alone (temp, lock, sync files)
    entries.py        what an entry is, without following it: only ordinary files are read
    stability.py      when a file is completely written (size and mtime stable)
    receipts.py       the Norwegian receipt, error list and duplicate notice
    rejected_rows.py  a file with only the rejected rows, in the original format
    processor.py      one file: ingest it, then move it and write its receipt
    watcher.py        the service: observer, rescans, lock, signals
"""
