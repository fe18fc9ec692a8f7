"""The one base for problems the clerk must read and can act on.

Every exception whose ``str()`` is a plain Chinese message saying what happened and what to do
next derives from :class:`UserError` — a bad file, a full disk, an unusable template. The UI and
the CLI catch this one type and show the message as it is; anything else (``KeyError``,
``TypeError`` …) is a defect and goes to the crash handler, never into a message box as if the
clerk had done something wrong.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the clerk can act on; ``str()`` is the Chinese message to show as is."""
