"""Changes to safeguarding audits, by area: templates, audits, actions, oversight."""
