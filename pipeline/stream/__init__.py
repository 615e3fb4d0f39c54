"""The stream worker: faust app, batch handling, delivery, faust guards, session-state encryption, metrics, topics."""
