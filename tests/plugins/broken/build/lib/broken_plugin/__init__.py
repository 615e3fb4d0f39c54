"""A plugin whose entry point names a class that does not exist."""
