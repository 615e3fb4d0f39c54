"""The core path: events, reassembly, detection, scoring, policy, redaction, records, processor."""
