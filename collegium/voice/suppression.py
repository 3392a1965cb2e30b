"""The one rule for small groups: nothing is shown for fewer than 10 responses.

Every page and export of survey results asks `shown` of each group's count (a survey, a question,
a strand, a year) and says `FEWER` instead of any figure, share or comment when it is too few.
"""

MINIMUM = 10
FEWER = "fewer than 10 responses"


def shown(count: int) -> bool:
    return count >= MINIMUM
