"""What the audit trail says happened: one constant for each change a service records.

Every `record_change` call passes one of these (tests/test_audit_verbs.py rejects a raw string).
One form throughout: the thing, then what happened to it, in the past tense and sentence case.
Events stored before this vocabulary keep their text; `shown` words them the same way.
"""

# Register and people
SCHOOL_DETAILS_CHANGED = "School details changed"
SCHOOL_ADDED = "School added"
REGISTER_IMPORT_STARTED = "Register import started"
REGISTER_IMPORT_FINISHED = "Register import finished"
REGISTER_IMPORT_FAILED = "Register import failed"
PERSON_ADDED = "Person added"
PERSON_SUSPENDED = "Person suspended"
PERSON_RESTORED = "Person restored"
PERSON_ERASED = "Person erased"
PERSON_DATA_PRODUCED = "Person's data produced"
RETENTION_PERIODS_CHANGED = "Retention periods changed"
RETENTION_DRY_RUN_MADE = "Retention dry run completed"
EXPIRED_RECORDS_REMOVED = "Records past their retention period removed"
ROLE_GRANTED = "Role granted"
ROLE_REVOKED = "Role revoked"
REVIEWER_REGISTERED = "Reviewer registered"
REVIEWER_INVITED = "Reviewer invited"
REVIEWER_PROFILE_CHANGED = "Reviewer profile changed"
TRAINING_ADDED = "Training added"
TRAINING_REMOVED = "Training removed"
AVAILABLE_WEEKS_CHANGED = "Available weeks changed"
BLACKOUT_ADDED = "Unavailable dates added"
BLACKOUT_REMOVED = "Unavailable dates removed"
CONFLICT_DECLARED = "Conflict of interest declared"
CONFLICT_WITHDRAWN = "Conflict of interest withdrawn"
FORMER_EMPLOYMENT_ADDED = "Former employment added"
FORMER_EMPLOYMENT_REMOVED = "Former employment removed"
PAST_REVIEW_ADDED = "Past review added"
PAST_REVIEW_REMOVED = "Past review removed"
DAYS_APPROVED = "Review days approved"
APPROVED_DAYS_WITHDRAWN = "Review days approval withdrawn"
ACCREDITATION_GRANTED = "Accreditation granted"
ACCREDITATION_REVOKED = "Accreditation revoked"

# Clusters
CLUSTER_CREATED = "Cluster created"
SCHOOL_INVITED = "School invited"
INVITATION_ACCEPTED = "Invitation accepted"
INVITATION_DECLINED = "Invitation declined"
SCHOOL_REMOVED = "School removed"
MOU_PUBLISHED = "Memorandum of understanding published"
MOU_TEMPLATE_CHANGED = "Memorandum template changed"
MOU_SIGNED = "Memorandum of understanding signed"

# Frameworks
FRAMEWORK_CREATED = "Framework created"
VERSION_CREATED = "Framework version created"
VERSION_IMPORTED = "Framework version imported"
VERSION_PUBLISHED = "Framework version published"
STRANDS_MAPPED = "Strands mapped"
STRANDS_UNMAPPED = "Strand mapping removed"
SCALE_LEVEL_ADDED = "Scale level added"
SCALE_LEVEL_CHANGED = "Scale level changed"
SCALE_LEVEL_REMOVED = "Scale level removed"
AREA_ADDED = "Area added"
AREA_CHANGED = "Area changed"
AREA_REMOVED = "Area removed"
STRAND_ADDED = "Strand added"
STRAND_CHANGED = "Strand changed"
STRAND_REMOVED = "Strand removed"
DESCRIPTOR_ADDED = "Descriptor added"
DESCRIPTOR_CHANGED = "Descriptor changed"
DESCRIPTOR_REMOVED = "Descriptor removed"

# Self-evaluation
SELF_EVALUATION_STARTED = "Self-evaluation started"
STRAND_EVALUATION_SAVED = "Strand evaluation saved"
SELF_EVALUATION_SUBMITTED = "Self-evaluation submitted"

# Reviews: planning
REVIEW_SCHEDULED = "Review scheduled"
REVIEW_MOVED = "Review moved"
REVIEW_FOCUS_SET = "Focus, nominee and activity limit set"
TEAM_MEMBER_ADDED = "Team member added"
TEAM_MEMBER_REMOVED = "Team member removed"
TEAM_PLACE_LOCKED = "Team place locked"
TEAM_PLACE_UNLOCKED = "Team place unlocked"
ACTIVITY_ADDED = "Timetable activity added"
ACTIVITY_CHANGED = "Timetable activity changed"
ACTIVITY_REMOVED = "Timetable activity removed"

# Reviews: the visit and its status
VISIT_STARTED = "Review visit started"
JUDGEMENTS_AGREED = "Review judgements agreed"
REVIEW_CLOSED = "Review closed"
REVIEW_CANCELLED = "Review cancelled"
EVIDENCE_RECORDED = "Evidence recorded"
EVIDENCE_CHANGED = "Evidence changed"
CONCERN_RAISED = "Concern raised"
CONCERN_ANSWERED = "Concern answered"
JUDGEMENT_PROPOSED = "Judgement proposed"
JUDGEMENT_AGREED = "Judgement agreed"
FINDINGS_AGREED = "Findings agreed"
JUDGEMENT_REVISED = "Judgement changed after agreement"

# Reports
REPORT_DRAFT_SAVED = "Report draft saved"
REPORT_SENT = "Report sent for factual accuracy check"
FACTUAL_ACCURACY_CHECKED = "Factual accuracy check completed"
ACCURACY_COMMENT_ADDED = "Factual accuracy comment added"
ACCURACY_COMMENT_WITHDRAWN = "Factual accuracy comment withdrawn"
ACCURACY_COMMENT_ANSWERED = "Factual accuracy comment answered"
SUMMARY_AGREED = "Report summary agreed"
REPORT_RETURNED = "Report returned to draft"
REPORT_FINALISED = "Report finalised"
SUMMARY_PUBLISHED = "Report summary published"
REPORT_SHARING_CHANGED = "Report sharing changed"

# Allocations
ALLOCATION_RUN_STARTED = "Allocation run started"
OPTIMISER_STARTED = "Optimiser started"
TEAMS_PROPOSED = "Teams proposed"
ALLOCATION_RUN_FAILED = "Allocation run failed"
ALLOCATION_RUN_REOPTIMISED = "Allocation run re-optimised"
ALLOCATION_RUN_ACCEPTED = "Allocation run accepted"
PROPOSED_PLACE_LOCKED = "Place in the proposal locked"
PROPOSED_PLACE_UNLOCKED = "Place in the proposal unlocked"
PROPOSED_PLACE_REMOVED = "Place in the proposal removed"
PROPOSED_PLACE_SWAPPED = "Place in the proposal swapped"
REVIEWER_PREFERENCES_SAVED = "Reviewer preferences saved"
PLACE_REQUEST_SENT = "Place request sent to the reviewer"
PLACE_CONFIRMED = "Place confirmed by the reviewer"
PLACE_DECLINED = "Place declined by the reviewer"
PLACE_REQUEST_TIMED_OUT = "Place request timed out"

# Quality
MODERATION_SETTINGS_CHANGED = "Moderation settings changed"
MODERATION_SAMPLE_DRAWN = "Moderation sample drawn"
LATE_REVIEWS_DRAWN = "Late reviews drawn for moderation"
MODERATION_STARTED = "Moderation started"
STRAND_LEVEL_CONFIRMED = "Strand level confirmed"
STRAND_LEVEL_ADJUSTED = "Strand level adjusted"
MODERATION_COMPLETED = "Moderation completed"
SURVEY_ANSWERED = "Survey answered"

# Calibration
CALIBRATION_CREATED = "Calibration exercise created"
CALIBRATION_OPENED = "Calibration exercise opened"
CALIBRATION_CLOSED = "Calibration exercise closed"
CALIBRATION_ITEM_ADDED = "Calibration item added"
CALIBRATION_ITEM_CHANGED = "Calibration item changed"
CALIBRATION_ITEM_REMOVED = "Calibration item removed"
CALIBRATION_INVITATION_SENT = "Calibration invitation sent"
CALIBRATION_GRADES_SUBMITTED = "Calibration grades submitted"
CALIBRATION_SESSION_SET = "Calibration session set"
CALIBRATION_SESSION_REMOVED = "Calibration session removed"
CALIBRATION_INVITATION_WITHDRAWN = "Calibration invitation withdrawn"

# Improvement
WORKSHOP_SCHEDULED = "Workshop scheduled"
WORKSHOP_MOVED = "Workshop moved"
WORKSHOP_RECORDED = "Workshop recorded"
ACTION_PLAN_STARTED = "Action plan started"
ACTION_PLAN_AGREED = "Action plan agreed"
ACTION_PLAN_COMPLETED = "Action plan completed"
ACTION_ADDED = "Action added"
ACTION_CHANGED = "Action changed"
ACTION_REMOVED = "Action removed"
MILESTONE_ADDED = "Milestone added"
MILESTONE_CHANGED = "Milestone changed"
MILESTONE_REMOVED = "Milestone removed"
SUCCESS_MEASURE_ADDED = "Success measure added"
SUCCESS_MEASURE_CHANGED = "Success measure changed"
SUCCESS_MEASURE_REMOVED = "Success measure removed"
SUPPORT_NEED_ADDED = "Support need added"
SUPPORT_NEED_CHANGED = "Support need changed"
SUPPORT_NEED_REMOVED = "Support need removed"
MILESTONE_CHECKED_IN = "Milestone check-in recorded"
MEASURE_READING_RECORDED = "Success measure reading recorded"
PRIORITY_OUTCOME_RECORDED = "Priority outcome recorded"
OVERDUE_REMINDER_SENT = "Overdue reminder sent"
SUPPORT_REQUEST_SENT = "Support request sent"
SUPPORT_REQUEST_ACCEPTED = "Support request accepted"
SUPPORT_REQUEST_DECLINED = "Support request declined"
SUPPORT_REQUEST_WITHDRAWN = "Support request withdrawn"
SUPPORT_GIVEN_RECORDED = "Support given recorded"
SUPPORT_OFFERED = "Support offered"
SUPPORT_OFFER_WITHDRAWN = "Support offer withdrawn"

# School terms
TERM_DATES_ADDED = "Term dates added"
TERM_DATES_CHANGED = "Term dates changed"

# Complaints
COMPLAINT_RAISED = "Complaint raised"
COMPLAINT_HANDLER_ASSIGNED = "Complaint stage handler assigned"
COMPLAINT_STAGE_DECIDED = "Complaint stage decided"
COMPLAINT_ESCALATED = "Complaint escalated"
COMPLAINT_OUTCOME_ACCEPTED = "Complaint outcome accepted"
COMPLAINT_LAPSED = "Complaint closed when not taken further in time"
COMPLAINT_REMINDER_SENT = "Complaint deadline reminder sent"

# Context data (D2)
PUPIL_FILE_UPLOADED = "Pupil file uploaded"
CENSUS_COUNTS_UPLOADED = "Census counts uploaded"

# Safeguarding (G1)
AUDIT_TEMPLATE_CREATED = "Safeguarding audit template created"
AUDIT_TEMPLATE_VERSION_CREATED = "Safeguarding audit template version created"
AUDIT_TEMPLATE_VERSION_IMPORTED = "Safeguarding audit template version imported"
AUDIT_TEMPLATE_VERSION_PUBLISHED = "Safeguarding audit template version published"
SAFEGUARDING_AUDIT_STARTED = "Safeguarding audit started"
SAFEGUARDING_ITEM_RATED = "Safeguarding audit item rated"
SAFEGUARDING_ACTION_ADDED = "Safeguarding action added"
SAFEGUARDING_ACTION_CHANGED = "Safeguarding action changed"
SAFEGUARDING_ACTION_CARRIED = "Safeguarding action carried forward"
SAFEGUARDING_AUDIT_SUBMITTED = "Safeguarding audit submitted"
SAFEGUARDING_BOARD_REVIEW_RECORDED = "Safeguarding audit reviewed by the governing board"
SAFEGUARDING_AUDIT_SHARED = "Safeguarding audit shared"
SAFEGUARDING_SHARING_WITHDRAWN = "Safeguarding audit sharing withdrawn"
SAFEGUARDING_VISIT_RECORDED = "Safeguarding oversight visit recorded"
SAFEGUARDING_REMINDER_SENT = "Safeguarding reminder sent"

# Stakeholder voice (V1, V2); a survey's responses are never recorded (they stay anonymous)
QUESTION_BANK_CREATED = "Question bank created"
QUESTION_BANK_VERSION_IMPORTED = "Question bank version imported"
QUESTION_BANK_VERSION_PUBLISHED = "Question bank version published"
VOICE_SURVEY_OPENED = "Stakeholder survey opened"
VOICE_SURVEY_CLOSED = "Stakeholder survey closed"
VOICE_CODES_ISSUED = "Stakeholder survey codes issued"
COMMUNITY_SIZE_RECORDED = "School community size recorded"
PUPIL_RESEARCH_SAVED = "Pupils' research saved"

# The API (X3): personal tokens, and every request made with one
API_TOKEN_CREATED = "API token created"
API_TOKEN_REVOKED = "API token revoked"
API_TOKEN_USED = "API token used"

# Calendars (issue 15): a person's secret calendar feed address
CALENDAR_ADDRESS_CREATED = "Calendar address created"
CALENDAR_ADDRESS_RESET = "Calendar address replaced"

# Notifications: each person's choice of emails
EMAIL_CHOICE_CHANGED = "Email choice changed"

# The words stored before this vocabulary, and what they are now.
EARLIER: dict[str, str] = {
    "updated_school_details": SCHOOL_DETAILS_CHANGED,
    "added_person": PERSON_ADDED,
    "granted_role": ROLE_GRANTED,
    "revoked_role": ROLE_REVOKED,
    "registered_as_reviewer": REVIEWER_REGISTERED,
    "edited_reviewer_profile": REVIEWER_PROFILE_CHANGED,
    "added_training": TRAINING_ADDED,
    "removed_training": TRAINING_REMOVED,
    "changed_available_weeks": AVAILABLE_WEEKS_CHANGED,
    "added_blackout": BLACKOUT_ADDED,
    "removed_blackout": BLACKOUT_REMOVED,
    "declared_conflict": CONFLICT_DECLARED,
    "withdrew_conflict": CONFLICT_WITHDRAWN,
    "added_former_employment": FORMER_EMPLOYMENT_ADDED,
    "removed_former_employment": FORMER_EMPLOYMENT_REMOVED,
    "added_past_review": PAST_REVIEW_ADDED,
    "removed_past_review": PAST_REVIEW_REMOVED,
    "approved_days": DAYS_APPROVED,
    "withdrew_approved_days": APPROVED_DAYS_WITHDRAWN,
    "granted_accreditation": ACCREDITATION_GRANTED,
    "revoked_accreditation": ACCREDITATION_REVOKED,
    "created_cluster": CLUSTER_CREATED,
    "invited_school": SCHOOL_INVITED,
    "accepted_invitation": INVITATION_ACCEPTED,
    "declined_invitation": INVITATION_DECLINED,
    "removed_school": SCHOOL_REMOVED,
    "published_mou": MOU_PUBLISHED,
    "signed_mou": MOU_SIGNED,
    "created_framework": FRAMEWORK_CREATED,
    "created_version": VERSION_CREATED,
    "imported_version": VERSION_IMPORTED,
    "published_version": VERSION_PUBLISHED,
    "mapped_strands": STRANDS_MAPPED,
    "unmapped_strands": STRANDS_UNMAPPED,
    "added_scale_level": SCALE_LEVEL_ADDED,
    "changed_scale_level": SCALE_LEVEL_CHANGED,
    "removed_scale_level": SCALE_LEVEL_REMOVED,
    "added_area": AREA_ADDED,
    "changed_area": AREA_CHANGED,
    "removed_area": AREA_REMOVED,
    "added_strand": STRAND_ADDED,
    "changed_strand": STRAND_CHANGED,
    "removed_strand": STRAND_REMOVED,
    "added_descriptor": DESCRIPTOR_ADDED,
    "changed_descriptor": DESCRIPTOR_CHANGED,
    "removed_descriptor": DESCRIPTOR_REMOVED,
    "started_self_evaluation": SELF_EVALUATION_STARTED,
    "saved_strand_evaluation": STRAND_EVALUATION_SAVED,
    "submitted_self_evaluation": SELF_EVALUATION_SUBMITTED,
    "schedule the review": REVIEW_SCHEDULED,
    "move the review": REVIEW_MOVED,
    "set the focus, nominee and activity limit": REVIEW_FOCUS_SET,
    "add to the review team": TEAM_MEMBER_ADDED,
    "remove from the review team": TEAM_MEMBER_REMOVED,
    "lock a place on the review team": TEAM_PLACE_LOCKED,
    "unlock a place on the review team": TEAM_PLACE_UNLOCKED,
    "add a timetable activity": ACTIVITY_ADDED,
    "change a timetable activity": ACTIVITY_CHANGED,
    "remove a timetable activity": ACTIVITY_REMOVED,
    "review visit under way": VISIT_STARTED,
    "review judgements agreed": JUDGEMENTS_AGREED,
    "review closed": REVIEW_CLOSED,
    "review cancelled": REVIEW_CANCELLED,
    "recorded_evidence": EVIDENCE_RECORDED,
    "edited_evidence": EVIDENCE_CHANGED,
    "raised_concern": CONCERN_RAISED,
    "answered_concern": CONCERN_ANSWERED,
    "proposed_judgement": JUDGEMENT_PROPOSED,
    "agreed_judgement": JUDGEMENT_AGREED,
    "agreed_findings": FINDINGS_AGREED,
    "report draft saved": REPORT_DRAFT_SAVED,
    "report sent for factual accuracy check": REPORT_SENT,
    "report factual accuracy check completed": FACTUAL_ACCURACY_CHECKED,
    "report summary agreed": SUMMARY_AGREED,
    "report returned to draft": REPORT_RETURNED,
    "report finalised": REPORT_FINALISED,
    "report summary published": SUMMARY_PUBLISHED,
    "report sharing changed": REPORT_SHARING_CHANGED,
    "start an allocation run": ALLOCATION_RUN_STARTED,
    "start running the optimiser": OPTIMISER_STARTED,
    "propose teams": TEAMS_PROPOSED,
    "fail an allocation run": ALLOCATION_RUN_FAILED,
    "re-optimise an allocation run": ALLOCATION_RUN_REOPTIMISED,
    "accept an allocation run": ALLOCATION_RUN_ACCEPTED,
    "lock a proposed place": PROPOSED_PLACE_LOCKED,
    "unlock a proposed place": PROPOSED_PLACE_UNLOCKED,
    "remove a proposed place": PROPOSED_PLACE_REMOVED,
    "swap a proposed place": PROPOSED_PLACE_SWAPPED,
    "moderation settings changed": MODERATION_SETTINGS_CHANGED,
    "moderation sample drawn": MODERATION_SAMPLE_DRAWN,
    "moderation started": MODERATION_STARTED,
    "strand level confirmed": STRAND_LEVEL_CONFIRMED,
    "strand level adjusted": STRAND_LEVEL_ADJUSTED,
    "moderation completed": MODERATION_COMPLETED,
    "answered_survey": SURVEY_ANSWERED,
    "calibration exercise created": CALIBRATION_CREATED,
    "calibration exercise opened": CALIBRATION_OPENED,
    "calibration exercise closed": CALIBRATION_CLOSED,
    "calibration item added": CALIBRATION_ITEM_ADDED,
    "calibration item changed": CALIBRATION_ITEM_CHANGED,
    "calibration item removed": CALIBRATION_ITEM_REMOVED,
    "invited to calibration": CALIBRATION_INVITATION_SENT,
    "calibration grades submitted": CALIBRATION_GRADES_SUBMITTED,
    "scheduled_workshop": WORKSHOP_SCHEDULED,
    "rescheduled_workshop": WORKSHOP_MOVED,
    "recorded_workshop": WORKSHOP_RECORDED,
    "started_action_plan": ACTION_PLAN_STARTED,
    "agreed_action_plan": ACTION_PLAN_AGREED,
    "completed_action_plan": ACTION_PLAN_COMPLETED,
    "added_action": ACTION_ADDED,
    "changed_action": ACTION_CHANGED,
    "removed_action": ACTION_REMOVED,
    "added_milestone": MILESTONE_ADDED,
    "changed_milestone": MILESTONE_CHANGED,
    "removed_milestone": MILESTONE_REMOVED,
    "added_success_measure": SUCCESS_MEASURE_ADDED,
    "changed_success_measure": SUCCESS_MEASURE_CHANGED,
    "removed_success_measure": SUCCESS_MEASURE_REMOVED,
    "added_support_need": SUPPORT_NEED_ADDED,
    "changed_support_need": SUPPORT_NEED_CHANGED,
    "removed_support_need": SUPPORT_NEED_REMOVED,
    "checked_in_on_milestone": MILESTONE_CHECKED_IN,
    "recorded_measure_reading": MEASURE_READING_RECORDED,
    "recorded_priority_outcome": PRIORITY_OUTCOME_RECORDED,
    "sent_overdue_reminder": OVERDUE_REMINDER_SENT,
    "send a support request": SUPPORT_REQUEST_SENT,
    "accept a support request": SUPPORT_REQUEST_ACCEPTED,
    "decline a support request": SUPPORT_REQUEST_DECLINED,
    "withdraw a support request": SUPPORT_REQUEST_WITHDRAWN,
    "record support given": SUPPORT_GIVEN_RECORDED,
    "offer support": SUPPORT_OFFERED,
    "withdraw a support offer": SUPPORT_OFFER_WITHDRAWN,
}


def shown(action: str) -> str:
    """The words a history page shows for a stored action, old or new."""
    if action in EARLIER:
        return EARLIER[action]
    words = action.replace("_", " ")
    return words[:1].upper() + words[1:]
