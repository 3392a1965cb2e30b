"""R7 every change of a report, by area: `cycle` (the draft, sending it for the factual accuracy
check, returning it to draft, finalising it) and `check` (the school's factual accuracy check:
its points, sending it, agreeing the summary, and the lead's answers). Publishing is in
publication.py, sharing in sharing.py."""
