"""The report's words in English and French, and numbers and dates written the way each language writes them.

The French follows the lesson on Twitter strategy the report comes from: abonnés, abonnements, amis,
ratio abonnements/abonnés, tweets par jour, RT faits, RT reçus, qualité des abonnés, conversion.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from roost.errors import RoostError
from roost.i18n import en, fr

LANGS = ("en", "fr")
STRINGS: dict[str, dict[str, str]] = {"en": en.STRINGS, "fr": fr.STRINGS}

# French writes 1 234 and 12,5 %: a narrow no-break space between thousands, a no-break space before %.
_NNBSP = "\u202f"
_NBSP = "\u00a0"

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
}
# How each language names what an indicator may need, where the file name alone would not say it.
NEED_NAMES = {
    "en": {"tweets": "tweet files (tweets.js)",
           "engagement": "like and retweet counts on its tweets (Grailbird archives have none)"},
    "fr": {"tweets": "fichiers de tweets (tweets.js)",
           "engagement": "les compteurs de j'aime et de RT de ses tweets (les archives Grailbird n'en ont pas)"},
}
# Tweet language codes as Twitter writes them, named in each language.
LANGUAGE_NAMES = {
    "en": {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
           "nl": "Dutch", "ja": "Japanese", "ru": "Russian", "ar": "Arabic", "tr": "Turkish", "pl": "Polish",
           "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "cs": "Czech", "ro": "Romanian",
           "hu": "Hungarian", "el": "Greek", "uk": "Ukrainian", "ca": "Catalan", "eu": "Basque", "in": "Indonesian",
           "id": "Indonesian", "tl": "Tagalog", "ko": "Korean", "zh": "Chinese", "hi": "Hindi", "iw": "Hebrew",
           "he": "Hebrew", "fa": "Persian", "ht": "Haitian Creole", "et": "Estonian", "cy": "Welsh",
           "und": "undetermined", "zxx": "no text", "qme": "media only", "qam": "mentions only",
           "qht": "hashtags only", "art": "emoji only"},
    "fr": {"en": "anglais", "fr": "français", "de": "allemand", "es": "espagnol", "it": "italien",
           "pt": "portugais", "nl": "néerlandais", "ja": "japonais", "ru": "russe", "ar": "arabe", "tr": "turc",
           "pl": "polonais", "sv": "suédois", "da": "danois", "no": "norvégien", "fi": "finnois", "cs": "tchèque",
           "ro": "roumain", "hu": "hongrois", "el": "grec", "uk": "ukrainien", "ca": "catalan", "eu": "basque",
           "in": "indonésien", "id": "indonésien", "tl": "tagalog", "ko": "coréen", "zh": "chinois", "hi": "hindi",
           "iw": "hébreu", "he": "hébreu", "fa": "persan", "ht": "créole haïtien", "et": "estonien", "cy": "gallois",
           "und": "indéterminée", "zxx": "sans texte", "qme": "média seul",
           "qam": "mentions seules", "qht": "hashtags seuls", "art": "émojis seuls"},
}
WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
}


@dataclass(frozen=True)
class Translator:
    """The report's words and number formats for one language."""

    lang: str

    def __call__(self, key: str, **kw: object) -> str:
        """The text for `key` in this language, with `{name}` fields filled in."""
        text = STRINGS[self.lang].get(key)
        if text is None:
            text = STRINGS["en"][key]
        return text.format(**kw) if kw else text

    def has(self, key: str) -> bool:
        """Whether `key` is a known text."""
        return key in STRINGS["en"]

    def integer(self, n: float) -> str:
        """1,234 in English; 1 234 in French."""
        s = f"{round(n):,}"
        return s.replace(",", _NNBSP) if self.lang == "fr" else s

    def decimal(self, x: float, digits: int = 2) -> str:
        """A decimal number with `digits` digits after the point (or comma), thousands separated."""
        if not math.isfinite(x):
            return "–"
        s = f"{x:,.{digits}f}"
        if self.lang == "fr":
            s = s.replace(",", "\x00").replace(".", ",").replace("\x00", _NNBSP)
        return s

    def number(self, x: float) -> str:
        """An integer as an integer, anything else with as many decimals as make sense."""
        if isinstance(x, bool):
            return self.integer(int(x))
        if isinstance(x, int) or (isinstance(x, float) and x.is_integer()):
            return self.integer(x)
        ax = abs(x)
        digits = 0 if ax >= 100 else 1 if ax >= 10 else 2 if ax >= 0.1 or ax == 0 else 3
        return self.decimal(x, digits)

    def axis(self, x: float) -> str:
        """A value on a chart's axis: as few decimals as it needs (0, 2.5, 0.25)."""
        if float(x).is_integer():
            return self.integer(x)
        for digits in (1, 2, 3):
            if abs(round(x, digits) - x) < 1e-9:
                return self.decimal(x, digits)
        return self.decimal(x, 3)

    def share(self, x: float) -> str:
        """12.5% in English; 12,5 % in French."""
        pct = x * 100
        digits = 0 if pct == round(pct) else 1
        s = self.decimal(pct, digits)
        return f"{s}{_NBSP}%" if self.lang == "fr" else f"{s}%"

    def date(self, iso: str) -> str:
        """A `YYYY-MM-DD...` date as 3 Nov 2022 or 3 nov. 2022 (the text itself when it is not a date)."""
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", iso or "")
        if not m or not 1 <= int(m[2]) <= 12:
            return iso
        return f"{int(m[3])} {MONTHS[self.lang][int(m[2]) - 1]} {m[1]}"

    def month(self, key: str) -> str:
        """A `YYYY-MM` month as Nov 2022 or nov. 2022."""
        m = re.match(r"^(\d{4})-(\d{2})$", key or "")
        if not m or not 1 <= int(m[2]) <= 12:
            return key
        return f"{MONTHS[self.lang][int(m[2]) - 1]} {m[1]}"

    def month_short(self, month: int) -> str:
        """The month's abbreviation (1 = January)."""
        return MONTHS[self.lang][month - 1]

    def weekday(self, day: int) -> str:
        """The weekday's abbreviation (0 = Monday)."""
        return WEEKDAYS[self.lang][day % 7]

    def why(self, code: str, args: dict[str, Any], limits: str = "") -> str:
        """Why a value is unknown (a reason code and its arguments, roost.indicators), in this language.

        `limits` is the indicator's own `limits:` text in this language, for the code that points to it.
        """
        if code == "missing_data":
            needs = [str(n) for n in args.get("needs", []) if isinstance(n, str)]
            return self("reason_missing_data", files=self.list_and([self.data_name(n) for n in needs]))
        if code == "needs_option":
            return self("reason_needs_option", option=str(args.get("option", "")))
        if code == "limits" and limits:
            return limits.strip().rstrip(".")
        return self("reason_not_computable")

    def data_name(self, need: str) -> str:
        """How this language names a kind of data an indicator needs (a data type, or `engagement`)."""
        from roost.registry import file_name

        return NEED_NAMES[self.lang].get(need) or file_name(need)

    def list_and(self, items: list[str]) -> str:
        """`a, b and c` in this language."""
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + self("and") + items[-1]

    def language_name(self, code: str) -> str | None:
        """The name of a tweet language code (`fr`, `und`...) in this language, None when unknown."""
        return LANGUAGE_NAMES[self.lang].get(code)


def translator(lang: str) -> Translator:
    """The Translator for `lang` ("en" or "fr"); anything else is a RoostError."""
    if lang not in LANGS:
        raise RoostError(f"the report language {lang!r} is not one of {', '.join(LANGS)}: use --lang en or --lang fr")
    return Translator(lang)
