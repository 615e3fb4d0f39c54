"""Medical conditions from a curated vocabulary (data/conditions.txt)."""

from recognizers.base import TermListRecognizer


class MedicalConditionRecognizer(TermListRecognizer):
    """Common diagnoses and conditions, matched as whole words."""

    ENTITY = "MEDICAL_CONDITION"
    TERMS_FILE = "conditions.txt"
    SCORE = 0.6
    CONTEXT = ["diagnosed", "diagnosis", "treatment", "patient", "doctor", "symptoms"]
