"""Words in generated sentences: a label or title set inside a sentence starts in lower case,
but acronyms and proper names keep their capitals ("pupils with SEND", never "pupils with send";
"EAL pupils", never "eAL pupils")."""

from datetime import time

# Names that keep their capital letter wherever they stand in a sentence.
PROPER_NAMES = frozenset({"English", "England", "Wales", "Ofsted"})


def is_acronym(word: str) -> bool:
    """SEND, EAL, FSM, EHC, KS2, EBacc: a word with a capital letter after its first letter."""
    letters = word.strip("()[],.;:'\"")
    return len(letters) > 1 and any(c.isupper() for c in letters[1:])


def keeps_capital(word: str) -> bool:
    return is_acronym(word) or word.strip("()[],.;:'\"") in PROPER_NAMES


def lower_first(text: str) -> str:
    """The text as it reads inside a sentence: its first letter lowered, unless its first word is
    an acronym or a proper name. Only the first letter changes; titles are written in sentence
    case, so every other capital is an acronym or a name and stays."""
    if not text:
        return text
    first_word = text.split(maxsplit=1)[0]
    if keeps_capital(first_word):
        return text
    return text[0].lower() + text[1:]


def time_uk(moment: time) -> str:
    """A time of day as GOV.UK writes it: 9am, 3:30pm, midday, midnight."""
    if moment.minute == 0 and moment.hour in (0, 12):
        return "midnight" if moment.hour == 0 else "midday"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"
