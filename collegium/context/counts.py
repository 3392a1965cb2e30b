"""D4: census counts per school, academic year and year group, and the off-rolling signal.

No Django. `read_counts` checks every line of an uploaded CSV (every mistake named with its line,
as the pupil file is: `reading.Mistakes`) and returns the rows; `signals` compares each cohort
with itself a year later, for the transitions of `TRANSITIONS`: the share of a cohort that left
is compared with the expected share, worked out from every uploaded school's counts for that
transition (pupils lost / pupils at the start, over all schools), or `DEFAULT_LOSS` when fewer
than `MIN_SCHOOLS` schools give the transition. A school is flagged when its cohort shrank by at
least 5 pupils and at least 5 percentage points more than expected (both beyond what was
expected). The funnel's limits are binomial around the expected share: the losses of a cohort of
n with no excess leaving are Binomial(n, p), and the 95 % and 99.8 % limits are its 2.5 % and
97.5 % (0.1 % and 99.9 %) quantiles as shares of n. Worded as a question, never a verdict.
"""

import csv
import io
import math
import re
from dataclasses import dataclass

import numpy as np

from collegium.context.reading import FileMistakes, Mistakes, _listed, _shown

TRANSITIONS = ((5, 6), (7, 8), (8, 9), (9, 10), (10, 11))
MIN_SCHOOLS = 20  # fewer schools than this give the transition: DEFAULT_LOSS is expected
# When too few schools are uploaded: cohorts usually change little between years; 1 % is a
# cautious assumption, not a DfE figure (docs/decisions/0018-pupil-files.md).
DEFAULT_LOSS = 0.01
EXCESS_PUPILS = 5
EXCESS_SHARE = 0.05
MAX_PUPILS = 2000
YEAR = re.compile(r"^(\d{4})/(\d{2})$")
COLUMNS = ("urn", "academic_year", "year_group", "pupils")
TEMPLATE = (
    "urn,academic_year,year_group,pupils\r\n100000,2023/24,10,182\r\n100000,2024/25,11,176\r\n"
)

Key = tuple[int, int, int]  # urn, year (the calendar year the academic year ends in), group


def read_counts(content: bytes, *, urn_required: bool) -> dict[Key, int]:
    """{(urn or 0, year, year group): pupils}; FileMistakes names every line that is wrong."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileMistakes(["The file must be a CSV file saved as UTF-8"]) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise FileMistakes(["The file is empty"])
    names = [name.strip().lower() for name in rows[0]]
    wanted = [c for c in COLUMNS if c != "urn" or urn_required]
    missing = [c for c in wanted if c not in names]
    unknown = [n or "(no name)" for n in names if n not in COLUMNS]
    if missing or unknown:
        problems = [f"The header must have the columns {_listed(missing)}"] if missing else []
        if unknown:
            problems.append(f"The file has columns Collegium does not read: {_listed(unknown)}")
        raise FileMistakes(problems)
    lines = [number + 2 for number, row in enumerate(rows[1:]) if any(c.strip() for c in row)]
    body = [row for row in rows[1:] if any(c.strip() for c in row)]
    mistakes = Mistakes(np.asarray(lines, dtype=np.int64))
    found: dict[Key, int] = {}
    for index, row in enumerate(body):
        key, pupils = _row(
            dict(zip(names, row, strict=False)), len(row) == len(names), index, mistakes
        )
        if key is not None and pupils is not None:
            if key in found:
                mistakes.add(
                    index, "this school, year and year group is already on an earlier line"
                )
            found[key] = pupils
    if not body:
        raise FileMistakes(["The file has a header but no counts"])
    mistakes.raise_any()
    return found


def _row(
    cells: dict[str, str], full: bool, index: int, mistakes: Mistakes
) -> tuple[Key | None, int | None]:
    if not full:
        mistakes.add(index, f"the line must have {len(cells)} values, one per column")
        return None, None
    urn = _whole(cells.get("urn", "0") or "", 0, 999_999)
    if urn is None or ("urn" in cells and urn < 100_000):
        mistakes.add(index, f"URN must be 6 digits, not {_shown(cells.get('urn', ''))}")
    matched = YEAR.match(cells["academic_year"].strip())
    year = (
        int(matched[1]) + 1 if matched and (int(matched[1]) + 1) % 100 == int(matched[2]) else None
    )
    if year is None:
        mistakes.add(
            index,
            f"the academic year must be written like 2024/25, not {_shown(cells['academic_year'])}",
        )
    group = _whole(cells["year_group"], 1, 13)
    if group is None:
        mistakes.add(
            index,
            "the year group must be a whole number from 1 to 13, not "
            + _shown(cells["year_group"]),
        )
    pupils = _whole(cells["pupils"], 0, MAX_PUPILS)
    if pupils is None:
        mistakes.add(
            index,
            f"pupils must be a whole number from 0 to {MAX_PUPILS:,}, not "
            + _shown(cells["pupils"]),
        )
    if None in (urn, year, group, pupils):
        return None, None
    return (urn or 0, year or 0, group or 0), pupils  # fmt: skip


def _whole(value: str, low: int, high: int) -> int | None:
    value = value.strip()
    if not value.isdigit():
        return None
    number = int(value)
    return number if low <= number <= high else None


@dataclass(frozen=True)
class Change:
    """One cohort followed for a year: `before` pupils in `group` in `year` - 1, `after` in
    `group` + 1 in `year`."""

    urn: int
    year: int
    group: int
    before: int
    after: int

    @property
    def lost(self) -> int:
        return self.before - self.after

    @property
    def share_lost(self) -> float:
        return self.lost / self.before if self.before else 0.0


@dataclass(frozen=True)
class Signal:
    change: Change
    expected: float  # the share of the cohort expected to leave
    expected_from: int  # schools the expected share was worked out from; 0: DEFAULT_LOSS
    limit_95: float  # upper limits of the share lost, for a cohort of this size
    limit_998: float
    flagged: bool

    @property
    def question(self) -> str:
        c = self.change
        words = (
            "more than schools usually lose" if self.flagged else "about what schools usually lose"
        )
        fewer = (
            f"{c.lost} fewer pupil{'s' if c.lost != 1 else ''}" if c.lost > 0 else "no fewer pupils"
        )
        text = f"Year {c.group + 1} had {fewer} than Year {c.group} did a year earlier, {words}."
        return text + (" The team may want to ask why." if self.flagged else "")


def changes(counts: dict[Key, int]) -> list[Change]:
    """Every cohort followed from one year group to the next a year later."""
    found = []
    for (urn, year, group), before in counts.items():
        after = counts.get((urn, year + 1, group + 1))
        if after is not None and (group, group + 1) in TRANSITIONS and before > 0:
            found.append(Change(urn, year + 1, group, before, after))
    return sorted(found, key=lambda c: (c.urn, c.year, c.group))


def expected_losses(all_changes: list[Change]) -> dict[tuple[int, int], tuple[float, int]]:
    """{(year, group): (expected share lost, schools it is worked out from)}."""
    pooled: dict[tuple[int, int], list[int]] = {}
    for c in all_changes:
        sums = pooled.setdefault((c.year, c.group), [0, 0, 0])
        sums[0] += c.lost
        sums[1] += c.before
        sums[2] += 1
    return {
        key: (max(lost / before, 0.0), schools) if schools >= MIN_SCHOOLS else (DEFAULT_LOSS, 0)
        for key, (lost, before, schools) in pooled.items()
    }


def signals(all_changes: list[Change]) -> list[Signal]:
    expected = expected_losses(all_changes)
    return [signal(c, *expected[(c.year, c.group)]) for c in all_changes]


def signal(change: Change, expected: float, schools: int) -> Signal:
    n = change.before
    beyond = change.lost - expected * n
    flagged = beyond >= EXCESS_PUPILS and change.share_lost - expected >= EXCESS_SHARE
    return Signal(
        change,
        expected,
        schools,
        upper_limit(n, expected, 0.95),
        upper_limit(n, expected, 0.998),
        flagged,
    )


def upper_limit(n: int, p: float, level: float) -> float:
    """The share of n that Binomial(n, p) losses exceed with probability at most (1 - level)/2:
    the upper funnel limit."""
    return binomial_quantile(n, p, 1 - (1 - level) / 2) / n


def lower_limit(n: int, p: float, level: float) -> float:
    return binomial_quantile(n, p, (1 - level) / 2) / n


def binomial_quantile(n: int, p: float, q: float) -> int:
    """The smallest k with P(X <= k) >= q for X ~ Binomial(n, p)."""
    if p <= 0:
        return 0
    if p >= 1:
        return n
    total = 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    for k in range(n + 1):
        total += math.exp(
            math.lgamma(n + 1)
            - math.lgamma(k + 1)
            - math.lgamma(n - k + 1)
            + k * log_p
            + (n - k) * log_q
        )
        if total >= q - 1e-12:
            return k
    return n
