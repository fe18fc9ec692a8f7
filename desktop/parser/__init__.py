"""The 要点 parser: a notice (.txt in any common encoding, or .docx) → a :class:`Catalogue`.

Stages, one module each: ``source`` (bytes → raw lines) → ``lines`` (cleaned, re-joined lines;
``tables`` turns table rows into lines, ``markers`` reads the numbering, ``hanzi`` converts
traditional characters with OpenCC) → ``header`` (title, issuer, 文号, closing) → ``clauses``
(the responsibility-clause grammar) and ``placement`` (where a clause stands in the text) →
``structure`` (sections → items → blocks; the public entry points) → ``draft`` (blocks →
numbered tasks).
"""

from desktop.parser.source import SourceError
from desktop.parser.structure import ParseError, parse_file, parse_lines, parse_source

__all__ = ["ParseError", "SourceError", "parse_file", "parse_lines", "parse_source"]
