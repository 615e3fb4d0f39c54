"""The quarantine vault: envelope encryption, crypto-shredding, hash-chained and signed audit, review."""
