"""Statistical neighbours on figures whose distances can be worked out by hand."""

import math

import pytest

from collegium.neighbours import (
    SchoolFigures,
    distance,
    distances,
    great_circle_km,
    km_between,
    nearest,
    scales_of,
)


def school(id: int, pupils=None, fsm=None, sen=None, phase="primary", lat=None, lon=None):
    return SchoolFigures(id, phase, pupils, fsm, sen, lat, lon)


def test_distance_by_hand():
    a, b = school(1, fsm=20, sen=10), school(2, fsm=50, sen=14)
    # (30 / 10)² + (4 / 5)² = 9 + 0.64
    assert distance(a, b, {"pct_fsm": 10, "pct_sen": 5}) == pytest.approx(math.sqrt(9.64))


def test_size_is_compared_on_a_log_scale():
    a, b = school(1, pupils=100), school(2, pupils=100 * math.e)
    assert distance(a, b, {"size": 0.5}) == pytest.approx(2.0)
    # Twice as big is the same step from 100 to 200 as from 500 to 1000.
    step = distance(school(1, pupils=100), school(2, pupils=200), {"size": 1})
    assert step == pytest.approx(
        distance(school(1, pupils=500), school(2, pupils=1000), {"size": 1})
    )


def test_weights_scale_each_figure():
    a, b = school(1, fsm=0, sen=0), school(2, fsm=10, sen=10)
    weights = {"pct_fsm": 4.0, "pct_sen": 0.0}
    assert distance(a, b, {"pct_fsm": 10, "pct_sen": 10}, weights) == pytest.approx(2.0)


def test_spread_is_the_population_standard_deviation():
    population = [school(i, fsm=v) for i, v in enumerate([10, 20, 30])]
    scales = scales_of(population)
    assert scales == {"pct_fsm": pytest.approx(math.sqrt(200 / 3))}  # no spread of the others


def test_a_figure_without_spread_is_left_out():
    population = [school(1, fsm=10, sen=5), school(2, fsm=30, sen=5)]
    assert set(scales_of(population)) == {"pct_fsm"}


def test_the_obvious_nearest_neighbour_comes_first():
    target = school(1, pupils=230, fsm=27, sen=14)
    twin = school(2, pupils=225, fsm=26, sen=14)
    others = [
        school(3, pupils=900, fsm=5, sen=8),
        school(4, pupils=60, fsm=45, sen=25),
        school(5, pupils=400, fsm=15, sen=10),
    ]
    found = nearest(target, [*others, twin], k=2)
    assert [n.figures.id for n in found] == [2, 5]
    assert found[0].distance < 0.2


def test_other_phases_and_the_school_itself_are_not_neighbours():
    target = school(1, pupils=230, fsm=27, sen=14)
    candidates = [
        target,
        school(2, pupils=230, fsm=27, sen=14, phase="secondary"),
        school(3, pupils=300, fsm=20, sen=12),
        school(4, pupils=200, fsm=30, sen=16),
    ]
    assert {n.figures.id for n in distances(target, candidates)} == {3, 4}


def test_missing_figures_are_handled_explicitly():
    target = school(1, pupils=230, fsm=None, sen=14)  # the target's FSM is not known
    candidates = [
        school(2, pupils=230, fsm=90, sen=14),  # FSM is not compared, so this is a twin
        school(3, pupils=None, fsm=27, sen=14),  # lacks a figure the target has: left out
        school(4, pupils=460, fsm=27, sen=20),
    ]
    found = distances(target, candidates)
    assert [n.figures.id for n in found] == [2, 4]
    assert found[0].distance == 0


def test_nothing_to_compare_gives_no_neighbours():
    target = school(1)
    assert nearest(target, [school(2, pupils=100), school(3, pupils=200)], k=5) == []


def test_ties_are_broken_by_id():
    target = school(5, fsm=20)
    candidates = [school(9, fsm=30), school(2, fsm=10), school(7, fsm=30), school(3, fsm=40)]
    assert [n.figures.id for n in nearest(target, candidates, k=3)] == [2, 7, 9]


def test_given_scales_are_used_instead_of_the_candidates_spread():
    target, other = school(1, fsm=20), school(2, fsm=30)
    assert distances(target, [other], scales={"pct_fsm": 5})[0].distance == pytest.approx(2.0)


def test_great_circle_distance():
    # One degree along a meridian is 2πR / 360.
    assert great_circle_km(52.0, 0.0, 53.0, 0.0) == pytest.approx(111.195, abs=0.001)
    # London to Paris, about 344 km.
    assert great_circle_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=1)
    assert great_circle_km(51.5, -0.1, 51.5, -0.1) == 0


def test_km_between_needs_both_coordinates():
    here, there = school(1, lat=52.0, lon=0.0), school(2, lat=52.0, lon=1.0)
    assert km_between(here, there) == pytest.approx(68.46, abs=0.05)
    assert km_between(here, school(3, lat=52.0)) is None
    found = nearest(school(1, fsm=10, lat=52.0, lon=0.0), [school(2, fsm=20)], 1, {"pct_fsm": 5})
    assert found[0].km is None
