"""IP addresses (Presidio's patterns), without the version numbers that share their form."""

import regex
from presidio_analyzer.predefined_recognizers import IpRecognizer

_VERSION_CUE = regex.compile(r"(?i:\b(?:version|firmware|release|build|ver|v|rev|revision|update|patch)\.?\s*:?\s*v?)$")


class VersionAwareIpRecognizer(IpRecognizer):
    """`Firmware 4.11.2.6` or `v1.2.3.4` is a version: dropped when a version word precedes it."""

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not _VERSION_CUE.search(text[max(0, r.start - 24):r.start])]
