"""The generator of known-truth data: seeded, and shaped as the tests and benchmark assume."""

import numpy as np

from collegium.reliability.generate import generate_quality_data


def test_same_seed_same_data_other_seed_other_data():
    first = generate_quality_data(n_reviewers=40, n_reviews=50, seed=1)
    again = generate_quality_data(n_reviewers=40, n_reviews=50, seed=1)
    other = generate_quality_data(n_reviewers=40, n_reviews=50, seed=2)
    assert first.ratings.equals(again.ratings)
    assert not first.ratings.equals(other.ratings)


def test_teams_strands_packs_and_scale():
    data = generate_quality_data(
        n_reviewers=60, n_reviews=50, n_strands=8, n_areas=2, n_packs=2, pack_graders=30, seed=3
    )
    live = data.ratings[data.ratings["source"] == "live"]
    team = live.groupby("school")["reviewer"].nunique()
    assert team.between(3, 5).all()
    assert (live.groupby(["school", "reviewer"]).size() == 8).all()
    packs = data.ratings[data.ratings["source"] == "calibration"]
    assert packs.groupby("school")["reviewer"].nunique().tolist() == [30, 30]
    assert set(data.ratings["value"]) <= {1, 2, 3, 4}
    assert set(data.ratings["area"]) == {0, 1}
    assert len(data.severity) == 60 and len(data.school_effect) == 52
    assert len(data.judgements) == 50 * 2


def test_injected_bias_lowers_judgements_of_disadvantaged_schools():
    fair = generate_quality_data(n_reviewers=100, n_reviews=400, fsm_bias=0.0, seed=4)
    biased = generate_quality_data(n_reviewers=100, n_reviews=400, fsm_bias=0.4, seed=4)

    def gap(data):  # mean judgement, quintile 1 minus quintile 5
        merged = data.judgements.merge(data.schools, on="school")
        means = merged.groupby("fsm_quintile")["judgement"].mean()
        return means[1] - means[5]

    assert gap(biased) > gap(fair) + 0.5
    assert np.isfinite(gap(fair))
