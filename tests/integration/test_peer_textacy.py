"""textacy's direct-quotation extractor, the quotes peer, on the project's spaCy parse.

Skips (with the reason) when the eval extra is missing: the default test command
installs only ``.[dev]``. Sentences are written for this test.
"""

from __future__ import annotations

import pytest

pytest.importorskip("textacy", reason="textacy peer needs the eval extra: uv pip install -e '.[dev,eval]'")

from spacy.language import Language  # noqa: E402

from evaluation.peers.textacy_quotes import quote_corpus, quotes_in  # noqa: E402
from extract.config import DEFAULT_SPACY_MODEL  # noqa: E402
from extract.nlp import load_pipeline  # noqa: E402

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(DEFAULT_SPACY_MODEL)


def test_speaker_cue_and_quote_of_a_trailing_attribution(nlp: Language) -> None:
    text = "“We will rebuild the northern bridge before the winter floods arrive,” the mayor said on Monday."
    [quote] = quote_corpus([("bridge", text)], nlp=nlp)["bridge"].quotes
    assert quote.speaker_text == "mayor" and text[quote.speaker_start : quote.speaker_end] == "mayor"
    assert quote.cue_lemma == "say"
    assert quote.quote_text == "We will rebuild the northern bridge before the winter floods arrive,"
    assert text[quote.start : quote.end] == quote.quote_text


def test_named_speaker_of_an_introducing_attribution(nlp: Language) -> None:
    text = "Harbour engineer Dana Whitfield said: “The old crane cannot lift the new turbines safely.”"
    [quote] = quotes_in(nlp(text)).quotes
    assert quote.speaker_text.endswith("Dana Whitfield")
    assert quote.quote_text == "The old crane cannot lift the new turbines safely."


def test_unbalanced_marks_skip_the_document_unless_run_per_paragraph(nlp: Language) -> None:
    text = (
        "The council met at noon. “This budget protects the libraries and the parks,\n"
        "The treasurer later added: “We expect a surplus by the end of the year.”"
    )
    doc = nlp(text)
    stock = quotes_in(doc)
    assert stock.quotes == [] and "unclosed quotation" in stock.skipped[0]
    per_paragraph = quotes_in(doc, unbalanced="paragraphs")
    [quote] = per_paragraph.quotes
    assert (quote.speaker_text, quote.cue_lemma) == ("treasurer", "add")
    assert text[quote.start : quote.end] == "We expect a surplus by the end of the year."
    assert text[quote.speaker_start : quote.speaker_end] == "treasurer"
    assert len(per_paragraph.skipped) == 1
