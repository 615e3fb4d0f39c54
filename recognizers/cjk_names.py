"""Chinese, Japanese and Korean names in their own scripts, where a name stands.

These scripts write no spaces and no capitals, and the English NER model cannot read
them, so a name is recognised by its surname (the surname lists of Faker's zh_CN, zh_TW,
ja_JP and ko_KR person providers, MIT) in a place where a name stands: a chat speaker
(`王芳: …`), the end of a chat's window title (`Feishu - 王芳`), before an honorific
(`田中さん`, `李老师`, `김민준 님`) or after an `@`. The model's own findings in these
scripts are dropped by `recognizers/filters.py`.
"""

from __future__ import annotations

import importlib
from functools import cache

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_HONORIFICS_HAN = "先生|女士|小姐|老师|老師|经理|經理|同学|同學|主任|医生|醫生|さん|さま|様|氏|くん|君|ちゃん|部長|課長|社長|先輩"
_HONORIFICS_HANGUL = "님|씨|선생님|과장님?|부장님?|대리님?|팀장님?|사원님?"
_LOCALES = ("zh_CN", "zh_TW", "ja_JP", "ko_KR")


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(surnames in Han characters, surnames in Hangul) from Faker's person providers."""
    han: set[str] = set()
    hangul: set[str] = set()
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        names = provider.last_names
        for name in names.keys() if isinstance(names, dict) else names:
            if regex.fullmatch(r"\p{Han}+", name):
                han.add(name)
            elif regex.fullmatch(r"\p{Hangul}+", name):
                hangul.add(name)
    return frozenset(han), frozenset(hangul)


def _alternation(names: frozenset[str]) -> str:
    return "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))


@cache
def _patterns() -> tuple[regex.Pattern, ...]:
    han, hangul = surnames()
    name = rf"(?:(?:{_alternation(han)})[\p{{Han}}々]{{1,3}}|(?:{_alternation(hangul)})\p{{Hangul}}{{1,3}})"
    return (
        # a chat speaker at a line's start
        regex.compile(rf"(?m)^[ \t]*({name})[ \t]*[:：]"),
        # the end of a window title: "Feishu - 王芳", "LINE | 田中太郎"
        regex.compile(rf"[-–|][ \t]*({name})[ \t]*$"),
        # after an @
        regex.compile(rf"@({name})"),
        # before an honorific; the given name may be left out ("田中さん", "王经理")
        regex.compile(rf"((?:{_alternation(han)})[\p{{Han}}々]{{0,2}}?)(?={_HONORIFICS_HAN})"),
        regex.compile(rf"((?:{_alternation(hangul)})\p{{Hangul}}{{0,2}}?)(?=[ \t]?(?:{_HONORIFICS_HANGUL}))"),
    )


_NAME = "CjkNameRecognizer"


class CjkNameRecognizer(EntityRecognizer):
    """Names in Chinese, Japanese or Korean script, by surname and place."""

    ENTITY = "PERSON"
    SCORE = 0.85

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language, name=_NAME)

    def load(self) -> None:
        _patterns()

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if not _CJK.search(text):
            return []
        spans = {(m.start(1), m.end(1)) for pattern in _patterns() for m in pattern.finditer(text) if m.end(1) > m.start(1)}
        return [RecognizerResult(self.ENTITY, a, b, self.SCORE, AnalysisExplanation(_NAME, self.SCORE)) for a, b in sorted(spans)]


def in_cjk_script(span: str) -> bool:
    """Whether a span holds Chinese, Japanese or Korean letters."""
    return _CJK.search(span) is not None
