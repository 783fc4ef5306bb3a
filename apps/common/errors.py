"""The domain's errors, on the project's one root (portal/errors.py), each with its HTTP status declared once."""
from portal.errors import GongshiError

__all__ = ["Conflict", "GongshiError", "InvalidInput", "NotFound"]


class NotFound(GongshiError):
    """The named item does not exist."""

    status = 404
    code = "not_found"
    title = "Not found"


class Conflict(GongshiError):
    """The request contradicts the item's current state (ending a publication that already ended, say)."""

    status = 409
    code = "conflict"
    title = "Conflict"


class InvalidInput(GongshiError):
    """Input that cannot be used; `field` names what was wrong."""

    status = 400
    code = "invalid"
    title = "Invalid"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field

    def __reduce__(self):
        return (type(self), (str(self), self.field))  # keeps the field when raised from the reader process
