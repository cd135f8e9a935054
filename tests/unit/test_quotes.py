"""Quote extraction on small texts, parsed by the real spaCy model: each rule on a sentence written for it."""

from __future__ import annotations

from datetime import date

import pytest

from extract.config import DEFAULT_SPACY_MODEL
from extract.nlp import load_pipeline
from extract.quote_spans import find_quotes
from extract.temporal.resolver import resolve_document_and_quotes


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_SPACY_MODEL)


def quotes(nlp, text: str):
    return resolve_document_and_quotes(nlp(text), date(2025, 10, 15))[1]


def summary(nlp, text: str) -> list[tuple]:
    return [
        (q.kind, q.quote_text, q.speaker.name if q.speaker else None, q.verb_lemma) for q in quotes(nlp, text)
    ]


def test_quote_split_by_its_attribution(nlp) -> None:
    text = "Maria Lopez spoke first. “We are ready,” Lopez said. “The vote is close.”"
    assert summary(nlp, text) == [
        ("direct", "We are ready,", "Maria Lopez", "say"),
        ("direct", "The vote is close.", "Maria Lopez", "say"),
    ]


def test_straight_quotes_and_nested_single_quotes(nlp) -> None:
    text = 'Senator John Smith said: "They told me, \'Wait,\' and I waited."'
    [(kind, words, speaker, verb)] = summary(nlp, text)
    assert (kind, words, speaker, verb) == ("direct", "They told me, 'Wait,' and I waited.", "John Smith", "say")


def test_quote_over_two_paragraphs_keeps_its_speaker(nlp) -> None:
    text = "Anna Berg wrote in a statement: “First point.\n\n“Second point.”"
    rows = summary(nlp, text)
    assert [r[1] for r in rows] == ["First point.", "Second point."]
    assert {r[2] for r in rows} == {"Anna Berg"} and {r[3] for r in rows} == {"write"}
    assert {q.medium for q in quotes(nlp, text)} == {"statement"}


def test_partial_quote_inside_reported_speech(nlp) -> None:
    text = "Putin has warned that such weapons “would signal a new stage” in the conflict."
    assert summary(nlp, text) == [("partial", "would signal a new stage", "Putin", "warn")]


def test_indirect_speech_with_its_content(nlp) -> None:
    [(kind, words, speaker, verb)] = summary(nlp, "Donald Trump said he would meet Vladimir Putin in Hungary.")
    assert (kind, speaker, verb) == ("indirect", "Donald Trump", "say")
    assert words == "he would meet Vladimir Putin in Hungary"


def test_pronoun_and_descriptor_speakers_resolve(nlp) -> None:
    text = (
        "US President Donald Trump met Ukrainian President Volodymyr Zelensky. "
        "“It went well,” the president said. “We will see,” he added. "
        "“We need air defence,” the Ukrainian leader said."
    )
    speakers = [(q.speaker.kind, q.speaker.name) for q in quotes(nlp, text)]
    assert speakers == [
        ("descriptor", "Donald Trump"),
        ("pronoun", "Donald Trump"),
        ("descriptor", "Volodymyr Zelensky"),
    ]


def test_unnamed_source_has_no_name(nlp) -> None:
    [quote] = quotes(nlp, "The talks will resume, an aide said Monday.")
    assert (quote.kind, quote.speaker.kind, quote.speaker.text, quote.speaker.name) == (
        "indirect", "unnamed", "an aide", None
    )
    assert quote.utterance_date == date(2025, 10, 13)


def test_bracketed_insertion_is_kept(nlp) -> None:
    [quote] = quotes(nlp, "“It doesn’t make [Putin] look good,” Trump said.")
    assert quote.quote_text == "It doesn’t make [Putin] look good,"


def test_unterminated_quote_ends_at_its_paragraph() -> None:
    text = "He said: “This never closes.\n\nNext paragraph is plain."
    [span] = find_quotes(text)
    assert text[span.start : span.end] == "“This never closes."


def speakers_of(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {q.quote_text[:20]: (q.speaker.name if q.speaker else None, q.speaker.kind if q.speaker else None)
            for q in quotes(nlp, text)}


@pytest.mark.parametrize(
    ("text", "opening", "speaker"),
    [
        # a participle's speaker is the subject of the clause it hangs from
        ("Union leader Anna Berg rejected the offer, telling reporters, “This deal is an insult to our members.”",
         "This deal is an insu", "Anna Berg"),
        # "cited X as saying": the one cited
        ("The paper cited the mayor, Tom Reyes, as saying, “We will rebuild the bridge by spring.”",
         "We will rebuild the ", "Tom Reyes"),
        # a person's office that speaks is an organisation
        ("Prime Minister Lena Holt will travel to Oslo. “The trip will go ahead,” her office said in a statement.",
         "The trip will go ahe", "Office of Lena Holt"),
        # an organisation named by its kind
        ("The Baltic Fishing Union met on Monday. “We want fair quotas,” the union said.", "We want fair quotas,",
         "Baltic Fishing Union"),
        # a quotation opening the paragraph after reported speech goes on with the same speaker
        ("Governor Paul Okafor said the port would reopen soon.\n\n“Our engineers have worked day and night.”",
         "Our engineers have w", "Paul Okafor"),
    ],
)
def test_attribution_patterns(nlp, text, opening, speaker) -> None:
    assert speakers_of(nlp, text)[opening][0] == speaker


def test_the_speaker_is_not_the_person_the_quote_speaks_of(nlp) -> None:
    text = (
        "President Ana Duarte welcomed President Karl Weber to the capital. "
        "“President Weber and I will sign the treaty tomorrow,” the president said."
    )
    assert speakers_of(nlp, text)["President Weber and "][0] == "Ana Duarte"


def test_according_to_names_the_source(nlp) -> None:
    text = "According to party secretary Rosa Lind, the coalition would “move to the centre”."
    assert speakers_of(nlp, text)["move to the centre"][0] == "Rosa Lind"


def test_an_attribution_inserted_after_the_report_is_indirect_speech(nlp) -> None:
    text = "The trade ministers of Chile and Peru met on Monday in Quito, Santiago said, ending a long freeze."
    assert summary(nlp, text) == [
        ("indirect", "The trade ministers of Chile and Peru met on Monday in Quito", "Santiago", "say")
    ]


def test_quoted_words_belong_to_the_verb_they_hang_from_not_the_next_attribution(nlp) -> None:
    text = 'The union dismissed the offer as "insulting," while the employers wrote that wages would rise.'
    [partial, indirect] = quotes(nlp, text)
    assert (partial.kind, partial.quote_text, partial.verb_lemma) == ("partial", "insulting,", "dismiss")
    assert partial.speaker is not None and partial.speaker.text == "The union"
    assert (indirect.kind, indirect.speaker.text) == ("indirect", "the employers")


def test_a_partial_quote_inside_what_was_cited_is_the_citers(nlp) -> None:
    [quote] = quotes(nlp, "Varga's lawyers, in asking for mercy, cited his \"sincere\" remorse and the fine he paid.")
    assert (quote.kind, quote.verb_lemma) == ("partial", "cite")
    assert quote.speaker is not None and "lawyers" in quote.speaker.text


def test_a_partial_quote_after_warned_that_is_the_warners_even_before_another_attribution(nlp) -> None:
    text = 'Petra Holm has warned that selling the jets "would open a new chapter," the agency said.'
    assert summary(nlp, text) == [("partial", "would open a new chapter,", "Petra Holm", "warn")]


def test_a_speaker_phrase_never_runs_across_a_paragraph_break(nlp) -> None:
    text = 'Critics questioned the windfall\n\nISS dismissed the award as "excessive," in a note to clients.'
    [quote] = quotes(nlp, text)
    assert quote.speaker is not None and quote.speaker.text == "ISS"


@pytest.mark.parametrize(
    "text",
    [
        # the noun of an absolute "with" phrase speaks, whether parsed as the gerund's subject or beside it
        'The strike began at dawn, with Maria Ortiz, the union chief, telling workers: "We will not back down."',
        'The vote went ahead on Monday, with Maria Ortiz urging members to "stand firm".',
        'Shares slid on Friday, with the bank chief, Maria Ortiz, warning that "rates may rise again".',
    ],
)
def test_the_speaker_of_an_absolute_with_phrase(nlp, text) -> None:
    assert [speaker for _, _, speaker, _ in summary(nlp, text)] == ["Maria Ortiz"]
