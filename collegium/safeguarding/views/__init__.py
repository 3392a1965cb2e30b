"""Safeguarding pages, by area: templates, audits, actions, oversight."""
