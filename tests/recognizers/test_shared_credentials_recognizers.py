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
    # after an e-mail address a hyphenated passphrase counts too
    ("shared inbox: desk@orbit.example / Copper-Kettle-42", ["Copper-Kettle-42"]),
    ("write to desk@orbit.example / or call the desk", []),
    ("desk@orbit.example / 2024-05-01", []),
    # after a login word the secret needs no symbol
    ("temp login -> qa_user / Harbor2031", ["Harbor2031"]),
    ("creds for the demo: viewer / Lantern88", ["Lantern88"]),
    ("login page layout / header 2 / footer", []),
    ("here are the creds: ops-admin Pa55w0rd!23", ["Pa55w0rd!23"]),
    ("login: use your SSO account", []),
    # a user and a pass both labelled, the pass word without a colon
    ("temp access for the vendor: user kmalik / pass Ferry2029!", ["Ferry2029!"]),
    ("username: qa-bot, pw: Winter-77x", ["Winter-77x"]),
    ("the user guide / pass rates for 2026", []),
]


@pytest.mark.parametrize("text,expected", LOGIN_PAIRS)
def test_login_pair(text, expected):
    assert_spans(LoginPairRecognizer(), text, expected, (0.6, 0.8))


ONE_TIME_CODES = [
    ("Your Contoso Bank verification code is 482913.", ["482913"]),
    ("Tu código de verificación es 551 204", ["551 204"]),
    ("Ihr Bestätigungscode lautet 739201", ["739201"]),
    ("OTP: 0071 (valid 5 min)", ["0071"]),
    ("recovery codes: 7kq2-9xpl 3mzt-8wqa", ["7kq2-9xpl"]),
    ("Enter the 6-digit verification code we sent you", []),
    ("the status code 404 means not found", []),
    ("security code rotation landed in release 2026", []),
    # the code before its label
    ("Use 604118 as your one-time passcode for the portal", ["604118"]),
    ("Extension 5550 is the verification desk", []),
    # recovery codes listed one per line under their label
    ("Backup codes (keep safe):\nk2p9-7wd3\nz8m1-q4tx\n", ["k2p9-7wd3", "z8m1-q4tx"]),
    ("Release notes:\nab12-cd34\n", []),
    # a service's name before the label, and a code given to sign in with
    ("G-482913 is your Contoso verification code.", ["G-482913"]),
    ("Use 7731 to sign in to Contoso Bank. Never share this code.", ["7731"]),
    ("we use 2024 to compare the cohorts", []),
    # a code grouped 3-3 before its label; "your X code:" as the label
    ("[Contoso] 417-902 is your login code.", ["417-902"]),
    ("Your Fabrikam code: 5528. It expires in 10 minutes.", ["5528"]),
    ("94110 is the zip code for the office", []),
    ("your code review is due on 2026-07-01", []),
    # a bank's TAN a few words after its label; "tan" as a colour is not one
    ("Ihre pushTAN für den Auftrag lautet 418 220", ["418 220"]),
    ("the tan sofa costs 1200 euros", []),
    # a code whose message warns against sharing it
    ("code: 661024. Do not share this code with anyone.", ["661024"]),
    ("status code 5031, please share the logs", []),
    # a recovery key in groups; backup codes numbered one per line
    ("2FA recovery key: K7PQ-4MZD-X9WT-2LRC", ["K7PQ-4MZD-X9WT-2LRC"]),
    ("Backup codes\n1. 4410 2291\n2. 7735 0182", ["4410 2291", "7735 0182"]),
    # codes after their label in Chinese, Japanese, Russian, Turkish and Vietnamese
    ("【示例银行】验证码 604127，10分钟内有效", ["604127"]),
    ("認証コード：3391 を入力してください", ["3391"]),
    ("Ваш код подтверждения: 882017", ["882017"]),
    ("doğrulama kodu 551902", ["551902"]),
    ("Mã xác minh của bạn là 730044", ["730044"]),
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
        # basic auth on a command line; a variable reference is not a secret
        ("curl -u deploy:Qz8#mW2p https://ci.example.org/api", ["Qz8#mW2p"]),
        ("curl --user deploy:${CI_PASS} https://ci.example.org/api", []),
        # a secret store read out on a terminal; a code reference is not a secret
        ("$ kubectl get secret api -o jsonpath='{.data.token}' | base64 -d\nq8Zt!wLp2Rx", ["q8Zt!wLp2Rx"]),
        ('SMTP_PASSWORD = os.environ["SMTP_PASSWORD"]', []),
        ("DB_PASSWORD: settings.get_secret('db')", []),
        # a token stated in words; words after "token is" are not a token
        ("the build token is tkn.Z9xQ2kLmNoPqRs7uV", ["tkn.Z9xQ2kLmNoPqRs7uV"]),
        ("the token is expired, ask for a new one", []),
        # an AI platform's key alone
        ("sk-proj-4Tq9xLmN2vB7cR1sD5fG8hJ0kL3zX6wE9yU2iO", ["sk-proj-4Tq9xLmN2vB7cR1sD5fG8hJ0kL3zX6wE9yU2iO"]),
        ("the sk-learn docs", []),
        # a secret printed by a command in a terminal, on the line after it
        ("$ echo $DB_PASSWORD\nkestrel-Blue-552\n$", ["kestrel-Blue-552"]),
        ("$ printenv STRIPE_API_KEY\nsk_test_4eC39HqLyjWDarjtT1zdp7dc", ["sk_test_4eC39HqLyjWDarjtT1zdp7dc"]),
        ("$ echo $HOME\n/home/dev", []),
    ],
)
def test_secrets_in_urls_and_configuration(text, expected):
    assert _secrets(text) == expected
