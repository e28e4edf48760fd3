"""What every stage uses: typed errors, the workspace's configuration and paths, atomic writes,
machine faults, file modes, Norwegian local time, crash points for tests, safe names and
no-clobber moves."""
