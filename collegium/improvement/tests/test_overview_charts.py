"""The network's charts are SVG with their labels kept as text, drawn once per change of data."""

from django.core.cache import cache

from collegium.improvement import charts


def test_bar_chart_keeps_strand_labels_and_counts_as_text():
    svg = charts.draw_bars([("A2S1 Catch-up in reading", 3), ("L2 Curriculum", 1)], "Priorities")
    assert svg.startswith("<svg") and 'width="100%"' in svg
    assert "A2S1 Catch-up in reading" in svg and "L2 Curriculum" in svg
    assert "Priorities" in svg


def test_given_and_received_chart_names_each_school_and_the_key():
    svg = charts.draw_given_received(
        [("Ash Primary School", 0.0, 4.5), ("Beech Primary School", 3.5, 0.5)], "Days of support"
    )
    assert svg.startswith("<svg")
    for text in ("Ash Primary School", "Beech Primary School", "Given", "Received", "4.5"):
        assert text in svg


def test_a_chart_is_drawn_once_for_the_same_data(monkeypatch):
    cache.clear()
    calls = []
    draw = charts.DRAWERS["bars"]

    def counting_draw(rows, **options):
        calls.append(rows)
        return draw(rows, **options)

    monkeypatch.setitem(charts.DRAWERS, "bars", counting_draw)
    rows = [("Unique strand for the cache test", 7)]
    first = charts.chart("bars", rows, xlabel="Priorities")
    second = charts.chart("bars", rows, xlabel="Priorities")
    assert first == second and len(calls) == 1
    charts.chart("bars", [("Unique strand for the cache test", 8)], xlabel="Priorities")
    assert len(calls) == 2


def test_a_long_label_is_wrapped_onto_two_lines_not_cut_short():
    label = "DS2 Outcomes for disadvantaged pupils and pupils with special educational needs"
    lines = charts.label_lines(label)
    assert len(lines) == 2 and " ".join(lines) == label
    svg = charts.draw_bars([(label, 3)], "Priorities")
    assert "…" not in svg
    assert "special educational needs" in svg
