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
    assert [q.verb_lemma for q in quotes(nlp, text)] == ["according to"]


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


def test_a_gerund_with_its_own_subject_is_that_subjects_not_its_clauses_object(nlp) -> None:
    # "cited X as saying" takes the object; a "with" gerund that has a subject keeps its own
    text = "Acme put the plan to a vote in May, with chair Lena Ross imploring investors to “fix this mess” after the ruling."
    assert summary(nlp, text) == [("partial", "fix this mess", "Lena Ross", "implore")]


def test_a_name_in_apposition_to_a_common_noun_subject_speaks(nlp) -> None:
    text = (
        "With delegates arriving for the talks in the capital, hosts Norway on Monday said "
        "the closing statement would reflect the concerns of small states."
    )
    [quote] = quotes(nlp, text)
    assert (quote.kind, quote.speaker.name, quote.speaker.text) == ("indirect", "Norway", "hosts")


def test_the_subject_next_to_the_reporting_verb_speaks_not_a_quoted_word_before_it(nlp) -> None:
    # the parser may take a word of the fronted quotation for a second subject of "said"
    text = (
        "The Andean Council of Ministers met in Lima on Monday. Calling for “all parties to engage in open dialogue”, "
        "the regional bloc said this would mean looking for “a peaceful way out”."
    )
    assert {q.speaker.name for q in quotes(nlp, text)} == {"Andean Council of Ministers"}


def test_single_mark_house_style_quotes_over_paragraphs_with_apostrophes_inside() -> None:
    text = (
        "The coach said: ‘Winning takes the whole squad.\n\n"
        "‘Saturday’s game is about more than our players’ legs. It’s about belief.’\n\n"
        "He left the room."
    )
    [span] = find_quotes(text)
    assert text[span.start : span.end].endswith("It’s about belief.’")
    assert (span.first_paragraph, span.last_paragraph) == (0, 1)


def test_single_marks_stay_titles_in_an_article_quoting_with_double_marks() -> None:
    text = "The minister spoke on ‘One Planet’ and said: “We act now.”"
    assert [text[s.start : s.end] for s in find_quotes(text)] == ["“We act now.”"]


def test_a_single_mark_quotation_gets_its_speaker_and_text(nlp) -> None:
    text = "Coach Marta Vidal said: ‘Saturday’s final is the biggest game of our lives.’"
    assert summary(nlp, text) == [("direct", "Saturday’s final is the biggest game of our lives.", "Marta Vidal", "say")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an attribution inserted after the clause, parsed as a comma-joined conjunct with its own subject
        ("Lena Holt will attend the summit in person, Piet Marsh, the council's secretary, confirmed on Friday.",
         ("indirect", "Lena Holt will attend the summit in person", "Piet Marsh", "confirm")),
        # a demand reported with a directive verb: the addressee and the act asked of them
        ("Before the ballot, new chief executive Omar Haddad urged employees to accept the offer.",
         ("indirect", "employees to accept the offer", "Omar Haddad", "urge")),
        # a statement sourced with a trailing "according to", and one from a document's author
        ("The Baltic region falls outside the scope of the deal, according to the Nordic Trade Council.",
         ("indirect", "The Baltic region falls outside the scope of the deal", "Nordic Trade Council", "according to")),
        ("According to a statement from spokeswoman Ida Berg, the visit will focus on trade.",
         ("indirect", "the visit will focus on trade", "Ida Berg", "according to")),
        # the parser may hang the comma on a long source
        ("According to a statement from Nordic Council Press Secretary Ida Berg, the visit will focus on trade.",
         ("indirect", "the visit will focus on trade", "Ida Berg", "according to")),
        # a stance put in words: its that-clause is reported
        ("Prime Minister Eva Lund expressed her confidence that the summit in Oslo would open a new chapter.",
         ("indirect", "the summit in Oslo would open a new chapter", "Eva Lund", "express")),
    ],
)
def test_indirect_speech_patterns(nlp, text, expected) -> None:
    assert summary(nlp, text) == [expected]


def test_a_report_after_a_closing_mark_is_not_taken_for_part_of_the_quotation(nlp) -> None:
    text = '"We stopped today," said Kai Lund.\n\nThe launch window will open on Friday, the agency said.'
    assert [(k, words) for k, words, _, _ in summary(nlp, text)] == [
        ("direct", "We stopped today,"), ("indirect", "The launch window will open on Friday"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        'The "Orion" capsule is slated to fly around the moon.',
        "Critics mocked the so-called “peace dividend” on Tuesday.",
    ],
)
def test_names_and_scare_quotes_are_no_quotations(nlp, text) -> None:
    assert quotes(nlp, text) == []


def test_a_report_that_introduces_a_quotation_with_a_colon_is_reported_speech_too(nlp) -> None:
    text = "Coach Ivo Maric said this raised the stakes for his squad: “If this is the last game, let us win it.”"
    assert summary(nlp, text) == [
        ("indirect", "this raised the stakes for his squad", "Ivo Maric", "say"),
        ("direct", "If this is the last game, let us win it.", "Ivo Maric", "say"),
    ]


def test_a_short_fragment_after_another_in_its_sentence_is_quoted_speech_not_a_term(nlp) -> None:
    text = "The mediators thanked Norway for “its patient work” and “value the support” of Chile."
    assert [(k, words, verb) for k, words, _, verb in summary(nlp, text)] == [
        ("partial", "its patient work", "thank"), ("partial", "value the support", "thank"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the subject of the sentence, not the person last named (the object of "meet")
        (
            "A visit to Peru that was delayed last week is back on, with Chile's President Ana Soto now set to meet "
            "Peruvian President Luis Vega in Lima on May 4, her office said on Monday."
        ),
        # a person inside a relative clause is a side remark: the subject of the sentence before is meant
        (
            "Prime Minister Ana Soto will visit Lima on Friday to meet President Luis Vega. A stop in Cusco, where "
            "former President Eva Lund is to open a museum, has been fixed for May 6, her office said."
        ),
    ],
)
def test_his_or_her_office_refers_back_to_the_subject_in_focus(nlp, text) -> None:
    assert [speaker for _, _, speaker, _ in summary(nlp, text)][-1] == "Office of Ana Soto"


def test_they_is_a_group_or_an_organisation_never_one_person(nlp) -> None:
    text = (
        "Prosecutors asked for a long sentence for Omar Haddad. They said the fine was “far too low.”\n\n"
        "The Nordic Fishing Union rejected the offer on Monday. They said the quotas were unfair."
    )
    speakers = [speaker for _, _, speaker, _ in summary(nlp, text)]
    assert speakers == ["Prosecutors", "Nordic Fishing Union"]  # the group itself, never Omar Haddad


def test_the_president_is_the_president_in_focus_not_the_last_one_named(nlp) -> None:
    text = (
        "President Maria Lopez met President Jan Novak in Prague on Monday. "
        "Ms. Lopez says that she and Mr. Novak agreed to meet again in Vienna. "
        "The president said the meeting would take place within two weeks."
    )
    assert summary(nlp, text)[-1][2] == "Maria Lopez"


def test_a_report_whose_modifier_quotes_words_keeps_its_clause(nlp) -> None:
    text = "Radio Nova reported that the two ministers had met in Oslo to “talk about the deal”."
    assert summary(nlp, text) == [
        ("indirect", "the two ministers had met in Oslo", "Radio Nova", "report"),
        ("partial", "talk about the deal", "Radio Nova", "report"),
    ]


def test_a_report_whose_second_predicate_quotes_words_keeps_its_first(nlp) -> None:
    text = 'Prosecutors said that a long term would fit the crime and show that "the law applies to all."'
    assert summary(nlp, text)[0] == ("indirect", "a long term would fit the crime", "Prosecutors", "say")


def test_quoted_words_beginning_in_lower_case_are_a_partial_quote(nlp) -> None:
    text = "The two ministers “held long talks and traded views,” the Nordic Council said in a statement."
    [(kind, _, speaker, verb)] = summary(nlp, text)
    assert (kind, speaker, verb) == ("partial", "Nordic Council", "say")


@pytest.mark.parametrize(
    ("text", "speaker", "verb"),
    [
        # a document that "reads" the words stands for its author and its own verb
        (
            (
                "President Eva Lund welcomed the deal on Friday.\n\n“Norway sees the visit as a new chapter,” "
                "read a post on her official X account."
            ),
            "Eva Lund", "post",
        ),
        (
            (
                "The Nordic Council met on Monday.\n\n“The visit will cement our partnership,” "
                "read the Nordic Council press statement."
            ),
            "Nordic Council", "state",
        ),
    ],
)
def test_a_document_that_reads_the_words_is_its_authors(nlp, text, speaker, verb) -> None:
    [(kind, _, found_speaker, found_verb)] = summary(nlp, text)
    assert (kind, found_speaker, found_verb) == ("direct", speaker, verb)


def test_reading_a_title_is_no_quotation(nlp) -> None:
    assert quotes(nlp, "He read “War and Peace” on the train.") == []


def test_the_author_of_a_post_is_the_person_in_focus_not_the_last_one_quoted(nlp) -> None:
    text = (
        "“The visit matters,” spokeswoman Ida Berg said.\n\n"
        "Speaking on Friday, President Eva Lund said the visit would help both countries.\n\n"
        "“Norway sees the visit as a new chapter,” read a post on her official X account."
    )
    assert summary(nlp, text)[-1][2:] == ("Eva Lund", "post")


def test_a_nationality_in_apposition_never_speaks(nlp) -> None:
    # the parser heads "the president Chilean" on the demonym; the name in apposition speaks
    text = (
        "Early this year the president Chilean, Rosa Valdivia, announced a truce that the miners rejected a week later."
        "\n\n“We will keep the ports open, and we will not raise fuel prices this winter.”"
    )
    assert [q.speaker.name for q in quotes(nlp, text)] == ["Rosa Valdivia"]


def test_a_name_set_off_by_commas_before_a_subjectless_reporting_verb_speaks(nlp) -> None:
    # the parser hangs "Marco Paz" as an apposition inside the report and "confirmed" as an adverbial clause
    text = (
        "President Ana Ruiz will attend the Lima summit in person, Marco Paz, "
        "National Water and Energy Council of Peru secretary, confirmed on Friday."
    )
    assert summary(nlp, text) == [
        ("indirect", "President Ana Ruiz will attend the Lima summit in person", "Marco Paz", "confirm")
    ]


def test_a_report_quoting_a_label_in_its_subject_is_a_report_of_its_own(nlp) -> None:
    # the predicate is the writer's paraphrase; a quotation in the predicate carries the report instead
    found = summary(nlp, "Auditors said Globex, which ran a “no-questions-asked” trading desk for years, failed to report trades.")
    assert [(kind, text[:25]) for kind, text, _, _ in found] == [
        ("indirect", "Globex, which ran a “no-q"), ("partial", "no-questions-asked"),
    ]
    found = summary(nlp, "The minister said the two parties had agreed on a “framework” for their talks.")
    assert [kind for kind, *_ in found] == ["partial"]


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        # a plural common noun heading the subject is a group, named with its "from"/"in" phrase
        ('"The plant will reopen in May," officials from the city council said.', "group", "officials from the city council"),
        # a possessor qualifies the group and never speaks
        ('Garcia\'s lawyers called the ruling "a travesty."', "group", "Garcia's lawyers"),
        # "they" goes back to the group that was the subject two sentences before
        ('Inspectors in Lyon visited the dairy in March. The visit lasted a day. They said the cheese was "perfectly safe."',
         "pronoun", "Inspectors in Lyon"),
        # ... never to a subject inside a relative clause
        ('Inspectors in Lyon came after a recall that the farmers opposed. They said the cheese was "perfectly safe."',
         "pronoun", "Inspectors in Lyon"),
    ],
)
def test_a_group_speaks_as_a_group(nlp, text, kind, name) -> None:
    speaker = quotes(nlp, text)[0].speaker
    assert (speaker.kind, speaker.name) == (kind, name)


def test_one_row_per_act_of_reporting(nlp) -> None:
    # quoted words inside a report's own content belong to that report
    text = "Insiders told the paper that the plan to build a “green corridor” through the valley had stalled."
    assert [(k, verb) for k, _, _, verb in summary(nlp, text)] == [("indirect", "tell")]
    # single quoted words of one report are one row, from the first fragment to the last as written
    text = "Mayor Ines Roca told reporters the parties agreed on a “frame” for the deal, while the “details” still needed work."
    assert [(k, words) for k, words, _, _ in summary(nlp, text)] == [("partial", "frame” for the deal, while the “details")]
    row = quotes(nlp, text)[0]
    assert text[row.start_char : row.end_char] == row.quote_text  # what the raw suite checks


def test_anonymous_sources_are_unnamed_not_a_group(nlp) -> None:
    speaker = quotes(nlp, "Sources told the paper that the mine would close in May.")[0].speaker
    assert (speaker.kind, speaker.name) == ("unnamed", None)


def test_words_quoted_in_what_someone_spoke_of_are_theirs(nlp) -> None:
    """'while a statement had spoken of “…”': the quoted words belong to the clause that holds
    them, not to the sentence's first reporting verb."""
    found = quotes(nlp, "Officials from Chile had said that the talks would go well, while a Peruvian statement "
                        "last week had spoken of “a constructive course in the two countries’ relations.”")
    partial = next(q for q in found if q.quote_text.startswith("a constructive course"))
    assert (partial.kind, partial.verb_lemma, partial.speaker.text) == ("partial", "speak", "a Peruvian statement")
    [referred] = quotes(nlp, "The minister referred to “a regrettable misunderstanding” in her speech.")
    assert (referred.verb_lemma, referred.speaker.text) == ("refer", "The minister")


def test_words_someone_is_reported_to_have_spoken_of_belong_to_the_report(nlp) -> None:
    """'X posted that she and Y had spoken about “…”': the quoted words are X's post."""
    [quoted] = quotes(nlp, "Earlier this week, Ms. Berg posted on X that she and Mr. Soto had spoken about the "
                           "“safety of our harbours,” as well as new ferries.")
    assert (quoted.verb_lemma, quoted.speaker.text) == ("post", "Ms. Berg")


def test_an_organ_of_someone_named_is_not_whichever_organisation_came_last(nlp) -> None:
    found = summary(nlp, "US Senate Majority Leader John Thune said the Senate would vote next week. The president said "
                         "Peru agreed to take such a step, but the country’s foreign ministry said they were not aware of any call.")
    assert ("indirect", "they were not aware of any call", None, "say") in found  # not the Senate
    found = summary(nlp, "Officials at the Peruvian Foreign Ministry spoke on Monday. Later the country's foreign "
                         "ministry said it was not aware of any call.")
    assert found[-1][2] == "Peruvian Foreign Ministry"  # one named like it: that one
