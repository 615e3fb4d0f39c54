import pytest

from recognizers.credentials import PasswordRecognizer
from tests.recognizers.helpers import assert_spans

CASES = [
    ("my password is Hunter2!x", ["Hunter2!x"], (0.8, 0.8)),
    ("password: s3cr3t-99", ["s3cr3t-99"], (0.8, 0.8)),
    ("pw=abc123xyz", ["abc123xyz"], (0.8, 0.8)),
    ("wifi key is Maple1036@, thanks", ["Maple1036@"], (0.8, 0.8)),
    ("the password policy requires 12 characters", [], (0, 1)),
    ("reset password for everyone", [], (0, 1)),
    ("Your password is expired", [], (0, 1)),
]


@pytest.mark.parametrize("text,expected,scores", CASES)
def test_password(text, expected, scores):
    assert_spans(PasswordRecognizer(), text, expected, scores)


MULTILINGUAL_CASES = [
    ("mein Passwort ist Kiefer77!wald", ["Kiefer77!wald"]),
    ("la contraseña es Ladera#4410", ["Ladera#4410"]),
    ("mot de passe : Brume2027!", ["Brume2027!"]),
    ("pass: Quill-9932x", ["Quill-9932x"]),
    ("a senha é Sol9!mar", ["Sol9!mar"]),
    ("a senha do wifi é Mar2026sol", ["Mar2026sol"]),
    ("la password è Gatto!771", ["Gatto!771"]),
    ("hasło do routera to Zima#2027", ["Zima#2027"]),
    # Cyrillic and Turkish labels; Chinese, Japanese and Korean ones with their particles
    ("пароль от сервера: Vesna#2031", ["Vesna#2031"]),
    ("wifi şifre: Deniz_4471", ["Deniz_4471"]),
    ("测试服务器的密码是 Lm7#qz2Pw，别外传", ["Lm7#qz2Pw"]),
    ("共有サーバーのパスワードは Fuji2029! です", ["Fuji2029!"]),
    ("와이파이 비밀번호: Bada88!x", ["Bada88!x"]),
    ("密码策略：至少12位，包含数字和符号", []),
    # letters only, when stated and closing the clause; never a word about the password
    ("the guest wifi password is marmalade.", ["marmalade"]),
    ("pw: Bluefalcon thanks", ["Bluefalcon"]),
    ("the password is expired.", []),
    ("the password is required for login", []),
    ("Password: incorrect", []),
    ("DB_PASSWORD=${DB_PASSWORD}", []),
    ("set the password field to required", []),
    # the label may name what the password is for before the value
    ("Passwort für den Buildserver: Tanne#5521", ["Tanne#5521"]),
    ("la contraseña del wifi es Nube2027x", ["Nube2027x"]),
    ("the password for the staging box is Quarz-8812", ["Quarz-8812"]),
    ("Passwort für den Server ist abgelaufen", []),
    ("the password for the staging box is on the wiki", []),
    # a JSON or YAML key, and the codes that open doors and alarms
    ('{"user": "svc_backup", "password": "Kq8#vLz2!p"}', ["Kq8#vLz2!p"]),
    ('{"password": "${DB_PASSWORD}"}', []),
    ("door code is 4471#", ["4471#"]),
    ("the door code policy changes in May", []),
    # a passphrase or seed phrase is words
    ("master password: copper lantern orbit meadow", ["copper lantern orbit meadow"]),
    ("seed phrase: ridge velvet oyster canal hollow frost", ["ridge velvet oyster canal hollow frost"]),
    ("passphrase: choose four random words you can remember", []),
]


@pytest.mark.parametrize("text,expected", MULTILINGUAL_CASES)
def test_password_in_other_languages(text, expected):
    assert_spans(PasswordRecognizer(), text, expected, (0.8, 0.8))
