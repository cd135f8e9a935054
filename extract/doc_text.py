"""The text of a spaCy ``Doc``, read once.

``Doc.text`` is not stored: every access joins all the tokens again, which costs as much as
a pass over the document. The extraction reads a document's text dozens of times (offsets of
entities, quotations, dates), so it reads it through :func:`text_of`, which keeps it in the
document's ``user_data`` (a document's text never changes).
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "newswire.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, computed on the first call for this document only."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
