"""Template fragments rendered once per key (ssg/fragments.py)."""

from __future__ import annotations

import jinja2

from ssg import fragments
from ssg.fragments import FragmentCache


def environment(templates: dict[str, str]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.DictLoader(templates),
        extensions=[FragmentCache],
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


PAGE = """<p>
{% fragment "nav", section %}
  <nav>{{ section }} {{ counter() }}</nav>
  {% if section == "a" %}
  <b>{{ "<&>" }}</b>
  {% endif %}
{% endfragment %}
</p>
"""


def test_a_fragment_is_rendered_once_per_key_and_is_the_same_text_as_inline() -> None:
    calls: list[int] = []

    def counter() -> int:
        calls.append(1)
        return 7  # the same every time: what a fragment may read

    env = environment(
        {
            "page.html": PAGE,
            "inline.html": PAGE.replace('{% fragment "nav", section %}\n', "").replace(
                "{% endfragment %}\n", ""
            ),
        }
    )
    env.globals["counter"] = counter
    cached = [env.get_template("page.html").render(section=s) for s in ("a", "b", "a", "a", "b")]
    assert len(calls) == 2  # once for "a", once for "b"
    inline = [env.get_template("inline.html").render(section=s) for s in ("a", "b", "a", "a", "b")]
    assert cached == inline
    assert "<b>&lt;&amp;&gt;</b>" in cached[0]  # escaped once, not twice


def test_clearing_renders_again() -> None:
    seen: list[str] = []
    env = environment({"t.html": '{% fragment "x" %}{{ note(value) }}{% endfragment %}'})
    env.globals["note"] = lambda v: seen.append(v) or v
    assert env.get_template("t.html").render(value="first") == "first"
    assert env.get_template("t.html").render(value="second") == "first"  # the key is all it knows
    fragments.clear(env)
    assert env.get_template("t.html").render(value="second") == "second"
    assert seen == ["first", "second"]
