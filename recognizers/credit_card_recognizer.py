"""Payment card numbers: Presidio's recognizer (Luhn-checked) plus Mastercard's 2-series."""

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer as PresidioCreditCardRecognizer

from recognizers.base import Prefiltered


class PaymentCardRecognizer(Prefiltered, PresidioCreditCardRecognizer):
    """Presidio's patterns miss 2221-2720 Mastercard numbers; the Luhn check stays Presidio's."""

    MIN_DIGITS = 12
    EXTRA_PATTERNS = [
        Pattern(
            "mastercard_2_series",
            r"(?<![\w-])2(?:2[2-9]\d|[3-6]\d\d|7[01]\d|720)(?:[ -]?\d{4}){3}(?![\w-])",
            0.3,
        )
    ]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("patterns", self.PATTERNS + self.EXTRA_PATTERNS)
        super().__init__(**kwargs)
