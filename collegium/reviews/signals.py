"""What a review's life asks of the apps above reviews, which connect to these in their
AppConfig.ready (reviews imports none of them: tests/test_layers.py).

- `review_scheduled` (review, actor): sent inside `planning.schedule_review`'s transaction;
  reports creates the review's empty report.
- `closing_checked` (review): sent by `closing.reasons_not_to_close`; each receiver returns
  the reason, in the lead's words, why the review cannot close yet, or None when it can;
  reports: the report must be final.
"""

from django.dispatch import Signal

review_scheduled = Signal()
closing_checked = Signal()
