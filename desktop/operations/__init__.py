"""What the clerk or the office does, orchestrated once — for the wizard and the command line.

Each use case here decides the order of steps, the fallbacks and the checks; the callers only
ask questions (the window through a dialog, the CLI through its arguments) and word the result.
Nothing here imports Qt, opens a dialog or prints. Dependencies come in as arguments (the
:class:`desktop.services.Services` bundle, a :class:`desktop.settings.Settings`); failures come
out as :class:`desktop.errors.UserError` subclasses with a Chinese message.

* :mod:`.exchange` — read an exchange file and import it (all or nothing); write one.
* :mod:`.report` — which Word template is used, choosing or clearing it, exporting the report.
"""
