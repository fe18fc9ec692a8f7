"""CLI commands, one module per concern; each has ``register(subparsers)``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from desktop.errors import UserError

if TYPE_CHECKING:
    from desktop.services import Services


class SmokeFailure(UserError):
    """A ``smoke`` step found something wrong; the message is Chinese and says what."""


def fail(message: str, code: int = 2) -> int:
    """Print a one-line Chinese reason to stderr and return the exit code."""
    print(message, file=sys.stderr)
    return code


def open_data(**options: Any) -> Services:
    """Open the clerk's data for a command (``services.open_services``); what the store had to
    say on opening (a damaged file kept aside, a backup restored) goes to stderr as 提示.
    Raises :class:`desktop.store.StoreError` when the data cannot be opened."""
    from desktop.services import open_services

    services, notices = open_services(**options)
    for notice in notices:
        print(f"提示：{notice}", file=sys.stderr)
    return services
