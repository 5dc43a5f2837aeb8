"""Russian typed in Latin letters ("muzh upal i ne dyshit"), read back into Cyrillic so the Russian rules can judge it.

People whose keyboard has no Cyrillic type Russian by sound. The Russian rules are written in Cyrillic (with a few
transliterated patterns, which caught the wording they were written from and little more: corpora 5-7 missed 3 of 8
such emergencies), so a plain-ASCII message is also read as Russian through the usual transliteration, and the
Russian rules run on that. English text read this way is nonsense in Cyrillic and fires no Russian rule (checked on
every English eval question: tests/unit/test_romanised.py).

Arabic in Latin letters ("arabizi") is not read back this way: Arabic script leaves short vowels out, so the result
would not be the words the rules were written for.
"""

from __future__ import annotations

import re

# longest first: "shch" before "sh" before "s"; "tsya" is the reflexive ending ("dvigaetsya" -> "двигается")
_GROUPS = (("shch", "щ"), ("sch", "щ"), ("tsya", "тся"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"),
           ("ts", "ц"), ("yu", "ю"), ("ju", "ю"), ("ya", "я"), ("ja", "я"), ("yo", "е"), ("jo", "е"), ("ye", "е"),
           ("''", "ь"), ("'", "ь"))
_LETTERS = dict(zip("abvgdezijklmnoprstufhcwqx", "абвгдезийклмнопрстуфхцвккх"))
_VOWELS = frozenset("aeiouy")
_ETO = re.compile(r"\be(?=t(?:o|ot|a|i|ogo|omu|om|ih|im)\b)")  # "eto", "etot": the one common word starting with э
_ASCII = re.compile(r"[\x00-\x7f\u2018\u2019\u201c\u201d]*")
# Common Russian words as typed in Latin letters that are not English words: a message needs two of them to be read
# as Russian, so that English loanwords ("suicide" -> "суицид") never reach the Russian rules. ("u", "ya", "na", "k",
# "s", "v" are left out: texting English uses them.)
_RUSSIAN_WORDS = frozenset("""
ne net menya mne mnya moy moi moya moyo moego muzh muzha muzhu zhena zheny rebenok rebenka rebyonok syn syna doch dochka
dochki mama mamy papa papy babushka dedushka ochen uzhe vse vsyo vsem vsego bolshe tolko prosto chto shto kak eto
etot seichas sejchas seychas pomogite pomogi pomosh pomoshch nado mozhno poka bez ili kogda tozhe segodnya vchera kto
gde ona oni nego nee iz ot za tebya sebya sebe tak eshe eshche hochu khochu hochetsya mogu mozhet nichego nikto zhit
zhizn umeret umru umirayu dyshit dyshat dyshu upal upala upali bolit bolno krov krovi golova golovu ruka ruki ruku
nogu nogi noga grud grudi serdce tabletki tabletok tabletku lekarstvo lekarstva snotvornoe vypil vypila proglotil
proglotila soznanie soznaniya skoraya skoruyu vyzvat sdelat govorit pishu napisat proshchai proshchaite
""".split())
_LATIN_WORD = re.compile(r"[a-z']+")


def written_in_ascii(text: str) -> bool:
    """Plain ASCII (typographic quotes allowed): how romanised Russian, arabizi or pinyin arrive."""
    return bool(_ASCII.fullmatch(text))


def as_cyrillic(text: str) -> str | None:
    """A plain-ASCII message with two or more common Russian words read as transliterated Russian, or None.

    >>> as_cyrillic("u muzha perekosilo lico, ruka ne dvigaetsya")
    'у мужа перекосило лицо, рука не двигается'
    >>> as_cyrillic("судороги"), as_cyrillic("what is suicide"), as_cyrillic("eto normalno, ili net?")
    (None, None, 'это нормално, или нет?')
    """
    if not written_in_ascii(text):
        return None
    low = text.lower().replace("\u2019", "'")
    if len(_RUSSIAN_WORDS.intersection(_LATIN_WORD.findall(low))) < 2:
        return None
    low = _ETO.sub("э", low)
    out: list[str] = []
    i = 0
    while i < len(low):
        group = next(((lat, cyr) for lat, cyr in _GROUPS if low.startswith(lat, i)), None)
        if group is not None:
            out.append(group[1])
            i += len(group[0])
            continue
        ch = low[i]
        # "y" is й after a vowel ("stoyu" has its own group; "moy", "tvoy") and ы elsewhere ("vypil", "dyshit")
        out.append(("й" if i and low[i - 1] in _VOWELS else "ы") if ch == "y" else _LETTERS.get(ch, ch))
        i += 1
    return "".join(out)
