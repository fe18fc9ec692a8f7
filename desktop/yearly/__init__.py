"""Next year's 要点: the office reviews, corrects and publishes it; units carry last year forward.

Qt-free. ``suggest`` proposes figure fields from requirement text, ``draft`` edits a parsed
要点 (assignments, titles, split/merge, figures), ``review`` keeps the office's drafts,
``publication`` is the file the office sends to units, ``changes`` says what a newer
publication changed, ``installing`` puts one into a unit's data directory, ``similarity``
finds last year's task for this year's, ``carry`` brings the cover page and last year's answers.
"""
