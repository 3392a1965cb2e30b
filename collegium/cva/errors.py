"""The one error the package raises for data it cannot use, with the reason in plain words."""


class CvaError(ValueError):
    """Data that cannot give a contextual value added; ``str(error)`` is the reason, in words
    a school leader can act on (the upload service shows it as a ValidationError)."""
