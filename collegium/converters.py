"""Path converters: an id in a web address is a whole number a database column can hold.

Django's `int` converter accepts any number of digits, and a 20-digit id overflows SQLite's
(and PostgreSQL's) 64-bit integers with a 500; `id` accepts at most 18 digits, so a longer
address is simply not found.
"""

LARGEST_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:  # cannot happen with 18 digits; kept if the regex changes
            raise ValueError("too large for an id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
