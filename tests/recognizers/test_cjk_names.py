"""Names in Chinese, Japanese and Korean script; our own sentences."""

import pytest

from recognizers.cjk_names import CjkNameRecognizer, surnames
from recognizers.filters import plausible
from tests.recognizers.helpers import assert_spans


def test_the_surnames_come_from_fakers_lists():
    han, hangul = surnames()
    assert {"王", "陳", "佐藤"} <= han and {"김", "박"} <= hangul


@pytest.mark.parametrize(
    "text,expected",
    [
        # a chat speaker, a window title's end, an @ and an honorific
        ("赵丽: 周五的发布推迟到下周一", ["赵丽"]),
        ("DingTalk - 陈建华", ["陈建华"]),
        ("@刘洋 请看一下这个合并请求", ["刘洋"]),
        ("佐藤さん、資料を送りました", ["佐藤"]),
        ("请把报告发给周经理", ["周"]),
        ("박서연 님, 회의실이 바뀌었습니다", ["박서연"]),
        # a surname character inside ordinary words, where no name stands
        ("周末我们加班完成迁移", []),
        ("高可用架构的设计原则", []),
        ("이번 주 목표: 로그인 오류 수정", []),
        ("no CJK at all: Hi Marta", []),
    ],
)
def test_cjk_names_where_a_name_stands(text, expected):
    assert_spans(CjkNameRecognizer(), text, expected)


def test_the_english_models_findings_in_these_scripts_are_dropped():
    text = "密码策略：至少12位"
    assert not plausible(text, 0, 4, "PERSON", "SpacyNerRecognizer")
    assert plausible("赵丽: 好的", 0, 2, "PERSON", "CjkNameRecognizer")
