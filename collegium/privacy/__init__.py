"""X5 data protection: the privacy notice and accessibility statement, suspending, restoring and
erasing a person's account, and the download of what Collegium holds about a person."""
