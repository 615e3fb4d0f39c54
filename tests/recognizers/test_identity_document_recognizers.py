"""Identity documents of any country after their label; our own synthetic numbers."""

import pytest

from recognizers.identity import DriverLicenceNumberRecognizer, NationalIdNumberRecognizer, PassportNumberRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    (PassportNumberRecognizer, "my passport number is K7310294", ["K7310294"]),
    (PassportNumberRecognizer, "Reisepass-Nr.: C2RX91TG4", ["C2RX91TG4"]),
    (PassportNumberRecognizer, "numéro de passeport 19AV48213", ["19AV48213"]),
    (DriverLicenceNumberRecognizer, "driving licence WELDO704215RT8KX", ["WELDO704215RT8KX"]),
    (DriverLicenceNumberRecognizer, "Führerscheinnummer B1K9Q7R3Z22", ["B1K9Q7R3Z22"]),
    (DriverLicenceNumberRecognizer, "DL 4471-3390-2218", ["4471-3390-2218"]),
    (NationalIdNumberRecognizer, "my PESEL is 90081712345", ["90081712345"]),
    (NationalIdNumberRecognizer, "codice fiscale RSSMRA81L14H501X", ["RSSMRA81L14H501X"]),
    (NationalIdNumberRecognizer, "NHS number 721 384 0095", ["721 384 0095"]),
    # a label without a document number, dates, prices and prose
    (PassportNumberRecognizer, "passport expires 2031-02-17", []),
    (PassportNumberRecognizer, "the passport fee is 130 dollars", []),
    (PassportNumberRecognizer, "how do I renew my passport online?", []),
    (DriverLicenceNumberRecognizer, "the DL model v2 scored 0.91", []),
    (NationalIdNumberRecognizer, "ID card renewals open in 2026", []),
    (NationalIdNumberRecognizer, "pan the camera 45 degrees", []),
]


@pytest.mark.parametrize("recognizer,text,expected", CASES)
def test_document_number_after_its_label(recognizer, text, expected):
    assert_spans(recognizer(), text, expected)


def test_a_labelled_passport_is_held(pipeline):
    from pipeline.core.processor import route_stream
    from tests.factories import event, raw

    [routed] = list(route_stream(pipeline, [raw(event(text="my passport number is K7310294, can you check the form"))], 8))
    assert routed.route == "quarantine" and "K7310294" not in str(routed.record)
