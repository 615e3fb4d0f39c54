"""Credentials as people share them: login pairs, one-time codes, secrets in URLs and
configuration."""

import pytest

from recognizers.credentials import LoginPairRecognizer, OneTimeCodeRecognizer, SecretTokenRecognizer
from tests.recognizers.helpers import assert_spans

LOGIN_PAIRS = [
    ("vpn: jdoe / Maple2025!Tree", ["Maple2025!Tree"]),
    ("wifi guest-net | Sunrise#2024x", ["Sunrise#2024x"]),
    ("admin@router.local / Pq7$zzLm1", ["Pq7$zzLm1"]),
    ("git diff HEAD~1 / src/main.py", []),
    ("our build 2024 / 2025 plan", []),
    ("input / output ratio 3:1", []),
    ("see docs / README-v2.md", []),
]


@pytest.mark.parametrize("text,expected", LOGIN_PAIRS)
def test_login_pair(text, expected):
    assert_spans(LoginPairRecognizer(), text, expected, (0.6, 0.6))


ONE_TIME_CODES = [
    ("Your Contoso Bank verification code is 482913.", ["482913"]),
    ("Tu código de verificación es 551 204", ["551 204"]),
    ("Ihr Bestätigungscode lautet 739201", ["739201"]),
    ("OTP: 0071 (valid 5 min)", ["0071"]),
    ("recovery codes: 7kq2-9xpl 3mzt-8wqa", ["7kq2-9xpl"]),
    ("Enter the 6-digit verification code we sent you", []),
    ("the status code 404 means not found", []),
    ("security code rotation landed in release 2026", []),
]


@pytest.mark.parametrize("text,expected", ONE_TIME_CODES)
def test_one_time_code(text, expected):
    assert_spans(OneTimeCodeRecognizer(), text, expected, (0.8, 0.8))


def _secrets(text: str) -> list[str]:
    found = SecretTokenRecognizer().analyze(text, ["API_KEY"], None)
    return sorted(text[r.start : r.end] for r in found)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("remote https://Zr81kQmWv3x0YbPn7TcA2sLd@git.example.org/a.git", ["Zr81kQmWv3x0YbPn7TcA2sLd"]),
        ('export SMTP_PASS="wq8!Lm2zz"', ["wq8!Lm2zz"]),
        ("DB_PASSWORD=${DB_PASSWORD}", []),
        ("REDIS_PASSWORD: $(cat /run/secrets/redis)", []),
        ("API_TOKEN=<your token here>", []),
        ("clone https://build-bot@git.example.org/a.git", []),  # a user name, no token
    ],
)
def test_secrets_in_urls_and_configuration(text, expected):
    assert _secrets(text) == expected
