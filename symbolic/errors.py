"""One exception family for the whole engine.

Every message starts with the name of the rule, backend or argument at fault and quotes
the offending data, so that a reader can act on it without a traceback.
"""

__all__ = ["LawauditError", "DerivationError", "ReplayError", "DomainError", "ObligationError",
           "BackendError", "SoundnessAlarm", "ParseError"]


class LawauditError(Exception):
    """Base class of every error raised on purpose by lawaudit."""


class DerivationError(LawauditError):
    """A kernel rule refused its inputs (message starts with the rule's name)."""


class ReplayError(DerivationError):
    """Replaying a fact's derivation tree found a fact that does not re-check."""


class DomainError(LawauditError):
    """A variable declaration or domain is malformed or empty."""


class ObligationError(LawauditError):
    """An obligation is malformed (not a relation, floats, undeclared symbols)."""


class ParseError(LawauditError):
    """Text given by a user could not be read as a formula over the declared symbols."""


class BackendError(LawauditError):
    """A backend met an expression it cannot translate (reported as ``unknown``, never raised to users)."""


class SoundnessAlarm(LawauditError):
    """Two backends disagree: one proved what another refuted with a certified counterexample.

    This is the worst bug the project can have; the audit fails loudly when it is raised.
    ``advice`` is the sentence printed after the alarm: what the user should do about it.
    """

    def __init__(self, message: str, advice: str = "This is a bug in lawaudit; please report it."):
        super().__init__(message)
        self.advice = advice
