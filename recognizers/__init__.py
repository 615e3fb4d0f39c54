"""pii-stream's own recognizers, one per module, and the Presidio ones we keep."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import (
    CryptoRecognizer,
    IbanRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
)

from recognizers.base import digit_gated
from recognizers.address_block_recognizer import AddressBlockRecognizer
from recognizers.aba_routing_recognizer import AbaRoutingChecksumRecognizer
from recognizers.bank_account_recognizer import BankAccountRecognizer
from recognizers.compensation_recognizer import CompensationRecognizer
from recognizers.credit_card_recognizer import PaymentCardRecognizer
from recognizers.dea_number_recognizer import DeaNumberRecognizer
from recognizers.disciplinary_recognizer import DisciplinaryRecognizer
from recognizers.email_recognizer import OfflineEmailRecognizer
from recognizers.employee_id_recognizer import EmployeeIdRecognizer
from recognizers.health_plan_id_recognizer import HealthPlanIdRecognizer
from recognizers.icd10_recognizer import Icd10Recognizer
from recognizers.ip_address_recognizer import VersionAwareIpRecognizer
from recognizers.irs_form_recognizer import IrsFormRecognizer
from recognizers.irs_ip_pin_recognizer import IrsIpPinRecognizer
from recognizers.leave_recognizer import LeaveRecognizer
from recognizers.location_gazetteer_recognizer import LocationGazetteerRecognizer
from recognizers.medical_condition_recognizer import MedicalConditionRecognizer
from recognizers.medical_record_number_recognizer import MedicalRecordNumberRecognizer
from recognizers.medication_recognizer import MedicationRecognizer
from recognizers.ndc_recognizer import NdcRecognizer
from recognizers.npi_recognizer import NpiRecognizer
from recognizers.password_recognizer import PasswordRecognizer
from recognizers.performance_review_recognizer import PerformanceReviewRecognizer
from recognizers.person_gazetteer_recognizer import PersonGazetteerRecognizer
from recognizers.person_name_recognizer import PersonNameRecognizer
from recognizers.phone_recognizer import InternationalPhoneRecognizer
from recognizers.private_key_recognizer import PrivateKeyRecognizer
from recognizers.protected_attribute_recognizer import ProtectedAttributeRecognizer
from recognizers.secret_token_recognizer import SecretTokenRecognizer
from recognizers.sensitive_health_recognizer import SensitiveHealthRecognizer
from recognizers.spacy_ner_recognizer import SpacyNerRecognizer
from recognizers.tax_amount_recognizer import TaxAmountRecognizer
from recognizers.uk_national_insurance_recognizer import UkNationalInsuranceRecognizer
from recognizers.uk_utr_recognizer import UkUtrRecognizer
from recognizers.us_address_recognizer import UsAddressRecognizer
from recognizers.us_ein_recognizer import UsEinRecognizer
from recognizers.us_itin_recognizer import UsItinChecksumRecognizer
from recognizers.us_ssn_recognizer import UsSsnChecksumRecognizer

OUR_RECOGNIZERS = (
    UsSsnChecksumRecognizer, UsItinChecksumRecognizer, UsEinRecognizer, AbaRoutingChecksumRecognizer,
    BankAccountRecognizer, IrsFormRecognizer, TaxAmountRecognizer, IrsIpPinRecognizer,
    MedicalRecordNumberRecognizer, NpiRecognizer, DeaNumberRecognizer, Icd10Recognizer,
    NdcRecognizer, HealthPlanIdRecognizer, MedicalConditionRecognizer, MedicationRecognizer,
    SensitiveHealthRecognizer, CompensationRecognizer, PerformanceReviewRecognizer,
    DisciplinaryRecognizer, LeaveRecognizer, EmployeeIdRecognizer, ProtectedAttributeRecognizer,
    PasswordRecognizer, PrivateKeyRecognizer, SecretTokenRecognizer, PersonNameRecognizer, PersonGazetteerRecognizer,
    LocationGazetteerRecognizer, UkNationalInsuranceRecognizer, UkUtrRecognizer,
    UsAddressRecognizer, AddressBlockRecognizer, InternationalPhoneRecognizer, OfflineEmailRecognizer, PaymentCardRecognizer, SpacyNerRecognizer,
)

# Presidio's generic recognizers we keep. Left out on purpose: URL (every link would be
# redacted), DATE_TIME (dates are not personal on their own), MEDICAL_LICENSE (our DEA
# recognizer checks the digit), PHONE_NUMBER (ours covers every country's form), US_BANK_NUMBER, US_SSN/ITIN and CREDIT_CARD (ours add
# context, stdnum checksums and newer card ranges).
PRESIDIO_RECOGNIZERS = (
    CryptoRecognizer, IbanRecognizer, VersionAwareIpRecognizer,
    UsLicenseRecognizer, UsPassportRecognizer,
)


# The fewest digits a match of each has (passports 8+, IBAN check digits).
PRESIDIO_MIN_DIGITS = {UsPassportRecognizer: 8, IbanRecognizer: 2, UsLicenseRecognizer: 1}


def builtin_recognizers() -> list[EntityRecognizer]:
    """Fresh instances of every built-in recognizer (ours first, then Presidio's)."""
    ours = [cls() for cls in OUR_RECOGNIZERS]
    return ours + [digit_gated(cls(), PRESIDIO_MIN_DIGITS.get(cls, 0)) for cls in PRESIDIO_RECOGNIZERS]
