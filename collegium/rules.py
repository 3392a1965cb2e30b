"""The role × action table: who may do what, and for which objects.

Data only. docs/roles-and-permissions.md shows the same table for people, and
tests/test_access_matrix.py checks that the two agree and walks every cell with a persona;
collegium/policy.py answers from it (`can`, `require`, and the scope checks each cell names).
Code outside the access modules reads it through collegium.access.
"""

# Columns of the table: the roles of product.md §1, plus the public and anyone signed in.
PUBLIC = "public"
SIGNED_IN = "signed in"
SCHOOL_LEADER = "school leader"
GOVERNOR = "governor"
REVIEWER = "reviewer"
LEAD_REVIEWER = "lead reviewer"
COORDINATOR = "cluster coordinator"
MODERATOR = "moderator"
ADJUDICATOR = "adjudicator"
NETWORK_ADMIN = "network admin"
COLUMNS = (
    PUBLIC,
    SIGNED_IN,
    SCHOOL_LEADER,
    GOVERNOR,
    REVIEWER,
    LEAD_REVIEWER,
    COORDINATOR,
    MODERATOR,
    ADJUDICATOR,
    NETWORK_ADMIN,
)

# Cell values: for which objects the role holds the right.
ANY = "any"
OWN_SCHOOL = "own school"  # the object belongs to a school where the person holds the role
MEMBER_SCHOOL = "member school"  # the object is a cluster one of their schools is in
OWN_CLUSTER = "own cluster"  # they coordinate the object's cluster
SELF = "self"  # the object is their own reviewer record
HOME_SCHOOL = "home school"  # a reviewer from a school where they are the school leader
ON_TEAM = "on the team"  # the review (or its report) is one whose team they are on
LEADS = "leads the review"  # they are the lead of the review's team
GRANTED = "allowed by the school"  # the head allowed them (or a group they belong to) to read
EITHER_SCHOOL = "either school"  # a support request from or to a school they lead
ASKED = "school asked"  # a support request to a school they lead
HANDLES = "handles its stage"  # a complaint whose current stage they handle
ASSIGNED = "assigned a stage"  # a complaint with a stage (2 or 3) they were assigned
AGREED_OWN_SCHOOL = "own school, once agreed"  # their school's review, its judgements agreed
SAFEGUARDING_LEAD = "safeguarding lead"  # of a school where they are designated safeguarding lead
SHARED_FOR_REVIEW = "shared for their review"  # an audit the head shared for a review they are on
SHARED_FOR_OVERSIGHT = "shared for oversight"  # an audit the school shared with oversight

# Who reads the confidential report, and so the draft summary beside it: the school's leaders,
# the team and whoever the school allows (checked last: it reads the report's readers).
REPORT_READERS = {
    SCHOOL_LEADER: OWN_SCHOOL,
    REVIEWER: ON_TEAM,
    LEAD_REVIEWER: ON_TEAM,
    SIGNED_IN: GRANTED,
}

# The parties to a complaint and whoever hears one of its stages (C1).
COMPLAINT_PARTIES = {
    SCHOOL_LEADER: OWN_SCHOOL,
    REVIEWER: LEADS,
    LEAD_REVIEWER: LEADS,
    COORDINATOR: OWN_CLUSTER,
    MODERATOR: ASSIGNED,
    ADJUDICATOR: ASSIGNED,
}

RULES: dict[str, dict[str, str]] = {
    "school.view": {PUBLIC: ANY},
    "school.edit": {NETWORK_ADMIN: ANY},
    "school.history": {SCHOOL_LEADER: OWN_SCHOOL, MODERATOR: ANY, NETWORK_ADMIN: ANY},
    # Contextual value added from pupil files (issue 12 D2): aggregates of 10 pupils or more.
    "school.value_added": {
        SCHOOL_LEADER: OWN_SCHOOL,
        GOVERNOR: OWN_SCHOOL,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "school.upload_pupils": {SCHOOL_LEADER: OWN_SCHOOL, NETWORK_ADMIN: ANY},
    "pupils.upload_network": {NETWORK_ADMIN: ANY},
    # Off-rolling questions from census counts (issue 12 D4): never public.
    "offrolling.view": {MODERATOR: ANY, NETWORK_ADMIN: ANY},
    "cluster.create": {NETWORK_ADMIN: ANY},
    "cluster.view": {
        SCHOOL_LEADER: MEMBER_SCHOOL,
        GOVERNOR: MEMBER_SCHOOL,
        COORDINATOR: OWN_CLUSTER,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "cluster.manage": {COORDINATOR: OWN_CLUSTER, NETWORK_ADMIN: ANY},
    "cluster.history": {
        SCHOOL_LEADER: MEMBER_SCHOOL,
        COORDINATOR: OWN_CLUSTER,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "membership.respond": {SCHOOL_LEADER: OWN_SCHOOL},
    "mou.sign": {SCHOOL_LEADER: OWN_SCHOOL},
    "reviewer.register": {SIGNED_IN: ANY},
    "reviewer.view_profile": {PUBLIC: ANY},
    "reviewer.view_record": {
        REVIEWER: SELF,
        LEAD_REVIEWER: SELF,
        SCHOOL_LEADER: HOME_SCHOOL,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "reviewer.edit": {REVIEWER: SELF, LEAD_REVIEWER: SELF, NETWORK_ADMIN: ANY},
    "reviewer.answer_place": {REVIEWER: SELF, LEAD_REVIEWER: SELF},
    "reviewer.accredit": {MODERATOR: ANY},
    "reviewer.approve_days": {SCHOOL_LEADER: HOME_SCHOOL},
    # Only while the home school has no leader on Collegium (people.services.capacity).
    "reviewer.approve_days_unheaded": {NETWORK_ADMIN: ANY},
    "reviewer.history": {
        REVIEWER: SELF,
        LEAD_REVIEWER: SELF,
        SCHOOL_LEADER: HOME_SCHOOL,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "people.manage_roles": {NETWORK_ADMIN: ANY},
    "people.close_accounts": {NETWORK_ADMIN: ANY},
    "privacy.retention": {NETWORK_ADMIN: ANY},
    "privacy.own_data": {SIGNED_IN: ANY},
    "framework.view": {PUBLIC: ANY},
    "framework.edit": {COORDINATOR: ANY, NETWORK_ADMIN: ANY},
    "selfevaluation.view": {
        SCHOOL_LEADER: OWN_SCHOOL,
        GOVERNOR: OWN_SCHOOL,
        MODERATOR: ANY,
    },
    "selfevaluation.edit": {SCHOOL_LEADER: OWN_SCHOOL},
    "review.schedule": {COORDINATOR: OWN_CLUSTER, NETWORK_ADMIN: ANY},
    "review.view": {
        SCHOOL_LEADER: OWN_SCHOOL,
        REVIEWER: ON_TEAM,
        LEAD_REVIEWER: ON_TEAM,
        COORDINATOR: OWN_CLUSTER,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "review.manage_team": {COORDINATOR: OWN_CLUSTER, NETWORK_ADMIN: ANY},
    "review.set_focus": {SCHOOL_LEADER: OWN_SCHOOL},
    "review.timetable": {SCHOOL_LEADER: OWN_SCHOOL, REVIEWER: LEADS, LEAD_REVIEWER: LEADS},
    "review.record_evidence": {REVIEWER: ON_TEAM, LEAD_REVIEWER: ON_TEAM},
    "review.read_evidence": {
        SCHOOL_LEADER: AGREED_OWN_SCHOOL,
        REVIEWER: ON_TEAM,
        LEAD_REVIEWER: ON_TEAM,
        MODERATOR: ANY,
    },
    "review.raise_concern": {SCHOOL_LEADER: OWN_SCHOOL},
    "review.read_self_evaluation": {
        SCHOOL_LEADER: OWN_SCHOOL,
        REVIEWER: ON_TEAM,
        LEAD_REVIEWER: ON_TEAM,
        MODERATOR: ANY,
        SIGNED_IN: GRANTED,  # last: the costliest check
    },
    "review.lead": {REVIEWER: LEADS, LEAD_REVIEWER: LEADS},
    "report.view": REPORT_READERS,
    "report.write": {REVIEWER: LEADS, LEAD_REVIEWER: LEADS},
    "report.respond": {SCHOOL_LEADER: OWN_SCHOOL},
    "report.read_comments": {  # the school's accuracy comments and the lead's answers
        SCHOOL_LEADER: OWN_SCHOOL,
        REVIEWER: ON_TEAM,
        LEAD_REVIEWER: ON_TEAM,
        MODERATOR: ANY,
        SIGNED_IN: GRANTED,  # last: the costliest check
    },
    "report.publish": {REVIEWER: LEADS, LEAD_REVIEWER: LEADS, COORDINATOR: OWN_CLUSTER},
    "summary.view": {PUBLIC: ANY},
    "summary.read_draft": REPORT_READERS,  # until it is published
    "allocation.run": {COORDINATOR: OWN_CLUSTER, NETWORK_ADMIN: ANY},
    # A term's run across every cluster (issue 21): moderators for quality assurance reviews.
    "allocation.network_qa": {MODERATOR: ANY, NETWORK_ADMIN: ANY},
    "allocation.network": {NETWORK_ADMIN: ANY},
    "moderation.manage": {MODERATOR: ANY},
    "moderation.settings": {NETWORK_ADMIN: ANY},
    "termdates.view": {SIGNED_IN: ANY},
    "termdates.edit": {NETWORK_ADMIN: ANY},
    "calibration.manage": {MODERATOR: ANY},
    "calibration.grade": {REVIEWER: SELF, LEAD_REVIEWER: SELF},
    "consistency.view": {MODERATOR: ANY},
    "bias.view": {PUBLIC: ANY},
    "survey.respond": {SCHOOL_LEADER: OWN_SCHOOL},
    "survey.results": {LEAD_REVIEWER: SELF, MODERATOR: ANY},
    "improvement.view": {
        SCHOOL_LEADER: OWN_SCHOOL,
        GOVERNOR: OWN_SCHOOL,
        REVIEWER: ON_TEAM,
        LEAD_REVIEWER: ON_TEAM,
        COORDINATOR: OWN_CLUSTER,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "improvement.schedule_workshop": {COORDINATOR: OWN_CLUSTER, NETWORK_ADMIN: ANY},
    "improvement.plan": {SCHOOL_LEADER: OWN_SCHOOL, COORDINATOR: OWN_CLUSTER},
    "improvement.check_in": {SCHOOL_LEADER: OWN_SCHOOL},
    "improvement.record_outcome": {REVIEWER: LEADS, LEAD_REVIEWER: LEADS},
    "improvement.cluster": {COORDINATOR: OWN_CLUSTER, MODERATOR: ANY, NETWORK_ADMIN: ANY},
    "improvement.network": {SIGNED_IN: ANY},
    "support.request": {SCHOOL_LEADER: OWN_SCHOOL},
    "support.view": {SCHOOL_LEADER: EITHER_SCHOOL, COORDINATOR: OWN_CLUSTER, NETWORK_ADMIN: ANY},
    "support.respond": {SCHOOL_LEADER: ASKED},
    "support.record": {SCHOOL_LEADER: EITHER_SCHOOL},
    "support.offer": {SCHOOL_LEADER: OWN_SCHOOL},
    # Complaints (C1): nobody but the parties and whoever hears a stage sees a complaint.
    "complaint.raise": {SCHOOL_LEADER: OWN_SCHOOL},
    "complaint.view": COMPLAINT_PARTIES | {NETWORK_ADMIN: ANY},  # the admin assigns stages
    "complaint.read_evidence": COMPLAINT_PARTIES,
    "complaint.respond": {SCHOOL_LEADER: OWN_SCHOOL},
    "complaint.decide": {
        REVIEWER: HANDLES,
        LEAD_REVIEWER: HANDLES,
        COORDINATOR: HANDLES,
        MODERATOR: HANDLES,
        ADJUDICATOR: HANDLES,
    },
    "complaint.assign": {NETWORK_ADMIN: ANY},
    "complaint.statistics": {PUBLIC: ANY},
    # Safeguarding (G1): an audit, kept apart from peer review. Oversight reads a school's status,
    # the whole audit only if the school shares it; a review team only if the head shares it for
    # their review.
    "safeguarding.status": {
        SCHOOL_LEADER: OWN_SCHOOL,
        GOVERNOR: OWN_SCHOOL,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
        SIGNED_IN: SAFEGUARDING_LEAD,
    },
    "safeguarding.view": {
        SCHOOL_LEADER: OWN_SCHOOL,
        GOVERNOR: OWN_SCHOOL,
        REVIEWER: SHARED_FOR_REVIEW,
        LEAD_REVIEWER: SHARED_FOR_REVIEW,
        MODERATOR: SHARED_FOR_OVERSIGHT,
        NETWORK_ADMIN: SHARED_FOR_OVERSIGHT,
        SIGNED_IN: SAFEGUARDING_LEAD,
    },
    "safeguarding.audit": {SCHOOL_LEADER: OWN_SCHOOL, SIGNED_IN: SAFEGUARDING_LEAD},
    "safeguarding.board_review": {GOVERNOR: OWN_SCHOOL},
    "safeguarding.share": {SCHOOL_LEADER: OWN_SCHOOL},
    "safeguarding.oversee": {MODERATOR: ANY, NETWORK_ADMIN: ANY},
    "safeguarding.templates": {NETWORK_ADMIN: ANY},
    # Stakeholder voice (V1, V2): anyone with a survey's link answers it without an account;
    # results only for groups of 10 responses or more, free text only for the school's leaders.
    "voice.respond": {PUBLIC: ANY},
    "voice.run": {SCHOOL_LEADER: OWN_SCHOOL},
    "voice.results": {
        SCHOOL_LEADER: OWN_SCHOOL,
        GOVERNOR: OWN_SCHOOL,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "voice.research": {SCHOOL_LEADER: OWN_SCHOOL},
    "voice.banks": {NETWORK_ADMIN: ANY},
}
