"""I2: which schools could help with a support need, and why.

A school is suggested only with evidence of strength in the need's strand (or a strand the
crosswalk maps to it): an agreed judgement at one of the top two levels of the scale (met, for
a met / not met strand) in its latest review judging that strand, the strand named as its area
of excellence, or an open standing offer; and only schools whose leaders use Collegium, who
can answer a request. Suggestions are then ranked by that strength, by how
similar the school is (statistical neighbours, N4) and by how near it is; each comes with its
reasons in words. The order is deterministic: score, then name, then URN.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache as cache_once
from typing import Any

from django.core.cache import cache
from django.db.models import Q

from collegium import access
from collegium.frameworks.models import MET, ScaleLevel, Strand, StrandMapping
from collegium.improvement.models import ActionPlan, SupportNeed
from collegium.improvement.selectors.similar import NeighbourFinder
from collegium.neighbours import SchoolFigures
from collegium.people.models import Role, RoleGrant
from collegium.reviews.models import Findings, Judgement, Review
from collegium.schools.models import Phase, School
from collegium.support.models import StandingOffer, SupportRequest
from collegium.types import Person
from collegium.words import lower_first

AGREED = (Review.Status.AGREED, Review.Status.CLOSED)
SIMILAR = 1.0  # at most one spread away over the figures compared: "similar"
POINTS = {"leading": 3.0, "strong": 2.0, "excellence": 3.0, "offer": 2.0}
NEARBY_KM = 50.0  # a school further than this is not "nearby"
# Suggestions come from within this distance unless the head widens it on the need's page
# (DISTANCES): a constant of the network's code, not a setting, so every school starts alike.
# A school with no place on the map is kept: it may be near.
WITHIN_KM = 50
DISTANCES = (50, 100, 200)  # km the head may choose; None: any distance
# Suggestions for a school and strand are kept this long, and forgotten at once when this
# process sees a change they are made from (signals.py); other processes see it within this.
KEPT_SECONDS = 300
VERSION_KEY = "brokerage:version"


@dataclass
class Suggestion:
    school: School
    score: float = 0.0
    strengths: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    offer: StandingOffer | None = None
    distance: float | None = None
    km: float | None = None
    request: SupportRequest | None = None  # already sent for this need

    @property
    def reasons(self) -> list[str]:
        return self.strengths + self.context


@dataclass
class NeedPanel:
    need: SupportNeed
    suggestions: list[Suggestion]
    requests: list[SupportRequest]

    @property
    def none_nearby(self) -> bool:
        return none_nearby(self.suggestions)

    @property
    def within_km(self) -> int:
        """The distance the plan page's suggestions come from."""
        return WITHIN_KM


def none_nearby(suggestions: Iterable[Suggestion]) -> bool:
    """True when there are suggestions and every one is known to be more than NEARBY_KM away:
    the page then says these are the closest matches, not nearby schools."""
    suggestions = list(suggestions)
    return bool(suggestions) and all(s.km is not None and s.km > NEARBY_KM for s in suggestions)


def matching_strand_ids(strand: Strand) -> set[int]:
    """The strand and every strand the crosswalk maps to it (a mapping counts both ways)."""
    pairs = StrandMapping.objects.filter(Q(from_strand=strand) | Q(to_strand=strand))
    ids = {strand.pk}
    for pair in pairs.values_list("from_strand_id", "to_strand_id"):
        ids |= set(pair)
    return ids


def schools_that_can_answer(school_ids: Iterable[int]) -> set[int]:
    """Schools with a leader in Collegium: a request to any other school would go unanswered."""
    grants = RoleGrant.objects.filter(
        role=Role.SCHOOL_LEADER, school_id__in=list(school_ids), user__is_active=True
    )
    return set(grants.values_list("school_id", flat=True))


def suggest_schools(
    need: SupportNeed,
    limit: int = 5,
    user: Person | None = None,
    within_km: float | None = WITHIN_KM,
) -> list[Suggestion]:
    """The schools that could help with the need within `within_km` (None: any distance),
    best first (at most `limit`). Each carries the latest request sent to it for the need
    that `user` may see (none without a user)."""
    requests = _visible_requests(need, user) if user is not None else []
    finder = NeighbourFinder(need.plan.review.school)
    return _suggest(need, finder, limit, requests, within_km=within_km)


def explain(need: SupportNeed, school: School, user: Person | None = None) -> Suggestion | None:
    """Why one school could help with the need, as a suggestion would say it; None if it
    would not be suggested. Only that school's evidence is read."""
    found = _strengths(need, only=school.pk)
    if school.pk not in found or not schools_that_can_answer([school.pk]):
        return None
    requests = _visible_requests(need, user) if user is not None else []
    finder = NeighbourFinder(need.plan.review.school)
    return _suggest(need, finder, 1, requests, found)[0]


def support_panel(plan: ActionPlan, user: Person | None = None, limit: int = 5) -> list[NeedPanel]:
    """For the plan page: each support need with its suggestions and the requests sent."""
    needs = list(plan.support_needs.select_related("strand"))
    if not needs:
        return []
    # Suggestions name other schools' judgements: only for those who may ask for support.
    suggesting = user is not None and access.can(user, "support.request", plan)
    finder = cache_once(lambda: NeighbourFinder(plan.review.school))  # only if not kept
    sent = _visible_requests(needs, user) if user is not None else []
    by_strand: dict[int, list[Suggestion]] = {}  # suggestions depend on the strand alone
    panels = []
    for need in needs:
        requests = [request for request in sent if request.need_id == need.pk]
        suggestions: list[Suggestion] = []
        if suggesting:
            if need.strand_id not in by_strand:
                by_strand[need.strand_id] = _kept_suggestions(need, finder, limit)
            suggestions = [_copy(s) for s in by_strand[need.strand_id]]
            _attach(suggestions, requests)
        panels.append(NeedPanel(need, suggestions, requests))
    return panels


def _kept_suggestions(
    need: SupportNeed, finder: Callable[[], NeighbourFinder], limit: int
) -> list[Suggestion]:
    """The plan page's suggestions for the need's school and strand, worked out once and kept:
    ranking every candidate takes 70–150 ms at national scale, and a plan page is opened often."""
    version = cache.get(VERSION_KEY, 0)
    key = f"brokerage:{version}:{need.plan.review.school_id}:{need.strand_id}:{limit}:{WITHIN_KM}"
    kept: list[Suggestion] | None = cache.get(key)
    if kept is None:
        kept = _suggest(need, finder(), limit, [], within_km=WITHIN_KM)
        cache.set(key, kept, KEPT_SECONDS)
    return kept


def forget_suggestions() -> None:
    """Called when a judgement, finding, offer, role or register import changes."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or expired
        cache.set(VERSION_KEY, 1, None)


def _copy(suggestion: Suggestion) -> Suggestion:
    return replace(
        suggestion, strengths=list(suggestion.strengths), context=list(suggestion.context)
    )


def _attach(suggestions: list[Suggestion], requests: Iterable[SupportRequest]) -> None:
    """Each suggestion carries the latest request sent to its school (requests oldest first)."""
    by_school = {suggestion.school.pk: suggestion for suggestion in suggestions}
    for request in requests:
        if request.offering_school_id in by_school:
            by_school[request.offering_school_id].request = request


def requests_seen(need: SupportNeed, user: Person) -> list[SupportRequest]:
    """The need's requests the person may see, latest first."""
    found = need.requests.select_related("offering_school", "need__strand")
    return access.visible(user, "support.view", found)


def _visible_requests(needs: SupportNeed | list[SupportNeed], user: Person) -> list[SupportRequest]:
    """The needs' requests the person may see, oldest first, read in one query."""
    needs = needs if isinstance(needs, list) else [needs]
    requests = (
        SupportRequest.objects.filter(need__in=needs)
        .select_related("offering_school", "need__strand", "need__plan__review__school")
        .order_by("sent_at", "pk")
    )
    return access.visible(user, "support.view", requests)


def _suggest(
    need: SupportNeed,
    finder: NeighbourFinder,
    limit: int,
    requests: Iterable[SupportRequest],
    found: dict[int, Suggestion] | None = None,
    within_km: float | None = None,
) -> list[Suggestion]:
    found = _strengths(need) if found is None else found
    answering = schools_that_can_answer(found)
    found = {pk: suggestion for pk, suggestion in found.items() if pk in answering}
    figures = finder.figures(s.school for s in found.values())
    for suggestion in found.values():
        _add_context(suggestion, finder, figures[suggestion.school.pk])
    if within_km is not None:
        found = {pk: s for pk, s in found.items() if s.km is None or s.km <= within_km}
    for request in requests:  # oldest first, so the latest request to a school is kept
        if request.offering_school_id in found:
            found[request.offering_school_id].request = request
    ranked = sorted(found.values(), key=lambda s: (-round(s.score, 9), s.school.name, s.school.pk))
    return ranked[:limit]


def _entry(found: dict[int, Suggestion], school: School) -> Suggestion:
    return found.setdefault(school.pk, Suggestion(school))


def _add_judgements(found: dict[int, Suggestion], strands: set[int], own: int, only: Q) -> None:
    # Every school's latest agreed judgement of the strands is read as plain values (a
    # strand's judgements run to one per reviewed school: thousands across the network), and
    # only the schools strong in it are read as models, in one query.
    rows = (
        Judgement.objects.filter(strand_id__in=strands, review__status__in=AGREED)
        .filter(only, review__school__is_open=True)
        .exclude(review__school_id=own)
        .order_by("review__school_id", "-review__start_date", "-review_id", "strand_id")
        .values_list(
            "review__school_id",
            "review__start_date",
            "review__framework_version_id",
            "strand__title",
            "strand__met_or_not_met",
            "level",
        )
    )
    latest: dict[int, tuple[date, int, str, bool, int | None]] = {}
    for school_id, start_date, version_id, title, met_or_not_met, level in rows:
        latest.setdefault(school_id, (start_date, version_id, title, met_or_not_met, level))
    strong: dict[int, tuple[str, float, str, date]] = {}
    labels: dict[int, dict[int, str]] = {}
    for school_id, (start_date, version_id, title, met_or_not_met, level) in latest.items():
        if level is None:
            continue
        if met_or_not_met:
            if level != MET:
                continue
            label, points = "Met", POINTS["strong"]
        else:
            if level > 2:
                continue
            if version_id not in labels:
                labels[version_id] = _scale_of(version_id)
            label = labels[version_id].get(level, f"level {level}")
            points = POINTS["leading"] if level == 1 else POINTS["strong"]
        strong[school_id] = (label, points, title, start_date)
    schools = School.objects.in_bulk(list(strong))
    for school_id, (label, points, title, start_date) in strong.items():
        suggestion = _entry(found, schools[school_id])
        suggestion.score += points
        suggestion.strengths.append(
            f"Judged {label} for {title} in its review of {start_date:%B %Y}"
        )


def _scale_of(version_id: int) -> dict[int, str]:
    """A framework version's scale by its id, as frameworks.levels.scale_labels gives it."""
    return dict(ScaleLevel.objects.filter(version_id=version_id).values_list("position", "label"))


def _add_excellence(found: dict[int, Suggestion], strands: set[int], own: int, only: Q) -> None:
    findings = (
        Findings.objects.filter(excellence_strand_id__in=strands, review__status__in=AGREED)
        .filter(only, review__school__is_open=True)
        .exclude(review__school_id=own)
        .select_related("excellence_strand", "review__school")
        .order_by("review__school_id", "-review__start_date", "-review_id")
    )
    seen: set[int] = set()
    for finding in findings:
        review = finding.review
        if review.school_id in seen:
            continue
        seen.add(review.school_id)
        suggestion = _entry(found, review.school)
        suggestion.score += POINTS["excellence"]
        strand = finding.excellence_strand
        title = strand.title if strand else "this strand"
        text = f"Area of excellence in {title} in its review of "
        text += f"{review.start_date:%B %Y}"
        if finding.area_of_excellence:
            text += f": {_shorten(finding.area_of_excellence)}"
        suggestion.strengths.append(text)


def _add_offers(found: dict[int, Suggestion], strands: set[int], own: int, only: Q) -> None:
    offers = (
        StandingOffer.objects.filter(strand_id__in=strands, is_open=True, school__is_open=True)
        .filter(only)
        .exclude(school_id=own)
        .select_related("school")
        .order_by("school_id", "pk")
    )
    for offer in offers:
        suggestion = _entry(found, offer.school)
        if suggestion.offer is None:
            suggestion.offer = offer
            suggestion.score += POINTS["offer"]
        days = f" ({days_text(offer.days_available)} available)" if offer.days_available else ""
        suggestion.strengths.append(f"Offers: {_shorten(offer.description)}{days}")


def _add_context(suggestion: Suggestion, finder: NeighbourFinder, other: SchoolFigures) -> None:
    mine = finder.target
    suggestion.distance = finder.distance(other)
    suggestion.km = finder.km(other)
    school = suggestion.school
    if other.phase != mine.phase:
        suggestion.context.append(
            f"A {_phase_name(school.phase)} school (yours is {_phase_name(mine.phase)})"
        )
    elif suggestion.distance is not None:
        suggestion.score += 2.0 / (1.0 + suggestion.distance)
        kind = "Similar school" if suggestion.distance <= SIMILAR else "Less similar intake"
        suggestion.context.append(
            f"{kind}: {_phase_name(school.phase)}, {_figures(other)} (you: {_figures(mine)})"
        )
    else:
        suggestion.context.append(
            f"Same phase ({_phase_name(school.phase)}); its intake cannot be compared with yours"
        )
    if suggestion.km is not None:
        suggestion.score += 1.0 / (1.0 + suggestion.km / 10.0)
        suggestion.context.append(f"{suggestion.km:.1f} km away")


def _figures(figures: SchoolFigures) -> str:
    """Size, % FSM and % SEN, each labelled: "210 pupils, 24% FSM, 12% SEN"."""
    pupils = "pupils not known" if figures.pupils is None else f"{figures.pupils:.0f} pupils"
    fsm = "FSM not known" if figures.pct_fsm is None else f"{figures.pct_fsm:.0f}% FSM"
    sen = "SEN not known" if figures.pct_sen is None else f"{figures.pct_sen:.0f}% SEN"
    return f"{pupils}, {fsm}, {sen}"


def _phase_name(phase: str) -> str:
    return lower_first(str(dict(Phase.choices).get(phase, phase)))


def days_text(days: Any) -> str:
    """A number of days in words: "1 day", "2.5 days", "0 days"."""
    value = f"{Decimal(str(days)):f}"
    value = value.rstrip("0").rstrip(".") if "." in value else value
    return f"{value} day" if value == "1" else f"{value} days"


def _shorten(text: str, length: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _strengths(need: SupportNeed, only: int | None = None) -> dict[int, Suggestion]:
    """Schools with some evidence of strength for the need (not the school itself), by id;
    with `only`, that school's evidence alone is read."""
    found: dict[int, Suggestion] = {}
    strands = matching_strand_ids(need.strand)
    own = need.plan.review.school_id
    reviewed = Q() if only is None else Q(review__school_id=only)
    _add_judgements(found, strands, own, reviewed)
    _add_excellence(found, strands, own, reviewed)
    _add_offers(found, strands, own, Q() if only is None else Q(school_id=only))
    return found


def matching_offer(need: SupportNeed, school: School) -> StandingOffer | None:
    """The school's open offer on the need's strand (or one mapped to it), if it has one."""
    return (
        StandingOffer.objects.filter(
            school=school, is_open=True, strand_id__in=matching_strand_ids(need.strand)
        )
        .order_by("pk")
        .first()
    )
