"""Medical record and provider numbers, codes, and health vocabularies."""

import re

from presidio_analyzer import Pattern
from stdnum import luhn

from recognizers.base import ConstantPatternRecognizer, TermListRecognizer


# --- Medical record numbers: an identifier right after MRN / medical record / chart context.
class MedicalRecordNumberRecognizer(ConstantPatternRecognizer):
    """Alphanumeric ids of 5-15 characters (with a digit) after MRN context."""

    MIN_DIGITS = 1
    # a word of the context the pattern looks behind for (its lookbehind is what makes it
    # slow, ~45 µs a text: the pattern scan cannot rule it out, any id with a digit fits)
    PREFILTER = re.compile(r"(?i)mrn|medical\s+record|chart|patient")

    ENTITY = "MEDICAL_RECORD_NUMBER"
    PATTERNS = [
        Pattern(
            "mrn_with_context",
            r"(?i)(?<=\b(?:mrn\b|medical\s+record(?:\s+(?:number\b|no\.?|#))?|chart\s*(?:#|no\.?|number\b)|"
            r"patient\s+(?:id\b|number\b|#))[\s:#.]{0,5})(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,14}(?![\w-])",
            0.85,
        )
    ]
    CONTEXT = ["mrn", "medical record", "chart", "patient"]


# --- Health-plan member and group ids: an id right after member/subscriber/policy context.
class HealthPlanIdRecognizer(ConstantPatternRecognizer):
    """Alphanumeric ids (with a digit) after 'member id', 'subscriber id', 'group number' ..."""

    MIN_DIGITS = 1
    PREFILTER = re.compile(r"(?i)member|subscriber|policy|group|insurance|medicare|medicaid|plan")  # as above

    ENTITY = "HEALTH_PLAN_ID"
    PATTERNS = [
        Pattern(
            "member_id_with_context",
            r"(?i)(?<=\b(?:member|subscriber|policy|group|insurance|medicare|medicaid|plan)\s*"
            r"(?:id\b|number\b|no\.?|#)[\s:#.]{0,5})(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,19}(?![\w-])",
            0.85,
        )
    ]
    CONTEXT = ["member", "subscriber", "insurance", "plan", "policy", "medicare", "medicaid"]


# --- US National Provider Identifiers: 10 digits with the Luhn check over prefix 80840.
class NpiRecognizer(ConstantPatternRecognizer):
    """Ten digits starting 1 or 2 whose NPI check digit is right."""

    MIN_DIGITS = 10

    ENTITY = "NPI"
    PATTERNS = [Pattern("npi", r"(?<![\w-])[12]\d{9}(?![\w-])", 0.3)]
    CONTEXT = ["npi", "provider", "prescriber", "physician", "national provider"]

    def validate_result(self, pattern_text: str) -> bool | None:
        # The NPI check digit is Luhn over the card-issuer prefix 80840 + the number.
        return None if luhn.is_valid("80840" + pattern_text) else False


# --- DEA registration numbers: two letters, seven digits, a weighted check digit.
class DeaNumberRecognizer(ConstantPatternRecognizer):
    """e.g. AB1234563: (d1+d3+d5) + 2*(d2+d4+d6) ends in d7."""

    MIN_DIGITS = 7

    ENTITY = "DEA_NUMBER"
    PATTERNS = [Pattern("dea", r"(?<![\w-])[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}(?![\w-])", 0.4)]
    CONTEXT = ["dea", "prescriber", "controlled substance", "registration"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return dea_checksum_ok(pattern_text)


def dea_checksum_ok(value: str) -> bool:
    """True when the DEA number's check digit matches (no library implements it)."""
    d = [int(c) for c in value[2:]]
    total = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])
    return total % 10 == d[6]


# --- ICD-10-CM diagnosis codes (e.g. F32.1, E11.9, O09.891).
class Icd10Recognizer(ConstantPatternRecognizer):
    """Dotted codes score medium; undotted three-character codes need context."""

    MIN_DIGITS = 1

    ENTITY = "ICD10_CODE"
    PATTERNS = [
        Pattern("icd10_dotted", r"(?<![\w.-])[A-TV-Z]\d[0-9AB]\.[0-9A-TV-Z]{1,4}(?![\w-])", 0.5),
        Pattern(
            "icd10_with_context",
            r"(?i)(?<=\b(?:icd(?:-?10)?(?:-cm)?|diagnosis|dx|diagnosis\s+code)\b[\s:#]{0,5})"
            r"(?-i:[A-TV-Z]\d[0-9AB](?:\.?[0-9A-TV-Z]{1,4})?)(?![\w-])",
            0.85,
        ),
    ]
    CONTEXT = ["icd", "icd-10", "diagnosis", "dx", "code", "diagnosed"]


# --- National Drug Codes in their three dashed forms (4-4-2, 5-3-2, 5-4-1) or 5-4-2.
class NdcRecognizer(ConstantPatternRecognizer):
    """Dashed NDCs; stronger next to drug context."""

    MIN_DIGITS = 10

    ENTITY = "NDC_CODE"
    PATTERNS = [
        Pattern(
            "ndc_dashed",
            r"(?<![\w-])(?:\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2})(?![\w-])",
            0.5,
        )
    ]
    CONTEXT = ["ndc", "drug", "medication", "rx", "prescription", "pharmacy"]


# --- Medical conditions from a curated vocabulary (data/conditions.txt).
class MedicalConditionRecognizer(TermListRecognizer):
    """Common diagnoses and conditions, matched as whole words."""

    ENTITY = "MEDICAL_CONDITION"
    TERMS_FILE = "conditions.txt"
    SCORE = 0.6
    CONTEXT = ["diagnosed", "diagnosis", "treatment", "patient", "doctor", "symptoms"]


# --- Medications from a curated vocabulary (data/medications.txt).
class MedicationRecognizer(TermListRecognizer):
    """Common prescription drug names (generic and brand), matched as whole words."""

    ENTITY = "MEDICATION"
    TERMS_FILE = "medications.txt"
    SCORE = 0.6
    CONTEXT = ["prescribed", "mg", "dose", "refill", "pharmacy", "taking", "rx"]


# --- Pregnancy, disability and mental-health language (data/sensitive_health.txt).
class SensitiveHealthRecognizer(TermListRecognizer):
    """Special-category health terms that need protection even without a diagnosis."""

    ENTITY = "SENSITIVE_HEALTH"
    TERMS_FILE = "sensitive_health.txt"
    SCORE = 0.6


MEDICAL = (
    MedicalRecordNumberRecognizer,
    HealthPlanIdRecognizer,
    NpiRecognizer,
    DeaNumberRecognizer,
    Icd10Recognizer,
    NdcRecognizer,
    MedicalConditionRecognizer,
    MedicationRecognizer,
    SensitiveHealthRecognizer,
)
