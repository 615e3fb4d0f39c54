"""pii-stream's own recognizers, grouped by category, and the Presidio ones we keep.

Small pattern recognizers live in their category's module (`identity`, `tax`,
`financial`, `medical`, `hr`, `credentials`, `contact`, `names`), each exporting a tuple;
recognizers with real logic have a module of their own. This is the one registry.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import (
    CryptoRecognizer,
    IbanRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
)

from recognizers.address_block_recognizer import AddressBlockRecognizer
from recognizers.base import digit_gated
from recognizers.cjk_names import CjkNameRecognizer
from recognizers.contact import CONTACT
from recognizers.credentials import CREDENTIALS
from recognizers.financial import FINANCIAL
from recognizers.hr import HR
from recognizers.identity import IDENTITY
from recognizers.location_gazetteer_recognizer import LocationGazetteerRecognizer
from recognizers.medical import MEDICAL
from recognizers.names import NAMES
from recognizers.national_id_recognizer import NationalIdChecksumRecognizer
from recognizers.person_gazetteer_recognizer import PersonGazetteerRecognizer
from recognizers.phone_recognizer import InternationalPhoneRecognizer
from recognizers.tax import TAX

OUR_RECOGNIZERS = (
    IDENTITY
    + TAX
    + FINANCIAL
    + MEDICAL
    + HR
    + CREDENTIALS
    + CONTACT
    + NAMES
    + (PersonGazetteerRecognizer, CjkNameRecognizer, LocationGazetteerRecognizer, AddressBlockRecognizer, InternationalPhoneRecognizer)
    + (NationalIdChecksumRecognizer,)
)

# Presidio's generic recognizers we keep. Left out on purpose: URL (every link would be
# redacted), DATE_TIME (dates are not personal on their own), MEDICAL_LICENSE (our DEA
# recognizer checks the digit), PHONE_NUMBER (ours covers every country's form),
# US_BANK_NUMBER, US_SSN/ITIN, IP (ours skips versions) and CREDIT_CARD (ours add context,
# stdnum checksums and newer card ranges).
PRESIDIO_RECOGNIZERS = (CryptoRecognizer, IbanRecognizer, UsLicenseRecognizer, UsPassportRecognizer)

# The fewest digits a match of each has (passports 8+, IBAN check digits).
PRESIDIO_MIN_DIGITS = {UsPassportRecognizer: 8, IbanRecognizer: 2, UsLicenseRecognizer: 1}


# Presidio's IBAN recognizer has its own `analyze`, but every result it gives starts at a
# match of its pattern on the text as given: detection's pattern scan may rule it out.
PRESIDIO_GATED = (IbanRecognizer,)


def builtin_recognizers() -> list[EntityRecognizer]:
    """Fresh instances of every built-in recognizer (ours first, then Presidio's)."""
    ours = [cls() for cls in OUR_RECOGNIZERS]
    theirs = [digit_gated(cls(), PRESIDIO_MIN_DIGITS.get(cls, 0)) for cls in PRESIDIO_RECOGNIZERS]
    for recognizer in theirs:
        if isinstance(recognizer, PRESIDIO_GATED):
            recognizer.GATED = True  # type: ignore[attr-defined]  # read by pattern_scan.gated
    return ours + theirs
