"""Names about names: where a text talks about a name instead of using it.

"The city Georgians call Sukhumi", "Tskhinvali, known in Russian as Tskhinval",
"грузины называют Сухуми", "auch Suchum genannt", "que les Géorgiens appellent
Soukhoumi": a fix there would change what the sentence says. A mention is about a name
when

* a cue stands before it: words that name what follows ("known in Russian as", "also
  spelled", "so-called", "называемый", "по-грузински —", "bekannt als", "auf Russisch",
  "connue sous le nom de", "ე.წ.");
* a cue follows it: "… genannt", "Kiev is the Russian spelling", "Цхинвал, как его
  называют осетины";
* it is paired with another spelling of the same entity: "Tskhinvali or Tskhinval",
  "Сухум (Сухуми)", "Kyjiw statt Kiew", "Цхинвали, он же Цхинвал"; or chained the same way
  ("or", "/", a bracket, a comma) to a mention that is about a name; or it is the name a
  cue glosses ("Tskhinvali, which Ossetians call Tskhinval": both).

Precision matters as much as recall: a verb cue is not one when the name is its object
rather than the name it gives ("called on Sukhumi to", "called Tskhinvali a puppet",
"Moscow called Sukhumi's bluff", "appelle Soukhoumi à", "назвал Цхинвал партнёром",
"heißt Suchum willkommen"), and a participle after a name is no cue where a preposition
governs the name ("die in Suchum genannten Zahlen", "wurde in Zchinwal genannt").

"So-called" (так называемый, sogenannte, soi-disant, ე.წ.) counts as a cue: it distances
the writer from a name, and a policy that rewrote «ე.წ. სამხრეთ ოსეთი» into its own
variant would put the scare quote on the newsroom's word.

Cues are matched on the folded tokens (blind to case, marks, apostrophes and spacing),
joined by single spaces, and only where one of the language's trigger words occurs: a
text without any costs one set look-up. Words too common in this beat to look each one
up are no triggers: "in Russian", "en russe" before a name are no cue (a bracket or "or"
after one still pairs it: "Sukhumi (Sukhum in Russian)").
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter, eq
from typing import Protocol

from newslib.terms.fold import has_dropped, without_dropped
from newslib.terms.tokens import Tokens

__all__ = ["names_about_names"]


class Named(Protocol):
    """What this module needs of a mention (a scanner's ``Mention``)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def entity(self) -> str: ...
    @property
    def variant(self) -> object: ...
    @property
    def derived(self) -> bool: ...


# How many tokens a cue may span between its trigger word and the name.
_REACH = 9
# A quotation mark or an opening bracket may stand between a cue and the name.
_OPEN = r"(?: [\"“«„'‘‹(])?"
_CLOSE = r"(?:[\"”»“'’›)] )?"
# "по-грузински — Сохуми", "in Russian, Tskhinval"; not a hyphen: «russisch-abchasisch».
_PAUSE = r"(?: [,:—–])?"

# Two spellings of one entity side by side: the text is about the names.
_PAIRS = re.compile(
    r"""^\s*[»”"')\]]?\s*(?:
        ,?\s*(?:also|otherwise|formerly|previously|now|or)?\s*
            (?:spelled|spelt|written|known\s+as|called|named|rendered\s+as)\s*["“«']?
      | [,–—-]?\s*or\s+(?:even\s+)?["“«']?
      | ,?\s*(?:rather\s+than|instead\s+of|not)\s+["“«']?
      # "Sukhumi (Georgian: Sokhumi)", «Ахалгори (грузинский: ახალგორი)», "Kyïv (ou Kyiv)"
      | \s*[(\[]\s*(?:(?:[^\W\d_]+\s+){0,2}[^\W\d_]+\s*:\s*)?
            (?:(?:or|ou|oder|или|also|aussi|auch|также|formerly|aka|a\.k\.a\.)\s+)?["“«']?
      | \s*/\s*
      | \s+(?:is|was|ist|war|est|était|это)\s+  # "the Georgian name for Sukhumi is Sokhumi"
      | ,?\s*(?:или|он\s+же|она\s+же|также|ранее|прежде|иначе|вместо|а\s+не)\s*(?:—\s*)?["“«']?
      | ,?\s*(?:также\s+)?(?:известн\w*\s+как|называем\w*|пишут)\s*["“«']?
      | \s*[»”"]?\s*(?:в|на|to|into|à|en)\s+["“«']?
      | ,?\s*(?:oder|auch|früher|bzw\.|statt|anstatt|anstelle\s+von|sondern(?:\s+als)?)\s*
            (?:genannt|geschrieben)?\s*["“«„']?
      | \s*[»”“"]?\s*(?:von|zu|auf|in)(?:\s+einmal)?\s+["“«„']?
      | ,?\s*(?:ou|aussi|anciennement|dit|plutôt\s+que|et\s+non|à\s+la\s+place\s+de
            |au\s+profit\s+de)\s*(?:appelée?|écrit)?\s*["“«']?
      | ,?\s*(?:ანუ|იგივე)\s*["“«„']?
      | ،?\s*أو\s+
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
# What links a name to one next to it that is about a name: the second is too.
_CHAIN = re.compile(
    r"""^\s*[»”"'’)]?\s*(?:in\s+\w+\s*)?(?:
        [,،]?\s*(?:or|and|или|и|oder|und|ou|et|ან|და|أو|و)?
      | \s*[(/]
      # «Сухуми, абхазы — Сухумом», «Ленингор, для правительства Грузии - Ахалгори»
      | ,\s*(?:а\s+|and\s+|und\s+|et\s+)?(?:\w+\s+){0,2}\w+\s*[—–-]
    )\s*[«“„"'‘(]?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;!?]")
# The longest text a pair's connector takes ("», à la place de «").
_PAIR_REACH = 40
# How far (in characters) a name a cue glosses may stand before the cue.
_GLOSS_REACH = 60


@dataclass(frozen=True, slots=True)
class _Table:
    """A language's cues as written: regular expressions over space-joined folded tokens."""

    triggers: Iterable[str]  # the words a cue starts or ends with
    before: str  # see _Cues
    after: str
    not_named: str = r"^$"
    governed_by: Iterable[str] = ()


@dataclass(frozen=True, slots=True)
class _Cues:
    """A language's cues: patterns over space-joined folded tokens, and their triggers."""

    triggers: frozenset[str]
    # Searched in " " + the tokens from two before a trigger to just before the name; a
    # match must end there. Group "verb": a verb whose object the name may be.
    before: re.Pattern[str]
    # Matched on the tokens after the name, up to the trigger and one token beyond it.
    after: re.Pattern[str]
    # The token after the name, after a verb cue: the name is the verb's object.
    not_named: re.Pattern[str]
    # Tokens before the name that make a following cue no cue ("in Suchum genannt").
    governed_by: frozenset[str]


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _forms(stems: str, endings: str) -> list[str]:
    """Every stem with every ending ("" for the bare stem): word lists as text."""
    return [stem + ending for stem in stems.split() for ending in ["", *endings.split()]]


# ---------------------------------------------------------------------- English

_EN_HOW = (
    r"(?: (?:also|often|sometimes|commonly|locally|officially|historically|usually|variously"
    r"|now|still|widely|better|mostly|traditionally|increasingly|once|previously|formerly"
    r"|in (?:russian|georgian|ossetian|abkhaz|abkhazian|english|ukrainian|french|german"
    r"|arabic|moscow|tbilisi|georgia|russia)|to (?:georgians|russians|ossetians|abkhazians"
    r"|abkhaz|locals|residents)|by (?:georgians|russians|ossetians|abkhazians|abkhaz|locals"
    r"|moscow|tbilisi|residents)))*"
)
_EN_PLACE = (
    r"(?: (?:it|them|the (?:city|town|village|region|capital|place|area|gorge)|republic of))?"
)
_EN_NOUN = "name names spelling spellings toponym transliteration transliterations rendering"
_EN = _Table(
    triggers={
        *"call calls called calling known spelled spelt written transliterated rendered".split(),
        *"romanised romanized pronounced named dubbed renamed termed referred formerly".split(),
        *"previously officially once".split(),
        *_EN_NOUN.split(),
        *"variant variants romanisation romanization".split(),
    },
    before=(
        rf" (?:(?P<verb>call|calls|called|calling){_EN_HOW}{_EN_PLACE}"
        rf"|(?:known|referred to){_EN_HOW} as"
        rf"|(?:spelled|spelt|written|transliterated|rendered|romanised|romanized|pronounced)"
        rf"{_EN_HOW}(?: as)?"
        rf"|(?:named|dubbed|renamed|termed){_EN_HOW}{_EN_PLACE}(?: as| to)?"
        rf"|(?<! in the )(?<! on the )(?:{_alternatives(_EN_NOUN.split())})"
        r"(?: (?:of|for)(?: it| the (?:city|town|village|region|capital|place|area))?)?"
        r"(?: (?:is|was|are|were|became|becomes|has become|remains))?"
        r"|(?:name|spelling) (?:was|has been|had been|is) changed(?: back)? to"
        r"|(?:formerly|previously)(?: \( [^()]{1,20} \))?(?: (?:called|known as|named))?"
        r"|[,(] officially(?: (?:called|known as|named))?"
        r"|[,(] once)"
        rf"{_PAUSE}{_OPEN}$"
    ),
    after=(
        rf"^{_CLOSE}(?:"
        r"(?:is|was|are|were|remains) (?:the|a|an|its|their) (?:\S+ ){0,4}"
        r"(?:name|names|spelling|spellings|transliteration|transliterations|rendering"
        r"|romanisation|romanization|variant|variants|toponym)"
        r"|, as (?:\S+ ){1,3}(?:call|calls|called|spell|spells|spelled|know|knew|name|names)"
        # the "Kiev" spelling
        r"|spelling|spellings|transliteration|romanisation|romanization|rendering"
        r")(?: \S+)?$"
    ),
    not_named=r"^(?:a|an|the|its|their|his|her|our|your|one|home|on|upon|off|for|back|up"
    r"|out|' s|'s)$",
    governed_by=(),
)

# ---------------------------------------------------------------------- Russian

_RU_VERBS = [
    *_forms("называ", "ют ет л ла ли ло лся лась лись лось ется ются ть ем"),
    *_forms("называем", "ый ая ое ые ого ой ому ым ых ую ом"),
    *_forms("назван", "а о ы ный ная ное ные ного ной ному ным ных ную"),
    *_forms("назвал", "а и о"),
    *_forms("именуют именует именуется именуются именовали именовал именовала", ""),
    *_forms("именуем", "ый ая ое ые ого ой ым ых ую"),
    *_forms("величают окрестили", ""),
]
_RU_RENAMED = [*_forms("переименован", "а о ы ный ная ного ной"), "переименовали", "переименовал"]
_RU_NOUNS = [
    *_forms("названи наименовани написани транскрипци", "е я ю ем и"),
    *_forms("топоним", "а у ом е ы"),
    "слово",
]
_RU_FILLER = (  # a word between a verb and the name, but not a governing preposition
    r"(?: (?!(?:в|во|на|из|у|к|ко|с|со|о|об|обо|при|под|над|за|до|от|для|про|через|между"
    r"|по)\b)[^\s,.;:!?«»\"“”()—–-]+){0,3}"
)
_RU_LANGS = "грузински русски осетински абхазски английски украински армянски"
_RU_ABBREVIATIONS = "груз осет абх рус англ укр"
_RU = _Table(
    triggers={
        *_RU_VERBS,
        *_RU_RENAMED,
        *_RU_NOUNS,
        *_forms("известн", "ый ая ое ые ого ой ому ым ых ую а о ы"),
        "известен",
        *"пишется пишут пишет произносится произносят".split(),
        *_RU_LANGS.split(),
        *_RU_ABBREVIATIONS.split(),
        *_forms("бывш", "ий ая ее ие его ей ему им их ую ем"),
        *_forms("прежн", "ее ем его"),
    },
    before=(
        rf" (?:(?P<verb>так (?:называем\w*)|{_alternatives(_RU_VERBS)}){_RU_FILLER}(?: как)?"
        r"|переименова\w*(?: (?:его|её|ее|город|столицу))?(?: в| из)?"
        r"|(?:также |ещё |более |больше |широко |лучше )?(?:известн\w+)(?: \S+){0,3} как"
        r"|(?:пишется|пишут|пишет|произносится|произносят)(?: и \S+)?(?: также)?(?: как)?"
        rf"|по - (?:{_alternatives(_RU_LANGS.split())})"
        rf"|(?:{_alternatives(_RU_ABBREVIATIONS.split())}) \."
        rf"|(?:{_alternatives(_RU_NOUNS)})(?: (?:города|села|посёлка|поселка))?"
        r"(?: (?:стало|было|был|была|является|остаётся|остается))?"
        r"|(?:бывш|прежн)\w+(?: (?:название|названием))?)"
        rf"{_PAUSE}{_OPEN}$"
    ),
    after=(
        rf"^{_CLOSE}(?:, (?:как|так) (?:его |её |ее |их |город |столицу )?(?:\S+ )?"
        r"(?:называ\w*|именуют|зовут|пишут)"
        r"|(?:—|–|-) (?:\S+ ){0,3}(?:название|наименование|написание|топоним|вариант|форма)"
        r")(?: \S+)?$"
    ),
    # «назвал Цхинвал надёжным партнёром»: an instrumental predicate names what it is.
    not_named=r"^(?!(?:этим|тем|им|ним)$)[а-яё]+(?:ой|ей|ом|ем|ым|им|ами|ями|ью)$",
    governed_by=(),
)

# ---------------------------------------------------------------------- German

_DE_LANGS = "russisch georgisch ossetisch abchasisch englisch ukrainisch deutsch französisch"
_DE_NOUNS = "name namen namens schreibweise bezeichnung wort transkription transliteration"
_DE_PREPOSITIONS = "in im aus nach von vom bei beim zu zum zur am um über für gegen mit ab bis"
_DE = _Table(
    triggers={
        *_forms("nenn", "e st t en te ten"),
        *"heißt heisst hieß hiess heißen heissen benannt umbenannt getauft".split(),
        *"bekannt bezeichnet genannt geschrieben buchstabiert umzubenennen umbenennen".split(),
        *_forms("genannte sogenannte", "n r s m"),
        *_DE_LANGS.split(),
        *_DE_NOUNS.split(),
        *"ehemals vormals früher einst".split(),
    },
    before=(
        r" (?:(?P<verb>nenn\w*|heißt|heisst|hieß|hiess|heißen|heissen|getauft)"
        r"(?: (?:es|sie|ihn|die stadt|den ort|die hauptstadt|das dorf|die region|auch|heute"
        r"|offiziell|jetzt|nun|inzwischen|meist|oft|dort|hier|auf \w+isch))*"
        r"|(?:um)?benannt(?: in)?"
        r"|(?:auch |heute |früher |offiziell |meist |oft |international |eher )?"
        r"(?:bekannt|bezeichnet) als"
        r"|(?:auch )?(?:buchstabiert|geschrieben)"
        r"|(?:so genannt|sogenannt)\w*(?: (?:republik|region|regierung|hauptstadt|staat))?"
        rf"|(?:auf |zu )?(?:{_alternatives(_DE_LANGS.split())})"
        rf"|(?:{_alternatives(_DE_NOUNS.split())})(?: (?:der|des) (?:\S+ ){{0,2}}\S+)?"
        r"(?: (?:für|von|lautet|ist|war))?"
        r"|(?:ehemals|vormals)(?: auch)?"
        r"|[,(] (?:früher|einst)(?: \( [^()]{1,20} \))?(?: auch)?)"
        rf"{_PAUSE}{_OPEN}$"
    ),
    after=(
        rf"^{_CLOSE}(?:(?:genannt|geschrieben|bezeichnet|bekannt|buchstabiert|umbenannt"
        r"|umzubenennen|umbenennen)"
        r"|(?:heißt|heisst) [.,;:!?)»“”\"]"
        r"|(?:ist|war) (?:\S+ ){0,6}(?:name|schreibweise|transkription|bezeichnung|form)"
        r")(?: \S+)?$"
    ),
    not_named=r"^(?:willkommen|ein|eine|einen|einer|den|die|das|dem|der|des)$",
    governed_by=_DE_PREPOSITIONS.split(),
)

# ---------------------------------------------------------------------- French

_FR_LANGS = "russe géorgien ossète abkhaze ukrainien anglais français"
_FR_NOUNS = (
    "nom appellation graphie orthographe translittération transcription désignation "
    "toponyme dénomination"
)
_FR_ADJECTIVES = (
    r"(?: (?:officiel|officielle|russe|géorgien|géorgienne|ossète|abkhaze|ukrainien"
    r"|ukrainienne|français|française|anglais|anglaise|ancien|ancienne|nouveau|nouvelle"
    r"|actuel|actuelle|local|locale))*"
)
# One more word after a name's noun: «l'orthographe occidentale de la capitale».
_FR_FREE_WORD = r"(?: (?!(?:de|du|des|d|à|au|aux|en|dans|pour|par|sur|et|ou)\b)[^\W\d_]+)?"
_FR_ASIDE = r"(?: (?:aussi|également|encore|parfois|souvent|désormais|officiellement|toujours))*"
_FR = _Table(
    triggers={
        *_forms("appel", "é ée és ées le lent ait aient"),
        *_forms("nomm surnomm dénomm rebaptis baptis renomm", "é ée és ées"),
        *_forms("orthographi translitér", "é ée és ées"),
        *_forms("écrit transcrit", "e s es"),
        *"dite dites anciennement autrefois jadis disant disante prétendu prétendue".split(),
        *_FR_NOUNS.split(),
        "retranscription",
    },
    before=(
        r" (?:(?P<verb>appelée|appelées|appelle|appellent|appelait|appelaient"
        r"|(?<! a )(?<! ont )(?<! avait )(?<! avaient )(?<! aura )(?<! ai )(?:appelé|appelés))"
        rf"{_FR_ASIDE}(?: (?:la ville|le village|la capitale|la région|cette ville))?"
        r"(?: en \S+)?"
        r"|(?:(?:sur|dé|re)?nomm|rebaptis|baptis|orthographi|translitér)(?:é|ée|és|ées)"
        rf"{_FR_ASIDE}"
        rf"|(?:écrit|transcrit)(?:e|s|es)?{_FR_ASIDE}(?: (?:comme|en \S+))?"
        r"|dites?"
        r"|soi - disante?s?|prétendue?s?"
        r"|anciennement|autrefois|jadis"
        rf"|(?<! au )(?:{_alternatives(_FR_NOUNS.split())}){_FR_ADJECTIVES}{_FR_FREE_WORD}"
        r"(?: (?:de la ville|du village|de la capitale|de la région)(?: \S+)?)?"
        r"(?: (?:de|d '|est|était|devient|reste))?"
        r")"
        rf"{_PAUSE}{_OPEN}$"
    ),
    after=(
        rf"^{_CLOSE}(?:(?:est|était|reste|demeure) (?:la|une|le|un|l ') (?:\S+ ){{0,3}}"
        rf"(?:{_alternatives(['retranscription', *_FR_NOUNS.split()])}))"
        r"(?: \S+)?$"
    ),
    not_named=r"^(?:à|au|aux|pour|un|une|le|la|les)$",
    governed_by=(),
)

# ---------------------------------------------------------------------- Georgian, Arabic

_KA_LANGS = "რუსულად ოსურად აფხაზურად ქართულად ინგლისურად"
_KA = _Table(
    triggers={"წ", "სახელწოდება", "სახელწოდებით", *_KA_LANGS.split(),
                 "უწოდებენ", "უწოდებს", "ეწოდება", "ეძახიან", "უწოდა", "უწოდეს"},
    before=(
        r" (?:ე \. წ \.|სახელწოდება|სახელწოდებით"
        rf"|{_alternatives(_KA_LANGS.split())}){_PAUSE}{_OPEN}$"
    ),
    after=rf"^{_CLOSE}(?:უწოდებენ|უწოდებს|ეწოდება|ეძახიან|უწოდა|უწოდეს)(?: \S+)?$",
    not_named=r"^$",
    governed_by=(),
)  # fmt: skip
_AR_LANGS = "بالروسية بالجورجية بالأوسيتية بالأبخازية بالإنجليزية"
_AR = _Table(
    triggers={"باسم", "المسماة", "المسمى", "تسمى", "يسمى", "تدعى", "يدعى", *_AR_LANGS.split()},
    before=(
        r" (?:(?:المعروفة|المعروف|المعروفين|تعرف|يعرف) باسم|باسم|المسماة|المسمى|تسمى|يسمى"
        rf"|تدعى|يدعى|{_alternatives(_AR_LANGS.split())}){_PAUSE}{_OPEN}$"
    ),
    after=r"^(?!)",
    not_named=r"^$",
    governed_by=(),
)

_LANGUAGES = {"en": _EN, "ru": _RU, "de": _DE, "fr": _FR, "ka": _KA, "ar": _AR}
_TRIGGERS = {lang: frozenset(table.triggers) for lang, table in _LANGUAGES.items()}


@cache
def _cues(lang: str) -> _Cues:
    """The compiled cues of *lang* (compiled the first time a text has a trigger)."""
    table = _LANGUAGES[lang]
    return _Cues(
        triggers=_TRIGGERS[lang],
        before=re.compile(table.before),
        after=re.compile(table.after),
        not_named=re.compile(table.not_named),
        governed_by=frozenset(table.governed_by),
    )


def names_about_names(tokens: Tokens, mentions: Sequence[Named], lang: str) -> set[int]:
    """The indexes of the *mentions* (in text order) where the text is about a name."""
    text = tokens.text
    about: set[int] = set()
    glossed: dict[int, int] = {}  # mention index -> where the cue before it starts
    triggers = _TRIGGERS.get(lang)
    if triggers is not None and not tokens.unique.isdisjoint(triggers):
        _mark_cues(tokens, mentions, _cues(lang), about, glossed)
    entities = list(map(attrgetter("entity"), mentions))
    # Neighbours of one entity, found in C: most neighbours name different entities.
    for i in itertools.compress(itertools.count(), map(eq, entities, entities[1:])):
        left, right = mentions[i], mentions[i + 1]
        if (
            right.start - left.end <= _PAIR_REACH
            and _other_spelling(left, right)
            and _PAIRS.match(_between(text, left, right))
        ):
            about.update((i, i + 1))
    for j, cue_start in glossed.items():  # "Tskhinvali, which Ossetians call Tskhinval"
        gloss = _glossed_name(text, mentions, j, cue_start)
        if gloss is not None:
            about.add(gloss)
    if about:
        _chain(text, mentions, about)
    return about


def _other_spelling(left: Named, right: Named) -> bool:
    """True when two mentions of one entity are spelt in different variants."""
    return left.variant is not right.variant and left.variant != right.variant


def _between(text: str, left: Named, right: Named) -> str:
    """The text between two mentions, without the marks folding drops."""
    between = text[left.end : right.start]
    return without_dropped(between) if has_dropped(between) else between


def _glossed_name(text: str, mentions: Sequence[Named], j: int, cue_start: int) -> int | None:
    """The mention a cue before ``mentions[j]`` (or after it) glosses: the closest
    earlier mention of the same entity in another spelling, in the same clause."""
    named = mentions[j]
    for i in range(j - 1, -1, -1):
        left = mentions[i]
        between = without_dropped(text[left.end : cue_start])
        if len(between) > _GLOSS_REACH or _SENTENCE_END.search(between):
            return None
        if left.entity == named.entity:
            return i if _other_spelling(left, named) else None
    return None


def _mark_cues(
    tokens: Tokens,
    mentions: Sequence[Named],
    cues: _Cues,
    about: set[int],
    glossed: dict[int, int],
) -> None:
    """Mark the mentions a cue stands before or after."""
    words, bounds = tokens.words, tokens.bounds
    starts = list(map(attrgetter("start"), mentions))
    ends = list(map(attrgetter("end"), mentions))
    for word in cues.triggers & tokens.unique:
        for t in tokens.positions(word):
            trigger = bounds[2 * t]
            # The name may follow one other inside the cue ("известный в России как").
            j = bisect_right(starts, trigger)
            stop = min(j + 2, len(mentions))
            while j < stop and (first := _token_at(bounds, starts[j])) - t <= _REACH:
                if j not in about and not mentions[j].derived:  # an adjective names no name
                    start = _cue_before(words, t, first, _token_ending(bounds, ends[j]), cues)
                    if start is not None:
                        about.add(j)
                        glossed[j] = tokens.start(start)
                        break
                j += 1
            k = bisect_right(ends, trigger) - 1  # the last mention before the trigger
            if k < 0 or k in about or mentions[k].derived:
                continue
            first, last = _token_at(bounds, starts[k]), _token_ending(bounds, ends[k])
            if (
                t - last <= _REACH
                and (k + 1 == len(mentions) or starts[k + 1] > trigger)
                and (first == 0 or words[first - 1] not in cues.governed_by)
                and cues.after.match(" ".join(words[last + 1 : t + 2]))
            ):
                about.add(k)
                glossed[k] = mentions[k].start


def _token_at(bounds: list[int], offset: int) -> int:
    """The token that starts at *offset* (token i spans bounds[2i] .. bounds[2i + 1])."""
    return (bisect_left(bounds, offset) + 1) // 2


def _token_ending(bounds: list[int], offset: int) -> int:
    """The token that ends at *offset*."""
    return (bisect_left(bounds, offset) - 1) // 2


def _cue_before(words: list[str], t: int, first: int, last: int, cues: _Cues) -> int | None:
    """The token where a cue that ends just before the name at tokens *first*..*last*
    starts (the trigger *t* or up to two tokens before it), or ``None``."""
    begin = max(0, t - 2)
    phrase = " " + " ".join(words[begin:first])
    found = cues.before.search(phrase)
    if found is None:
        return None
    following = _next_word(words, last + 1)
    if following == "' s":  # "the name of South Ossetia's capital"
        return None
    if found.groupdict().get("verb") is not None and cues.not_named.match(following):
        return None  # "called on Sukhumi", "called Tskhinvali a puppet"
    return begin + phrase[: found.start()].count(" ")


def _next_word(words: list[str], index: int) -> str:
    """The token at *index* ("" past the end), "' s" for a possessive ending."""
    if index >= len(words):
        return ""
    if words[index] == "'" and index + 1 < len(words) and words[index + 1] == "s":
        return "' s"
    return words[index]


def _chain(text: str, mentions: Sequence[Named], about: set[int]) -> None:
    """Spread ``about`` to the nearest mention of the same entity on either side when
    "or", "/", a bracket or a comma joins them ("known as Сухум (Sukhum) or Сухуми
    (Sukhumi)"); mentions of other entities between them (a demonym: «абхазы — Сухумом»)
    do not break the chain."""
    work = list(about)
    while work:
        i = work.pop()
        for j in (_nearest_same(mentions, i, 1), _nearest_same(mentions, i, -1)):
            if j is None or j in about:
                continue
            left, right = mentions[min(i, j)], mentions[max(i, j)]
            if _CHAIN.match(_between(text, left, right)):
                about.add(j)
                work.append(j)


def _nearest_same(mentions: Sequence[Named], i: int, step: int) -> int | None:
    """The nearest mention of ``mentions[i]``'s entity in direction *step*, if close."""
    named = mentions[i]
    j = i + step
    while 0 <= j < len(mentions):
        other = mentions[j]
        if (other.start - named.end if step > 0 else named.start - other.end) > _GLOSS_REACH:
            return None
        if other.entity == named.entity:
            return j
        j += step
    return None
