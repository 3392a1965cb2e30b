"""What every people page shares."""

PER_PAGE = 25
