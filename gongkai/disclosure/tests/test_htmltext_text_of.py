"""htmltext.text_of: the text of a body without the map back into the HTML (search indexing, the
import's personal-data scan) — always the text text_with_positions gives."""

import random

import pytest

from gongkai.disclosure.htmltext import text_of, text_with_positions


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "正文",
        "<p>当事人：张三</p><p>电话：13800138000</p>",
        "<h2>标题</h2><ul><li>一</li><li>二</li></ul><table><tr><td>甲</td><td>乙</td></tr></table>",
        "第一行<br>第二行<br/>第三行<BR />第四行</DIV ></blockquote>",
        # entities: known ones are one character, unknown ones and a lone & stay as written
        "A&amp;B &lt;5&gt; &#65;&#x4e2d; &nbsp;| &foo; &amp &#; & 1 &notin; &NotEqualTilde;",
        # a "<" that no ">" closes is dropped; a ">" alone is text
        "1 < 2 and 3 > 2",
        "<a href='x>y'>链接</a> <!-- 注释 --> <p class=\"a\">段落</p>",
        "\n\n<p>\n换行\n</p>\n",
    ],
)
def test_text_of_is_the_text_of_text_with_positions(markup):
    assert text_of(markup) == text_with_positions(markup)[0]


def test_text_of_random_markup():
    pieces = [
        "<p>", "</p>", "<br>", "<br/>", "</li>", "</h3>", "</tr>", "</table>", "<div>", "</div >", "<b>", "</b>",
        "&amp;", "&lt;", "&#65;", "&#x4e2d;", "&nbsp;", "&foo;", "&", "&#0;", "&#x110000;", "<", ">", "<a href='x>y'>",
        "<!-- c -->", "a", "中文", "\n", " ", "\u3000",
    ]
    rng = random.Random(6)
    for _ in range(5000):
        markup = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 30)))
        assert text_of(markup) == text_with_positions(markup)[0], markup
