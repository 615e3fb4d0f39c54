"""IRS Identity Protection PINs: six digits named as an IP PIN."""

from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer


class IrsIpPinRecognizer(ConstantPatternRecognizer):
    """Six digits shortly after 'IP PIN' / 'identity protection PIN'."""

    MIN_DIGITS = 6

    ENTITY = "IRS_IP_PIN"
    PATTERNS = [
        Pattern(
            "ip_pin",
            r"(?i)(?<=\b(?:ip\s?pin|identity\s+protection\s+pin)\b[^\d\n]{0,20})(?<!\d)\d{6}(?!\d)",
            0.85,
        )
    ]
    CONTEXT = ["ip pin", "identity protection"]
