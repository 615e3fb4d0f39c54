"""Email addresses, validated offline (Presidio's own checks fetch a suffix list)."""

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

# No network at run time: use the public-suffix snapshot bundled with tldextract.
_OFFLINE_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's EmailRecognizer whose TLD check never touches the network."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("name", "EmailRecognizer")
        super().__init__(**kwargs)

    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_EXTRACT(pattern_text).fqdn != ""
