"""CLI commands, one module per concern; each has ``register(subparsers)``."""

from __future__ import annotations

import sys

from desktop.errors import UserError


class SmokeFailure(UserError):
    """A ``smoke`` step found something wrong; the message is Chinese and says what."""


def fail(message: str, code: int = 2) -> int:
    """Print a one-line Chinese reason to stderr and return the exit code."""
    print(message, file=sys.stderr)
    return code
