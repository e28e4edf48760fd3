"""The archive: Noark 5 style case files in archive/, laid out and described the way a
records system holds them (saksmappe → journalpost → dokumentbeskrivelse → dokumentobjekt)."""
