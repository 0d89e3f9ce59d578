"""The word-by-word difference the section history and the programme compare page both show."""

from peel.word_diff import changed_words, difference_html, words_difference


def shown(old: str, new: str) -> str:
    return str(difference_html(words_difference(old, new)))


def test_two_empty_texts_show_nothing_and_count_no_change():
    assert words_difference("", "") == []
    assert shown("", "") == ""
    assert changed_words(words_difference("", "")) == (0, 0)


def test_from_nothing_everything_is_added_and_to_nothing_everything_is_removed():
    assert shown("", "Written.") == "<ins>Written.</ins>"
    assert shown("Written.", "") == "<del>Written.</del>"


def test_identical_texts_show_the_text_unmarked_with_its_line_breaks():
    text = "The force tackles crime.\n\nIt is good."
    assert shown(text, text) == text
    assert changed_words(words_difference(text, text)) == (0, 0)


def test_an_insertion_only_marks_the_new_words_and_counts_them():
    pieces = words_difference("The force tackles crime.", "The force tackles organised crime well.")
    assert str(difference_html(pieces)) == "The force tackles <ins>organised </ins>crime<ins> well</ins>."
    assert changed_words(pieces) == (0, 2)


def test_a_deletion_only_strikes_through_the_words_taken_out():
    pieces = words_difference("How effectively and fairly does it act?", "How effectively does it act?")
    assert str(difference_html(pieces)) == "How effectively<del> and fairly</del> does it act?"
    assert changed_words(pieces) == (2, 0)


def test_a_reworded_word_is_shown_removed_then_added():
    assert shown("How effectively does it act?", "How well does it act?") == (
        "How <del>effectively</del><ins>well</ins> does it act?"
    )


def test_punctuation_is_a_word_of_its_own():
    assert shown("as vulnerable, and all", "as vulnerable") == "as vulnerable<del>, and all</del>"
    assert shown("It works.", "It works!") == "It works<del>.</del><ins>!</ins>"


def test_html_special_characters_are_escaped_in_every_piece():
    shown_html = shown('<b>A</b> & "B"', '<i>A</i> & "C"')
    assert "<b>" not in shown_html and "<i>" not in shown_html
    assert shown_html.startswith("&lt;<del>b</del><ins>i</ins>&gt;A&lt;/")
    assert "&amp;" in shown_html and "&quot;<del>B</del><ins>C</ins>&quot;" in shown_html
