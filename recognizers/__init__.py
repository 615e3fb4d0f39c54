"""pii-stream's own recognizers, one per module, and the Presidio ones we keep."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    CryptoRecognizer,
    IbanRecognizer,
    IpRecognizer,
    MedicalLicenseRecognizer,
    PhoneRecognizer,
    SpacyRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
)

from recognizers.aba_routing_recognizer import AbaRoutingRecognizer
from recognizers.bank_account_recognizer import BankAccountRecognizer
from recognizers.compensation_recognizer import CompensationRecognizer
from recognizers.dea_number_recognizer import DeaNumberRecognizer
from recognizers.disciplinary_recognizer import DisciplinaryRecognizer
from recognizers.email_recognizer import OfflineEmailRecognizer
from recognizers.employee_id_recognizer import EmployeeIdRecognizer
from recognizers.health_plan_id_recognizer import HealthPlanIdRecognizer
from recognizers.icd10_recognizer import Icd10Recognizer
from recognizers.irs_form_recognizer import IrsFormRecognizer
from recognizers.irs_ip_pin_recognizer import IrsIpPinRecognizer
from recognizers.leave_recognizer import LeaveRecognizer
from recognizers.medical_condition_recognizer import MedicalConditionRecognizer
from recognizers.medical_record_number_recognizer import MedicalRecordNumberRecognizer
from recognizers.medication_recognizer import MedicationRecognizer
from recognizers.ndc_recognizer import NdcRecognizer
from recognizers.npi_recognizer import NpiRecognizer
from recognizers.password_recognizer import PasswordRecognizer
from recognizers.performance_review_recognizer import PerformanceReviewRecognizer
from recognizers.person_name_recognizer import PersonNameRecognizer
from recognizers.private_key_recognizer import PrivateKeyRecognizer
from recognizers.protected_attribute_recognizer import ProtectedAttributeRecognizer
from recognizers.secret_token_recognizer import SecretTokenRecognizer
from recognizers.sensitive_health_recognizer import SensitiveHealthRecognizer
from recognizers.tax_amount_recognizer import TaxAmountRecognizer
from recognizers.us_address_recognizer import UsAddressRecognizer
from recognizers.us_ein_recognizer import UsEinRecognizer
from recognizers.us_itin_recognizer import UsItinRecognizer
from recognizers.us_ssn_recognizer import UsSsnRecognizer

OUR_RECOGNIZERS = (
    UsSsnRecognizer, UsItinRecognizer, UsEinRecognizer, AbaRoutingRecognizer,
    BankAccountRecognizer, IrsFormRecognizer, TaxAmountRecognizer, IrsIpPinRecognizer,
    MedicalRecordNumberRecognizer, NpiRecognizer, DeaNumberRecognizer, Icd10Recognizer,
    NdcRecognizer, HealthPlanIdRecognizer, MedicalConditionRecognizer, MedicationRecognizer,
    SensitiveHealthRecognizer, CompensationRecognizer, PerformanceReviewRecognizer,
    DisciplinaryRecognizer, LeaveRecognizer, EmployeeIdRecognizer, ProtectedAttributeRecognizer,
    PasswordRecognizer, PrivateKeyRecognizer, SecretTokenRecognizer, PersonNameRecognizer,
    UsAddressRecognizer, OfflineEmailRecognizer,
)

# Presidio's generic recognizers we keep. Left out on purpose: URL (every link would be
# redacted), DATE_TIME (dates are not personal on their own), US_BANK_NUMBER and
# US_SSN/ITIN (ours add context and stdnum checksums).
PRESIDIO_RECOGNIZERS = (
    CreditCardRecognizer, CryptoRecognizer, IbanRecognizer, IpRecognizer, PhoneRecognizer,
    MedicalLicenseRecognizer, UsLicenseRecognizer, UsPassportRecognizer,
)

# spaCy labels we use, mapped to Presidio entities (ORG, dates, numbers are not PII here).
SPACY_ENTITIES = ("PERSON", "LOCATION", "NRP")


def builtin_recognizers() -> list[EntityRecognizer]:
    """Fresh instances of every built-in recognizer (ours first, then Presidio's)."""
    ours = [cls() for cls in OUR_RECOGNIZERS]
    presidio = [cls() for cls in PRESIDIO_RECOGNIZERS]
    spacy = SpacyRecognizer(supported_entities=list(SPACY_ENTITIES))
    return ours + presidio + [spacy]
