"""The network's school terms (issue 11): term dates, and the days schools are open."""
