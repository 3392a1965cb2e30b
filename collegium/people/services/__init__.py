"""Every change to the reviewer register, each recorded in the audit trail.

register: a reviewer's own entry (profile, training, availability, conflicts, history);
accreditation: lead-reviewer accreditation (P1); capacity: days approved by the home
school's head (P3); roles: people and their role grants.
"""
