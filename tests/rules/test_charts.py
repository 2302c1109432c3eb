import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobfair.rules.charts import EMPTY_TEXT, bar_chart, clean, fmt_value, line_chart

NS = {"svg": "http://www.w3.org/2000/svg"}
NO_DB = settings(database=None, deadline=None, max_examples=150)
labels = st.text(max_size=80)
hostile = st.sampled_from(['<script>alert(1)</script>', 'a & b', '"><img src=x onerror=alert(1)>', "]]>",
                           "\x00\x07bell", "Tukang <bangunan>", "&amp;", "'quote'"])
items = st.lists(st.tuples(st.one_of(labels, hostile), st.integers(min_value=0, max_value=10**12)), max_size=20)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter() if el.tag.endswith("text")]


@NO_DB
@given(items, st.one_of(labels, hostile), st.sampled_from(["", "orang", "Rp"]))
def test_bar_chart_is_well_formed_xml_whatever_the_labels(data, title, unit):
    root = parse(bar_chart(data, title=title, unit=unit))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.find("svg:title", NS) is not None and root.find("svg:desc", NS) is not None
    assert len(root.findall("svg:rect[@class='bar']", NS)) == len(data)
    assert not any(el.tag.endswith(("script", "foreignObject", "a", "image")) for el in root.iter())


@NO_DB
@given(items, st.one_of(labels, hostile), st.sampled_from(["", "orang", "Rp"]))
def test_line_chart_is_well_formed_xml_whatever_the_labels(data, title, unit):
    root = parse(line_chart(data, title=title, unit=unit))
    assert len(root.findall("svg:circle[@class='point']", NS)) == len(data)
    assert not any(el.tag.endswith("script") for el in root.iter())


@NO_DB
@given(st.lists(st.tuples(labels, st.integers(min_value=0, max_value=10**9)), min_size=1, max_size=15))
def test_bar_lengths_are_proportional_to_the_values(data):
    bars = parse(bar_chart(data, title="t")).findall("svg:rect[@class='bar']", NS)
    biggest = max(value for _label, value in data)
    longest = max(float(bar.get("width")) for bar in bars)
    for (_label, value), bar in zip(data, bars, strict=True):
        assert int(bar.get("data-value")) == value
        expected = value / biggest * longest if biggest else 0
        assert abs(float(bar.get("width")) - expected) <= 0.1
    if biggest:
        assert longest > 100


@NO_DB
@given(st.lists(st.tuples(labels, st.integers(min_value=0, max_value=10**9)), min_size=2, max_size=24))
def test_line_points_are_higher_for_higher_values(data):
    points = parse(line_chart(data, title="t")).findall("svg:circle[@class='point']", NS)
    ys = [float(p.get("cy")) for p in points]
    for (_a, va), ya in zip(data, ys, strict=True):
        for (_b, vb), yb in zip(data, ys, strict=True):
            if va > vb:
                assert ya <= yb
    xs = [float(p.get("cx")) for p in points]
    assert xs == sorted(xs)


def test_labels_are_escaped_not_interpreted():
    svg = bar_chart([('<script>alert("x")</script>', 3), ("A & B", 1)], title="<b>judul</b>")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "A &amp; B" in svg
    assert 'alert("x")' in " ".join(texts(parse(svg)))


def test_charts_are_deterministic_and_scale_to_the_container():
    data = [("Nelayan", 5), ("Petani", 12)]
    assert bar_chart(data, title="x") == bar_chart(list(data), title="x")
    root = parse(line_chart(data, title="x"))
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 360 ")


def test_empty_charts_say_so():
    for chart in (bar_chart([], title="Kosong"), line_chart([], title="Kosong")):
        assert EMPTY_TEXT in texts(parse(chart))


def test_negative_or_non_integer_values_are_refused():
    with pytest.raises(ValueError):
        bar_chart([("a", -1)], title="x")
    with pytest.raises(ValueError):
        line_chart([("a", 1.5)], title="x")
    with pytest.raises(ValueError):
        bar_chart([("a", True)], title="x")


def test_values_are_formatted_the_indonesian_way():
    assert fmt_value(3_701_508, "Rp") == "Rp3.701.508"
    assert fmt_value(7140, "orang") == "7.140 orang"
    assert fmt_value(5) == "5"
    assert "Rp16.800" in bar_chart([("Jan", 16_800)], title="Biaya", unit="Rp")


def test_long_labels_are_shortened_and_control_characters_dropped():
    assert clean("x" * 100).endswith("…") and len(clean("x" * 100)) == 44
    assert clean("a\x00b\nc") == "ab c"


def test_line_chart_labels_do_not_crowd_a_phone_screen():
    months = [(f"Bulan {i:02d} 2025", i) for i in range(36)]
    labelled = [t for t in texts(parse(line_chart(months, title="t"))) if t.startswith("Bulan")]
    assert labelled[0] == "Bulan 00 20…" and labelled[-1] == "Bulan 35 20…"
    assert len(labelled) <= 5
