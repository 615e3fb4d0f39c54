"""Credentials: passwords in context, private keys, API keys and tokens."""

from __future__ import annotations

import importlib
import pkgutil
import re

import detect_secrets.plugins
from detect_secrets.plugins.base import RegexBasedDetector
from presidio_analyzer import Pattern

from recognizers.base import ConstantPatternRecognizer

# --- Passwords, passcodes and PINs stated in context ('password: X', 'my pw is X'), in
# the languages people share them in (English, then two groups of the others: the one-pass
# scan approximates a large alternation, and would run the recognizer on every text).
_PASSWORD_WORDS = r"password|passwd|pwd|pw|passcode|passphrase|pin|login|wifi\s+key|(?:door|gate|alarm|lock|keypad|safe)\s+code"  # noqa: S105 - words that label a password, not one
_PASSWORD_WORDS_ELSEWHERE = (
    r"passwort|kennwort|contrase[ñn]a|mot\s+de\s+passe|mdp|senha",
    r"wachtwoord|l[öo]senord|has[łl]o|parola|salasana|adgangskode|passord",
    r"пароль|şifre|sifre|parolă|jelszó|heslo|lozinka|geslo|mật\s+khẩu|kata\s+sandi",
)
# Chinese, Japanese and Korean labels: no word boundary before the particle that follows
_CJK_PASSWORD_WORDS = r"密码|密碼|口令|パスワード|暗証番号|비밀번호|암호"  # noqa: S105 - labels, not a password
_CJK_CODE_WORDS = r"验证码|驗證碼|校验码|动态码|認証コード|確認コード|認証番号|인증번호|인증\s?코드"
# "pass" only as a label ("pass: X"): as a word it is mostly "passed", "passing"
_LABEL = rf"\b(?:(?:{_PASSWORD_WORDS}|{'|'.join(_PASSWORD_WORDS_ELSEWHERE)})\b|pass\s*[:=])"


# what a password is like, not what it is ("the password is expired.")
_STATE_WORDS = (
    r"expired|required|wrong|incorrect|invalid|weak|strong|correct|protected|hidden|optional|changed|reset|saved"
    r"|stored|encrypted|hashed|different|missing|empty|blank|updated|needed|mandatory|disabled|enabled|locked"
    r"|unlocked|visible|secret|private|public|shared|simple|complex|secure|insecure|ready|working|unknown|none|null"
    r"|undefined|password|passwords|confidential|generated|random|temporary|provided|below|above|attached|included"
    r"|known|there|here|change|forgotten|sensitive|unchanged|accepted|rejected|compromised|leaked|useless|great|fine"
)


def _password_after(words: str) -> str:
    return (
        rf"(?i)(?<={words}"
        # "password is X", "Passwort für den Testserver: X", "contraseña del router es X"
        r"(?:\s+(?:for|f[üu]r|del|de|du|do|da|di|para|pour|voor|f[öo]r|per|dla|от|для|için)(?:\s+[^\s:=]+){1,3}?"
        r"(?=\s*[:=]|\s+(?:is|es|est|ist|lautet|è|é|är|er|jest|to)\b))?"
        # a JSON or YAML key closes its quote before the colon: "password": "…"
        r"(?:[\"']?\s*[:=]|\s+(?:is|was|es|est|ist|lautet|è|é|är|er|jest|to)(?:\s+(?:still|now|currently|just|always|set\s+to))?)?"
        r"\s*[:=]?\s*[\"']?)"
        r"(?![:=])(?=\S*[\d!@#$%^&*_\-+=?])(?!(?:is|was|to|for|reset|manager|policy|expired?|field|"
        r"change|changed|required|protected|word|through|by|on|in|the|a|an)\b)(?!\$\{)[^\s\"']{3,63}[^\s\"',.;:)]"
    )


class PasswordRecognizer(ConstantPatternRecognizer):
    """The token after password vocabulary; the vocabulary alone finds nothing."""

    # the patterns' look-behinds need one of these words: texts without them are skipped
    PREFILTER = re.compile(rf"(?i){_LABEL}|\b(?:seed|recovery)\s+phrase|\bmnemonic|{_CJK_PASSWORD_WORDS}")

    ENTITY = "PASSWORD"
    PATTERNS = [
        Pattern("password_in_context", _password_after(rf"\b(?:(?:{_PASSWORD_WORDS})\b|pass\s*[:=])"), 0.8),
        *(
            Pattern(f"password_in_context_elsewhere_{n}", _password_after(rf"\b(?:{words})\b"), 0.8)
            for n, words in enumerate(_PASSWORD_WORDS_ELSEWHERE)
        ),
        Pattern(
            "password_after_cjk_label",
            rf"(?<=(?:{_CJK_PASSWORD_WORDS})(?:\s*(?:是|為|为|は|는|은|이)\s*[:：]?|\s*[:：=]|\s)\s*)"
            r"(?=[^\s，。、]*[\d!@#$%^&*_\-+=?])[^\s\"'，。、]{4,63}(?<![，。、,.;:])",
            0.8,
        ),
        # a password of letters only, stated and closing its clause ("the wifi password is
        # marmalade."): never a word that says what a password is like
        Pattern(
            "password_word_stated",
            # (English labels only: the words that say what a password is like are English here)
            r"(?i)(?<=\b(?:password|passwd|pwd|pw|passcode)(?:\s+(?:for|to|of)(?:\s+[^\s:=]+){1,3}?)?"
            r"\s*(?:[:=]|\s(?:is|was)(?:\s+(?:still|now|just))?)\s*[\"']?)"
            rf"(?!(?:{_STATE_WORDS})\b)[A-Za-z]{{6,20}}"
            r"(?=[\"']?\s*(?:$|\n|[.!,;)]|\s+(?:btw|thanks|thx|lol|pls|please|ok|now)\b))",
            0.8,
        ),
        # a passphrase or a wallet's seed phrase is words, not a token: 3 to 24 of them
        Pattern(
            "passphrase_words",
            r"(?i)(?<=\b(?:passphrase|master\s+password|seed\s+phrase|recovery\s+phrase|mnemonic)\s*(?:is\s*)?[:=]\s*[\"']?)"
            r"(?!(?:use|choose|pick|see|ask|set|enter|must|should|at|min|minimum|no|none|not|the|a|an|your|any)\b)"
            r"[a-z]{2,12}(?:[ -][a-z]{2,12}){2,23}(?=[\"']?\s*(?:$|\n|[.,;]))",
            0.8,
        ),
    ]
    CONTEXT = ["password", "pw", "passcode", "login", "credentials"]


# --- A login written as `user / secret` after a service or login word ("vpn: jdoe /
# S3cret!x"): the second token has the shape of a chosen password (letters, a digit and a
# symbol other than a file name's `.`, `-` and `_`; 8+ characters), which prose and paths
# rarely have.
_SECRET_SHAPE = r"(?=[^\s/|]*\d)(?=[^\s/|]*[A-Za-z])(?=[^\s/|]*[^\w\s/|.-])[^\s/|]{8,64}"  # noqa: S105 - a pattern


class LoginPairRecognizer(ConstantPatternRecognizer):
    """The secret of a `user / secret` or `user | secret` pair (the user is not a secret)."""

    PREFILTER = re.compile(r"\S \S*[/|] |(?i:\b(?:creds|credentials|login|user|username|usr)\b)")
    ENTITY = "PASSWORD"
    PATTERNS = [
        Pattern(
            "login_pair",
            r"(?<=[\w.@+-]{2}\s[/|]\s)" + _SECRET_SHAPE + r"(?![^\s,;)])",
            0.6,
        ),
        # "creds: ops-admin Pa55w0rd!23": a user and a secret after a credentials label
        Pattern(
            "labelled_user_secret",
            r"(?i)(?<=\b(?:creds|credentials|login)\b\s*[:=-]\s*[\w.@+-]{2,40}\s+)" + _SECRET_SHAPE + r"(?![^\s,;)])",
            0.6,
        ),
        # after a login or wifi word the secret may lack a symbol ("temp login -> admin / Spring2026")
        Pattern(
            "labelled_login_pair",
            r"(?i)(?<=\b(?:login|logins|creds|credentials|account|wi-?fi|ssid)\b[^\n]{0,40}?[\w.@+-]{2}\s[/|]\s)"
            r"(?=[^\s/|]*\d)(?=[^\s/|]*[A-Za-z])[^\s/|]{6,64}(?![^\s,;)])",
            0.6,
        ),
        # "user jmorris / pass Spring2026!", "username: ops, pw: Winter-77": both labelled
        Pattern(
            "user_then_pass",
            r"(?i)(?<=\b(?:user(?:name)?|usr|login)\s*[:=]?\s*[\w.@+-]{2,40}\s*[/,;|]?\s*(?:pass(?:word)?|pw|pwd)\s*[:=]?\s*)"
            r"(?=[^\s/|]*\d)(?=[^\s/|]*[A-Za-z])[^\s/|]{6,64}(?![^\s,;)])",
            0.8,
        ),
        # after an e-mail address the secret may be a hyphenated passphrase ("Autumn-Leaf-77")
        Pattern(
            "email_login_pair",
            r"(?<=@[\w-]+(?:\.[\w-]+)+\s?[/|]\s?)(?=[^\s/|]*\d)(?=[^\s/|]*[A-Za-z])[^\s/|]{8,64}(?![^\s,;)])",
            0.6,
        ),
    ]
    CONTEXT = ["vpn", "login", "wifi", "user", "username", "account", "creds", "credentials", "admin", "ssh", "server", "db"]


# --- One-time, verification and recovery codes from banks and apps, after their label in
# several languages; the code alone is just a number.
_CODE_LABELS = (
    r"(?:verification|confirmation|security|one[-\s]time|sign[-\s]?in|log[-\s]?in|login|authentication|auth|access"
    r"|2fa|mfa|two[-\s]factor|otp|recovery|backup)\s+(?:pass)?codes?|\botp|\bone[-\s]time\s+pass(?:word|code)"
    r"|(?:recovery|backup)\s+key|\byour\s+(?:[\w&'-]+\s+){0,2}code(?=\s*(?:is\b|:))"
    r"|c(?:ó|o)digo\s+de\s+(?:verificaci(?:ó|o)n|seguridad|confirmaci(?:ó|o)n|acceso|verifica(?:ç|c)(?:ã|a)o|seguran(?:ç|c)a)"
    r"|code\s+de\s+(?:v(?:é|e)rification|confirmation|s(?:é|e)curit(?:é|e))|best(?:ä|ae)tigungscode|verifizierungscode"
    r"|sicherheitscode|einmalcode|codice\s+di\s+(?:verifica|sicurezza|conferma)|verificatiecode|beveiligingscode"
    r"|kod\s+(?:weryfikacyjny|potwierdzaj(?:ą|a)cy)|eng(?:å|a)ngskod|verifieringskod|bekr(?:æ|ae)ftelseskode|engangskode"
    r"|vahvistuskoodi|kertak(?:ä|a)ytt(?:ö|o)koodi|код\s+(?:подтверждения|проверки|для\s+входа)|doğrulama\s+kodu"
    r"|kode\s+(?:verifikasi|otp)|mã\s+(?:xác\s+minh|xác\s+thực|otp)"
)


class OneTimeCodeRecognizer(ConstantPatternRecognizer):
    """A code of 4-8 digits (or a grouped or letter-and-digit code) after an OTP label."""

    PREFILTER = re.compile(
        rf"(?i)(?:{_CODE_LABELS})|\b(?:use|enter)\s+(?:code\s+)?\d{{4,8}}\s+(?:to|as)\b|tan\b|\bcode\b.{{0,100}}\bshare\b"
        r"|\bis\s+(?:your|the)\s+(?:[\w&'-]+\s+){0,3}code\b|" + _CJK_CODE_WORDS
    )
    MIN_DIGITS = 4
    ENTITY = "ONE_TIME_CODE"
    PATTERNS = [
        Pattern(
            "code_after_label",
            rf"(?i)(?<=\b(?:{_CODE_LABELS})\b[^\d\n]{{0,24}})"
            r"(?<![\w-])(?:\d{4,8}|\d{3}[ -]\d{3}|(?=[A-Z0-9-]*\d)[A-Z0-9]{4,5}(?:-[A-Z0-9]{4,5}){1,7})(?![\w-])",
            0.8,
        ),
        # the code first: "Use 739204 as your one-time passcode", "G-482913 is your Google
        # verification code" (a service's name may stand before the label)
        Pattern(
            "code_before_label",
            rf"(?i)(?<![\w-])(?:[A-Z]-)?(?:\d{{4,8}}|\d{{3}}[ -]\d{{3}})(?![\w-])"
            rf"(?=\s+(?:is|as)\s+(?:your|the)\s+(?:[\w&'-]+\s+){{0,3}}(?:{_CODE_LABELS})\b)",
            0.8,
        ),
        # "Use 7731 to sign in to Acme Bank": a code given to sign in or verify with
        Pattern(
            "code_to_sign_in",
            r"(?i)(?<=\b(?:use|enter)\s+(?:code\s+)?)\d{4,8}(?![\w-])(?=\s+(?:to\s+(?:sign|log)\s*in|to\s+verify|to\s+confirm|as\s+your\b))",
            0.8,
        ),
        Pattern(
            "code_after_cjk_label",
            rf"(?<=(?:{_CJK_CODE_WORDS})(?:\s*(?:是|為|为|は|는|은)\s*[:：]?|\s*[:：=]|\s)\s*)\d{{4,8}}(?!\d)",
            0.8,
        ),
        # a bank's transaction number (TAN, mTAN, pushTAN), a few words after its label
        Pattern(
            "bank_tan",
            r"(?<=\b(?:m|push|chip|photo|SMS-?)?TAN\b[^\d\n]{0,40})(?<![\w-])(?:\d{6}|\d{3} \d{3}|\d{2} \d{2} \d{2})(?![\w-])",
            0.8,
        ),
        # "code: 118274. Do not share this code": a code whose message warns against sharing it
        Pattern(
            "code_not_to_share",
            r"(?i)(?<=\bcode\b[^\d\n]{0,12})(?<![\w-])(?:\d{4,8}|\d{3}[ -]\d{3})(?![\w-])"
            r"(?=[^\n]{0,80}\b(?:do\s+not|don't|never)\s+share\b)",
            0.8,
        ),
        # a list of recovery or backup codes, one per line under its label
        Pattern(
            "listed_recovery_code",
            r"(?i)(?<=\b(?:recovery|backup)\s+codes?\b[^\n]{0,40}(?:\n[^\n]{0,40}){0,15}\n[ \t]*(?:\d{1,2}[.)][ \t]*)?)"
            r"(?:\d{4}[ -]\d{4}|(?=[a-z0-9-]*\d)[a-z0-9]{4,5}-[a-z0-9]{4,5})(?=[ \t]*(?:\n|$))",
            0.8,
        ),
    ]
    CONTEXT = ["code", "otp", "verification"]


# --- PEM private key blocks, header to footer (or to the end when truncated).
class PrivateKeyRecognizer(ConstantPatternRecognizer):
    """-----BEGIN ... PRIVATE KEY----- through its END line, or the rest of the text."""

    PREFILTER = re.compile("PRIVATE KEY|PuTTY-User-Key-File")

    ENTITY = "PRIVATE_KEY"
    PATTERNS = [
        Pattern(
            "pem_private_key",
            r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----(?:.*?-----END (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----|.*\Z)",
            1.0,
        ),
        Pattern("putty_key", r"PuTTY-User-Key-File-\d:.*?(?:Private-MAC: \S+|\Z)", 1.0),
    ]


# --- API keys and tokens, using detect-secrets' regex plugins for the formats they know.
# Plugins that are not credentials, or whose patterns flag ordinary text.
_SKIPPED_PLUGINS = {"IPPublicDetector", "BasicAuthDetector"}


def detect_secrets_patterns() -> list[Pattern]:
    """One Presidio pattern per denylist regex of every detect-secrets regex plugin."""
    patterns = []
    for module_info in pkgutil.iter_modules(detect_secrets.plugins.__path__):
        module = importlib.import_module(f"detect_secrets.plugins.{module_info.name}")
        for name, obj in vars(module).items():
            if (
                isinstance(obj, type)
                and issubclass(obj, RegexBasedDetector)
                and obj is not RegexBasedDetector
                and obj.__module__ == module.__name__
                and name not in _SKIPPED_PLUGINS
            ):
                for i, regex in enumerate(obj.denylist):  # type: ignore[arg-type,var-annotated]
                    patterns.append(Pattern(f"{name}_{i}", regex.pattern, 0.9))
    return patterns


class SecretTokenRecognizer(ConstantPatternRecognizer):
    """Cloud, SaaS and CI tokens (AWS, GitHub, Slack, Stripe, OpenAI, JWT, ...) plus bearer tokens."""

    ENTITY = "API_KEY"
    PATTERNS = [
        Pattern("bearer_token", r"(?i)(?<=\bbearer\s)[A-Za-z0-9\-._~+/]{20,}=*", 0.85),
        # AI platform keys: "sk-proj-…", "sk-ant-…", "sk-…"
        Pattern("ai_platform_key", r"(?<![\w-])sk-(?:proj-|ant-(?:api\d{2}-)?|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", 0.9),
        Pattern(
            "assigned_secret",
            r"(?i)(?<=\b(?:api[_-]?key|secret(?:[_-]?key)?|access[_-]?token|auth[_-]?token|client[_-]?secret)"
            r"[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9\-_.+/]{16,}",
            0.85,
        ),
        # Google OAuth refresh tokens: '1//' and a long url-safe tail.
        Pattern("google_refresh_token", r"(?<![\w/])1//0[A-Za-z0-9_-]{30,}", 0.9),
        Pattern("basic_auth_url", r"(?<=://)[^:/?#\s@]+:[^:/?#\s@]+(?=@)", 0.9),
        # a command's basic-auth option: `curl -u admin:Hx7#pQ2m`, `--user name:secret`
        Pattern("basic_auth_option", r"(?<=(?:\s-u|--user)[ =]?[^\s:$]+:)(?![$]\{)[^\s\"']{4,}", 0.85),
        # a token stated in words: "the vault token is hvs.CAESIJ…"
        Pattern(
            "secret_stated",
            r"(?i)(?<=\b(?:token|api[\s_-]?key|secret|access\s+key)\s+(?:is|was)\s+[\"']?)"
            r"(?=[\w.+/-]*\d)(?=[\w.+/-]*[A-Za-z])[A-Za-z0-9\-_.+/]{16,}",
            0.85,
        ),
        # an environment or config assignment of a secret (`DB_PASSWORD=…`, `SMTP_PASS: …`);
        # a reference to another variable (`${DB_PASSWORD}`, `$(cat …)`) is not a secret
        Pattern(
            "secret_assignment",
            r"(?<=\b[A-Z0-9_]*_(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_KEY)[\"']?\s*[:=]\s*[\"']?)"
            r"(?!\$[{(\w])(?!<)(?!(?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*\s*[\[(]|(?:getenv|env|environ|secret|vault)\s*[\[(])"
            r"[^\s\"'$<]{4,}",
            0.85,
        ),
        # a secret printed by a command: `echo $DB_PASSWORD` and, on the next line, its value
        Pattern(
            "secret_printed",
            r"(?<=\b(?:echo|printenv|print)\s+[\"']?\$?\{?[A-Z0-9_]*(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_KEY)[A-Z0-9_]*\}?[\"']?[ \t]*\r?\n)"
            r"[^\s]{4,}",
            0.85,
        ),
        # a secret store read out on a terminal: the value on the line after the command
        Pattern(
            "secret_read_out",
            r"(?<=\b(?:base64\s+(?:-d|--decode)|vault\s+(?:kv\s+)?(?:get|read)|secretsmanager\s+get-secret-value"
            r"|gcloud\s+secrets\s+versions\s+access|kubectl\s+get\s+secrets?)\b[^\n]*\r?\n)[^\s]{6,}",
            0.85,
        ),
        # a long token as a URL's user part (`https://<token>@host`): how tokens ride in git remotes
        Pattern("token_in_url", r"(?<=://)(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{20,}(?=@)", 0.85),
    ]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("patterns", self.PATTERNS + detect_secrets_patterns())
        super().__init__(**kwargs)


CREDENTIALS = (
    PasswordRecognizer,
    LoginPairRecognizer,
    OneTimeCodeRecognizer,
    PrivateKeyRecognizer,
    SecretTokenRecognizer,
)
