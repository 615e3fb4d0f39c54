"""One shared assertion for the recognizer tables: the public helper plugins use too."""

from __future__ import annotations

from pipeline.testing import assert_finds as assert_spans

__all__ = ["assert_spans"]
