"""`quarantine-review`: inspect held records (metadata only; the vault issue adds decrypt)."""
