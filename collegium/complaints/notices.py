"""The emails of a complaint: every party hears about every step (sent after the change commits,
collegium.notifications); network admins hear when a stage needs someone assigned."""

from collegium.accounts.models import User
from collegium.complaints.deadlines import day
from collegium.complaints.models import Complaint, Outcome, Stage
from collegium.complaints.parties import handlers_of, network_admins, parties_of
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.reviews.models import JudgementRevision
from collegium.reviews.services.judgements import level_label
from collegium.words import lower_first


def _send(
    people: list[User], complaint: Complaint, subject: str, lines: list[str], event: str
) -> None:
    school = complaint.review.school.name
    link = site_link("complaints:complaint", complaint.pk)
    body = "\n".join([*lines, "", f"The complaint: {link}", "", "Collegium"])
    notify(people, event, subject=f"{subject}: {school}", context={"body": body}, link=link)


def _who_handles(complaint: Complaint, stage: Stage) -> str:
    if stage.number == Stage.Number.RESOLUTION:
        return "The lead reviewer and the cluster coordinator resolve it"
    if stage.handler is None:
        return "A network admin will assign someone with no connection to the review"
    return f"{stage.handler.full_name} handles it"


def raised(complaint: Complaint, stage: Stage) -> None:
    by = complaint.raised_by.full_name if complaint.raised_by else "The school"
    contested = ", ".join(complaint.contested)
    _send(
        parties_of(complaint),
        complaint,
        "Complaint received",
        [
            f"{by} has made a complaint about the {complaint.review} (about: {contested}).",
            "",
            f"It starts at {stage.name}. {_who_handles(complaint, stage)}; "
            f"the outcome is due by {day(stage.due_on)}.",
            "While the complaint is open the review's public summary is not published.",
        ],
        "complaint-received",
    )


def assigned(complaint: Complaint, stage: Stage) -> None:
    _send(
        parties_of(complaint),
        complaint,
        f"Complaint: stage {stage.number} assigned",
        [
            f"{_who_handles(complaint, stage)}: {stage.name} of the complaint about the "
            f"{complaint.review}.",
            f"The outcome is due by {day(stage.due_on)}.",
        ],
        "complaint-assigned",
    )


def decided(complaint: Complaint, stage: Stage, revisions: list[JudgementRevision]) -> None:
    changes = [_change(complaint, revision) for revision in revisions]
    if stage.is_last:
        next_step = "This is the final outcome: the complaint is closed."
    else:
        next_step = (
            f"The school may take the complaint to stage {stage.number + 1} until "
            f"{day(stage.answer_due_on or stage.decided_on or stage.due_on)}, or accept the "
            "outcome, which closes it."
        )
    _send(
        parties_of(complaint),
        complaint,
        f"Complaint outcome at stage {stage.number}",
        [
            f"The outcome of {stage.name} of the complaint about the {complaint.review}: "
            f"{lower_first(Outcome(stage.outcome).label)}.",
            "",
            f"Reasons: {stage.reasons}",
            *(["", "Judgements changed:", *changes] if changes else []),
            "",
            next_step,
        ],
        "complaint-outcome",
    )


def _change(complaint: Complaint, revision: JudgementRevision) -> str:
    version, strand = complaint.review.framework_version, revision.judgement.strand
    old = level_label(version, strand, revision.old_level) or "no level"
    new = level_label(version, strand, revision.new_level) or "no level"
    return f"- {strand}: {old}, now {new}"


def escalated(complaint: Complaint, stage: Stage) -> None:
    _send(
        parties_of(complaint) + network_admins(),
        complaint,
        f"Complaint taken to stage {stage.number}",
        [
            f"The school has taken the complaint about the {complaint.review} to {stage.name}.",
            f"{_who_handles(complaint, stage)}; the outcome is due by {day(stage.due_on)}.",
        ],
        "complaint-escalated",
    )


def closed(complaint: Complaint, stage: Stage) -> None:
    if stage.school_choice == Stage.Choice.ACCEPTED:
        why = f"The school accepted the outcome of stage {stage.number}"
    else:
        why = f"The school did not take the outcome of stage {stage.number} further in time"
    _send(
        parties_of(complaint),
        complaint,
        "Complaint closed",
        [
            f"{why}: the complaint about the {complaint.review} is closed "
            f"({lower_first(Outcome(complaint.outcome).label)}).",
        ],
        "complaint-closed",
    )


def reminder(complaint: Complaint, stage: Stage, due_today: bool) -> list[User]:
    """Remind whoever handles the stage (the network admins while nobody is assigned); the
    people reminded."""
    people = handlers_of(complaint, stage) or network_admins()
    when = "today" if due_today else f"by {day(stage.due_on)}"
    task = "decide its outcome" if handlers_of(complaint, stage) else "assign someone to it"
    _send(
        people,
        complaint,
        f"Complaint outcome due {when}",
        [
            f"The outcome of {stage.name} of the complaint about the {complaint.review} "
            f"is due {when}: please {task}.",
        ],
        "complaint-reminder",
    )
    return people
