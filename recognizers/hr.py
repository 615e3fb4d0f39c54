"""HR records: compensation, reviews, discipline, leave, employee ids, protected attributes."""

import re

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer

# --- Compensation: salary, bonus, equity and raise amounts next to pay vocabulary.
_PAY_WORDS = (
    r"salary|salaries|base pay|pay|compensation|comp|bonus|raise|merit increase|offer(?:ed)?|"
    r"equity|rsus?|stock options?|options|signing bonus|annual|per year|hourly rate|wage"
)
_AMOUNT = r"\$\s?\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\$\s?\d+(?:\.\d+)?\s?[kKmM]\b|\$\s?\d+(?:\.\d{2})?|\d{1,3}(?:,\d{3})+\s?(?:USD|dollars)|\d+(?:\.\d+)?%"


class CompensationRecognizer(ConstantPatternRecognizer):
    """An amount (dollars, k, or a percentage raise) within a few words of pay vocabulary."""

    MIN_DIGITS = 1

    ENTITY = "COMPENSATION"
    PATTERNS = [
        Pattern("amount_after_pay_word", rf"(?i)(?<=\b(?:{_PAY_WORDS})\b[^\n$]{{0,30}})(?:{_AMOUNT})", 0.6),
        Pattern(
            "amount_before_pay_word",
            rf"(?i)(?:{_AMOUNT})(?=[^\n]{{0,20}}\b(?:salary|base|bonus|raise|offer|in rsus|in equity|per year|a year|annually)\b)",
            0.6,
        ),
        # an equity grant is someone's: a grant, vest or offer word before it ("a cap table's
        # 2,000,000 preferred shares" is the company's)
        Pattern(
            "equity_grant",
            r"(?i)(?<=\b(?:grant(?:s|ed)?|vest(?:s|ed|ing)?|offer(?:s|ed)?|award(?:s|ed)?|refresh(?:er)?|receive[sd]?|got|get|gets"
            r"|my|his|her|your|their)\b[^\n.;]{0,40})\b\d{1,3}(?:,\d{3})*\s+(?:rsus|shares|stock options)\b",
            0.6,
        ),
    ]
    CONTEXT = ["salary", "bonus", "compensation", "raise", "equity", "offer", "pay"]

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        if not results or not _POSTING.search(text) or _OWN_PAY.search(text):
            return results
        return [r for r in results if not _in_range(text, r.start, r.end)]


# A pay range in a job posting or a band table ("£85,000 – £100,000", "$150k to $180k") is
# what a role pays, not what a person earns; "my offer is $150k–$180k" is still someone's.
_POSTING = re.compile(
    r"(?i)\b(?:job\s+(?:posting|post|ad|advert|description|listing)|posting|careers?|vacanc(?:y|ies)|opening|hiring"
    r"|salary\s+(?:range|band)s?|pay\s+(?:range|band|transparency)s?|bands?|levels?|we\s+offer|role)\b"
)
_OWN_PAY = re.compile(r"(?i)\b(?:my|i|i'm|i've|me|his|her|their)\b")
_RANGE_AFTER = re.compile(rf"^\s*(?:[-–—]|to)\s*(?:{_AMOUNT})")
_RANGE_BEFORE = re.compile(rf"(?:{_AMOUNT})\s*(?:[-–—]|to)\s*$")


def _in_range(text: str, start: int, end: int) -> bool:
    """Whether the amount is one end of a range of amounts."""
    return bool(_RANGE_AFTER.match(text[end : end + 24]) or _RANGE_BEFORE.search(text[max(0, start - 24) : start]))


# --- Performance ratings, reviews and improvement plans.
class PerformanceReviewRecognizer(ConstantPatternRecognizer):
    """PIPs, ratings ('rated 2/5', 'does not meet expectations'), calibration outcomes."""

    ENTITY = "PERFORMANCE_REVIEW"
    PATTERNS = [
        Pattern(
            "improvement_plan",
            r"(?i)\b(?:performance\s+improvement\s+plan|(?-i:(?<![\w-])PIP(?![\w-]))|"
            r"performance\s+warning|underperform(?:ing|er|ance)?|low\s+performer|"
            r"(?:does\s+not|doesn't|did\s+not|didn't)\s+meet\s+expectations|"
            r"(?:meets|exceeds|below)\s+expectations|needs\s+improvement|"
            r"calibrat(?:ed|ion)\s+(?:to|at|as)\s+\w+|bottom\s+\d+\s*%|stack[\s-]rank(?:ed|ing)?)",
            0.6,
        ),
        Pattern(
            "rating",
            r"(?i)(?<=\b(?:rated|rating|rating of|performance\s+score|review\s+score|scored)\b[\s:]{0,3})"
            r"(?:\d(?:\.\d)?\s?(?:/|out\s+of)\s?\d|[1-5](?!\d))",
            0.6,
        ),
    ]
    CONTEXT = ["performance", "review", "rating", "manager", "calibration"]


# --- Disciplinary, termination and investigation language.
class DisciplinaryRecognizer(ConstantPatternRecognizer):
    """Written warnings, terminations, layoffs of a person, HR investigations, complaints."""

    ENTITY = "DISCIPLINARY"
    PATTERNS = [
        Pattern(
            "disciplinary",
            r"(?i)\b(?:(?:final\s+)?written\s+warning|verbal\s+warning|disciplinary\s+(?:action|hearing|meeting)|"
            r"terminat(?:ed|ion)\s+(?:for\s+cause|letter|meeting|effective)|be(?:ing)?\s+terminated|"
            r"(?:was|were|been|getting|get|got)\s+(?:fired|let\s+go|laid\s+off)|fired\s+for|"
            r"involuntary\s+(?:termination|separation)|severance\s+(?:agreement|package)|"
            r"hr\s+investigation|workplace\s+investigation|internal\s+investigation|"
            r"harassment\s+(?:complaint|claim|allegation)s?|discrimination\s+(?:complaint|claim)s?|"
            r"ethics\s+(?:complaint|violation)|misconduct|suspended\s+without\s+pay|"
            r"administrative\s+leave|grievance\s+filed|whistleblower\s+(?:complaint|report))\b",
            0.65,
        )
    ]
    CONTEXT = ["hr", "employee", "manager", "investigation", "termination"]


# --- Leave of absence: medical, parental, FMLA, disability and bereavement leave.
class LeaveRecognizer(ConstantPatternRecognizer):
    """Named leave types that reveal health or family circumstances."""

    ENTITY = "LEAVE"
    PATTERNS = [
        Pattern(
            "leave",
            r"(?i)\b(?:fmla(?:\s+leave)?|(?:medical|sick|parental|maternity|paternity|family|"
            r"disability|bereavement|caregiver|stress)\s+leave|short[\s-]term\s+disability|"
            r"long[\s-]term\s+disability|leave\s+of\s+absence|std\s+claim|ltd\s+claim)\b",
            0.6,
        )
    ]
    CONTEXT = ["leave", "hr", "absence", "benefits"]


# --- Employee ids: an identifier right after employee/badge/personnel context.
class EmployeeIdRecognizer(ConstantPatternRecognizer):
    """Alphanumeric ids (with a digit) after 'employee id', 'emp #', 'badge', 'personnel no.'."""

    MIN_DIGITS = 1
    # a word of the context the pattern looks behind for (a slow lookbehind that the
    # pattern scan cannot rule out: any id with a digit fits the rest)
    PREFILTER = re.compile(r"(?i)emp|staff|badge|personnel|worker|associate")

    ENTITY = "EMPLOYEE_ID"
    PATTERNS = [
        Pattern(
            "employee_id_with_context",
            r"(?i)(?<=\b(?:employee|emp|staff|badge|personnel|worker|associate)\s*"
            r"(?:id\b|number\b|no\.?|#|\b)[\s:#.]{0,5})(?=[A-Z0-9-]*\d)[A-Z]{0,4}-?\d{4,10}(?![\w-])",
            0.8,
        )
    ]
    CONTEXT = ["employee", "badge", "personnel", "staff", "hr"]


# --- Protected attributes disclosed about a person (religion, orientation, ethnicity, age, union, visa).
class ProtectedAttributeRecognizer(ConstantPatternRecognizer):
    """First-person or about-someone statements of protected characteristics."""

    ENTITY = "PROTECTED_ATTRIBUTE"
    PATTERNS = [
        Pattern(
            "self_or_other_disclosure",
            r"(?i)\b(?:i\s+am|i'm|he\s+is|she\s+is|they\s+are|he's|she's|they're|is\s+a|as\s+a)\s+(?:an?\s+)?"
            r"(?:gay|lesbian|bisexual|transgender|trans|queer|nonbinary|non-binary|muslim|jewish|"
            r"catholic|christian|hindu|sikh|buddhist|mormon|atheist|undocumented|"
            r"(?:\d{2})\s+years\s+old|over\s+(?:40|50|60)|pregnant|veteran|immigrant|union\s+member)\b",
            0.6,
        ),
        Pattern(
            "protected_status",
            r"(?i)\b(?:sexual\s+orientation|gender\s+identity|religious\s+beliefs?|immigration\s+status|"
            r"visa\s+status|h-1b\s+(?:status|holder|transfer)|green\s+card\s+(?:application|status)|"
            r"union\s+(?:organizing|membership)|national\s+origin|racial\s+discrimination|age\s+discrimination)\b",
            0.55,
        ),
    ]
    CONTEXT = ["hr", "discrimination", "protected", "status"]


HR = (
    CompensationRecognizer,
    PerformanceReviewRecognizer,
    DisciplinaryRecognizer,
    LeaveRecognizer,
    EmployeeIdRecognizer,
    ProtectedAttributeRecognizer,
)
