"""Reports for people (a readable table, in the workspace's målform) and for machines (`--json`),
one module per command or group of commands: what the CLI prints and what receipts are made from."""
