"""The small vocabulary of domain errors. Each maps to one HTTP status, once, where responses are made."""


class GongshiError(Exception):
    """Base of every error the domain raises on purpose."""

    status = 500
    code = "error"


class NotFound(GongshiError):
    """The named item does not exist."""

    status = 404
    code = "not_found"


class Conflict(GongshiError):
    """The request contradicts the item's current state (ending a publication that already ended, say)."""

    status = 409
    code = "conflict"


class InvalidInput(GongshiError):
    """Input that cannot be used; `field` names what was wrong."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field

    def __reduce__(self):
        return (type(self), (str(self), self.field))  # keeps the field when raised from the reader process
