"""The quarantine vault: envelope encryption, crypto-shredding, hash-chained audit, review."""
