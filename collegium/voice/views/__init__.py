"""The stakeholder voice pages, by area."""
