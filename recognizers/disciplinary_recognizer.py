"""Disciplinary, termination and investigation language."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


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
