"""Medications from a curated vocabulary (data/medications.txt)."""

from recognizers.base import TermListRecognizer


class MedicationRecognizer(TermListRecognizer):
    """Common prescription drug names (generic and brand), matched as whole words."""

    ENTITY = "MEDICATION"
    TERMS_FILE = "medications.txt"
    SCORE = 0.6
    CONTEXT = ["prescribed", "mg", "dose", "refill", "pharmacy", "taking", "rx"]
