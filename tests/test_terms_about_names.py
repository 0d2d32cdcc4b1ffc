"""Names about names: the text talks about a name ("the city Georgians call Sukhumi"), so a
fix would change what it says. Sentences marked with a source are quoted from published
copy (as the search corpus holds it, checked in 2025); the others are written for these
tests in the manner of agency copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslib import check_text, fix_text, load_gazetteer, scan_text
from newslib.terms.gazetteer import Gazetteer

# (language, sentence, the surfaces that are about names; every other mention is not)
POSITIVE = [
    # --- English
    ("en", "The city Georgians call Sukhumi has been under Abkhaz control since 1993.",
     {"Sukhumi"}),
    ("en", "Tskhinvali, known in Russian as Tskhinval, lies on the Great Liakhvi river.",
     {"Tskhinvali", "Tskhinval"}),
    # en.wikipedia.org/wiki/Tskhinvali
    ("en", "Tskhinvali or Tskhinval, occasionally called Stalinir during specific contexts, is "
     "the capital of the disputed de facto independent Republic of South Ossetia.",
     {"Tskhinvali", "Tskhinval", "Stalinir"}),
    # en.wikipedia.org/wiki/Tskhinvali
    ("en", 'Modern Ossetians call the city Tskhinval (leaving off the final "i", which is a '
     "nominative case ending in Georgian).", {"Tskhinval"}),
    # en.wikipedia.org/wiki/Tskhinvali
    ("en", "From 1934 to 1961, the city was named Staliniri.", {"Staliniri"}),
    # encyclopedia.com, "Tskhinvali" (the second clause is a known miss, below)
    ("en", "Its name was changed to Staliniri in 1934.", {"Staliniri"}),
    # Britannica's entry, as reproduced by bfjaawards.com
    ("en", "Tskhinvali, also spelled Ckhinvali, formerly (1934–61) Staliniri, city, "
     "north-central Georgia, on the Bolshaya Liakhvi River.", {"Tskhinvali", "Staliniri"}),
    # en.wikipedia.org/wiki/Tskhinvali
    ("en", "Tskhinvali Region was also known historically as Samachablo by Georgians.",
     {"Tskhinvali Region", "Samachablo"}),
    # en.wikipedia.org/wiki/Sukhumi, "Toponym"
    ("en", "In Georgian, the city is known as Sokhumi (სოხუმი), and in Russian as Сухум "
     "(Sukhum) or Сухуми (Sukhumi).",
     {"Sokhumi", "სოხუმი", "Сухум", "Sukhum", "Сухуми", "Sukhumi"}),
    # lonelyplanet.com/georgia/western-georgia/sukhumi
    ("en", "Abkhazia’s capital (Sukhumi or Sukhum in Russian, Sokhumi in Georgian, Akwa in "
     "Abkhaz) has a gorgeous setting on a bay backed by hills.",
     {"Sukhumi", "Sukhum", "Sokhumi"}),
    # en.wikipedia.org/wiki/Akhalgori
    ("en", "The name Akhalgori is the original historical name of the town used by the "
     "Georgians and officials, whereas Leningor is the name given to the city in the Soviet "
     "era and used by the South Ossetians.", {"Akhalgori", "Leningor"}),
    # de.zxc.wiki/wiki/Achalgori (English edition)
    ("en", "In the South Ossetian administrative structure, the Rajon is referred to as "
     "Leningor Rajon.", {"Leningor"}),
    ("en", "Sukhum was the standard spelling in Soviet-era atlases.", {"Sukhum"}),
    ("en", "What Georgians call Sukhumi, Abkhaz call Aqwa.", {"Sukhumi", "Aqwa"}),
    ("en", "Tskhinval, as Ossetians call it, came under fire overnight.", {"Tskhinval"}),
    ("en", "The so-called Tskhinvali Region is how Tbilisi refers to South Ossetia.",
     {"Tskhinvali Region"}),
    ("en", "The Georgian name for Sukhumi is Sokhumi.", {"Sukhumi", "Sokhumi"}),
    ("en", "Tskhinvali, which Ossetians call Tskhinval, was shelled on Thursday.",
     {"Tskhinvali", "Tskhinval"}),
    ("en", "Moscow uses Sukhum instead of Sukhumi.", {"Sukhum", "Sukhumi"}),
    ("en", "Known locally as Tskhinval, the city was shelled overnight.", {"Tskhinval"}),
    ("en", "Sukhumi (Sukhum in Russian) is the region's main port.", {"Sukhumi", "Sukhum"}),
    # Sentences below were run once before the cues were tuned to them (held out): their
    # results then are in the branch's report.
    # buckshee.net, "Tskhinval. Capital"
    ("en", "In 1934, in honor of Joseph Stalin, the city was named Stalinir, or Staliniri.",
     {"Stalinir", "Staliniri"}),
    # buckshee.net, "Tskhinval. Capital"
    ("en", "In 1961 it was renamed Tskhinvali.", {"Tskhinvali"}),
    # en.wikipedia.org/wiki/Sukhumi
    ("en", "Sukhumi's history can be traced to the 6th century BC, when it was settled by "
     "Greeks, who named it Dioscurias.", {"Dioscurias"}),
    # written for this test: "X, officially Y" (the shape of en4 in the try18 report)
    ("en", "Ivory Coast, officially Côte d'Ivoire, votes in October.",
     {"Ivory Coast", "Côte d'Ivoire"}),
    ("en", "Turkey, officially Türkiye since 2022, hosted the talks.",
     {"Turkey", "Türkiye"}),
    # --- Russian
    ("ru", "Грузины называют город Сухуми, абхазы — Сухумом.", {"Сухуми", "Сухумом"}),
    ("ru", "Цхинвал, как его называют осетины, снова обстреляли ночью.", {"Цхинвал"}),
    ("ru", "Так называемый Цхинвальский регион Тбилиси считает частью Грузии.",
     {"Цхинвальский регион"}),
    ("ru", "Цхинвали, известный в России как Цхинвал, расположен на Большой Лиахви.",
     {"Цхинвали", "Цхинвал"}),
    ("ru", "О переименовании Сухуми в Сухум объявили в 1992 году.", {"Сухуми", "Сухум"}),
    # abhazium.ru, «Сухуми или Сухум?»
    ("ru", "В августе 1936 года город был официально переименован в Сухуми.", {"Сухуми"}),
    # abhazium.ru, «Сухуми или Сухум?»
    ("ru", "Вывод: Сухум, а не Сухуми.", {"Сухум", "Сухуми"}),
    # abhazium.ru, «Сухуми или Сухум?»
    ("ru", "Слово «Сухум» склоняется так.", {"Сухум"}),
    # hmong.ru, «Сухум» (stress marks as printed)
    ("ru", "Суху́м или Суху́ми (абх. Аҟәа, груз. სოხუმი, /соху́ми/) — крупнейший в "
     "Абхазии город.", {"Суху́м", "Суху́ми", "Аҟәа", "სოხუმი"}),
    # RIA Novosti, 20 August 2008, as quoted by pishika.ru
    ("ru", "Российские лингвисты не имеют единой позиции по поводу написания названия столицы "
     "Южной Осетии, которая традиционно в России называлась в соответствии с грузинской "
     "традицией «Цхинвали», а сейчас все чаще пишется и произносится как «Цхинвал».",
     {"Цхинвали", "Цхинвал"}),
    # ritmmsk.ru
    ("ru", "Журналисты разных каналов поначалу путались в названиях, но за несколько дней "
     "выправились: у них город теперь тоже называется «Цхинвалом».", {"Цхинвалом"}),
    # ru.frwiki.wiki, «Ахалгори»
    ("ru", "Для правительства Южной Осетии город называется Ленингор, для правительства "
     "Грузии - Ахалгори.", {"Ленингор", "Ахалгори"}),
    # travelgeorgia.ru/911
    ("ru", "Ахалгори (ახალგორი), он же Ленингор — посёлок городского типа.",
     {"Ахалгори", "ახალგორი", "Ленингор"}),
    ("ru", "Город, по-русски — Сухум, стоит на берегу Чёрного моря.", {"Сухум"}),
    # ru.frwiki.wiki, «Ахалгори» (held out)
    ("ru", "Ахалгори (грузинский: ახალგორი) или Ленингор (осетинский и русский: Ленингор) - "
     "город в Южной Осетии.", {"Ахалгори", "ახალგორი", "Ленингор"}),
    # ru.frwiki.wiki, «Ахалгори» (held out)
    ("ru", "В конце 1990 года его переименовали в Ахалгори грузины.", {"Ахалгори"}),
    # abhazium.ru, «Почему не "Сухуми", а "Сухум"?» (held out)
    ("ru", "В 1724 на месте Цхуми турки выстроили свою крепость и назвали ее \"Сухум-Кале\".",
     {"Сухум-Кале"}),
    # --- German
    ("de", "Zchinwali, von den Osseten Zchinwal genannt, liegt am Großen Liachwi.",
     {"Zchinwali", "Zchinwal"}),
    ("de", "Die Georgier nennen die Stadt Suchumi, auf Russisch heißt sie Suchum.",
     {"Suchumi", "Suchum"}),
    ("de", "Achalgori, auch als Leningor bekannt, liegt östlich von Zchinwali.",
     {"Achalgori", "Leningor"}),
    ("de", "Die sogenannte Republik Südossetien wird nur von wenigen Staaten anerkannt.",
     {"Südossetien"}),
    # Britannica's entry in German, as reproduced by bfjaawards.com
    ("de", "Zchinwali, auch buchstabiert Cchinvali, früher (1934–61) Staliniri, Stadt, "
     "nördliches Zentralgeorgien.", {"Zchinwali", "Staliniri"}),
    ("de", "Moskau spricht von Zchinwal statt Zchinwali.", {"Zchinwal", "Zchinwali"}),
    # --- French
    ("fr", "Soukhoumi, que les Abkhazes appellent Soukhoum, est un port de la mer Noire.",
     {"Soukhoumi", "Soukhoum"}),
    ("fr", "La ville, connue sous le nom d'Akhalgori, fut rebaptisée Leningor en 1934.",
     {"Akhalgori", "Leningor"}),
    # laurelhillcemetery.blog/fr (a French Wikipedia mirror)
    ("fr", "De 1934 à 1961, la ville s’est appelée Staliniri, en l’honneur de Iosif Staline.",
     {"Staliniri"}),
    # fr.vogueindustry.com (the second name, after "en russe", is a known miss, below)
    ("fr", 'En bulgare, la ville s\'appelle "Tskhinvali".', {"Tskhinvali"}),
    # fr.vogueindustry.com
    ("fr", "L'existence d'un village appelé Tskhinvali a déjà été mentionnée en 1398.",
     {"Tskhinvali"}),
    ("fr", "Tskhinvali, dite Tskhinval dans la presse russe, a été bombardée.",
     {"Tskhinvali", "Tskhinval"}),
    ("fr", "Moscou écrit Soukhoum plutôt que Soukhoumi.", {"Soukhoum", "Soukhoumi"}),
    ("fr", "Soukhoumi (Soukhoum en russe) est le principal port de la région.",
     {"Soukhoumi", "Soukhoum"}),
    # laurelhillcemetery.blog/fr (held out)
    ("fr", "Tskhinval est située sur la grande rivière Liajvi, à environ 100 km au nord-ouest "
     "de la capitale géorgienne Tbilissi (Tbilisi).", {"Tbilissi", "Tbilisi"}),
    # --- Georgian
    ("ka", "ე.წ. სამხრეთ ოსეთის დე ფაქტო ხელისუფლებამ საზღვრის გადაკეტვა გამოაცხადა.",
     {"სამხრეთ ოსეთის"}),
    ("ka", "ქალაქს, რომელსაც ოსები ცხინვალს უწოდებენ, ქართველები ცხინვალს ეძახიან.",
     {"ცხინვალს"}),
    # --- Arabic
    ("ar", "تسخينفالي، المعروفة باسم تسخينفال في وسائل الإعلام الروسية، تعرضت للقصف.",
     {"تسخينفالي", "تسخينفال"}),
    ("ar", "يطلق الروس على المدينة اسم سوخوم أو سوخومي.", {"سوخوم", "سوخومي"}),
]  # fmt: skip

# Sentences about places, not names: no mention in them is about a name.
NEGATIVE = [
    ("en", "Talks in Sukhumi, called by the UN, ended without agreement."),
    ("en", "The EU called on Sukhumi to release the detainees."),
    ("en", "Moscow called Tskhinvali's decision premature."),
    ("en", "Tbilisi called Tskhinvali a puppet of the Kremlin."),
    ("en", "A letter written in Tskhinvali reached Geneva on Monday."),
    ("en", "Staliniri, as Tskhinvali was called, grew fast in the 1950s."),
    ("en", "In the name of Tskhinvali's victims, the minister laid a wreath."),
    ("en", "Sukhumi is known for its botanical garden and its monkey nursery."),
    ("en", "The Russian delegation flew to Sukhum on Tuesday."),
    ("en", "He was once Tskhinval's chief negotiator."),
    ("en", "The name of South Ossetia's capital is disputed."),
    ("en", "The bridge was officially opened in Kyiv on Monday."),
    ("en", "Officially, Kiev denied the report."),
    # thefreedictionary.com, "Sokhumi", references in periodicals
    ("en", "Ferrero-Waldner argued for a new format of peace talks between Tbilisi and "
     "Sokhumi."),
    # en.m.wikivoyage.org/wiki/Tskhinvali
    ("en", "Citizens of any state can come to Tskhinval only from the Russian side."),
    # ar.ichacha.net (bilingual sentence pairs), English side
    ("en", "The Abkhaz were relatively unarmed at the time and the Georgian troops were able "
     "to march into Sukhumi with relatively little resistance."),
    # held out: paulturner-mitchell.com; fact-index.com; wikivoyage; en.wikipedia
    ("en", "Tskhinval is the capital of South Ossetia, a city that is also one of the most "
     "developed and large."),
    ("en", "In 1922 Tskhinval was officially recognized as the administrative center of the "
     "South Ossetian Autonomous Region."),
    ("en", "It was the Turkish fortress of Sukhum-Kale when Russia occupied it in 1810."),
    ("en", "Sukhumi is the capital of the rebellious province of Abkhazia in Georgia."),
    ("en", "Holders of European Union passports require an Entry Permit Letter issued by the "
     "Ministry of Foreign Affairs in Sukhumi."),
    ("en", "Pretty much the only way to get to Tskhinvali is to travel south of Vladikavkaz."),
    ("en", "During the 2008 Russian-Georgian War, Tskhinvali was shelled by the Georgian "
     "government."),
    ("fr", "En août 2008, Tskhinvali a été la cible de tirs nocturnes de la part de tireurs "
     "d’élite géorgiens."),
    ("ru", "И действительно, в окрестностях Сухума очень много грабов."),
    ("de", "Zchinwali ist die Hauptstadt der abtrünnigen Region Südossetien."),
    ("de", "In Zchinwali befinden sich ein lokales Museum und eine medizinische Fakultät."),
    ("ru", "Москва призвала Сухум к сдержанности."),
    ("ru", "Лавров назвал Цхинвал надёжным партнёром."),
    ("ru", "Переговоры в Сухуми, названные в ООН конструктивными, завершились."),
    ("ru", "Известный в Цхинвале политик покинул республику."),
    ("ru", "Ранее Цхинвал заявил о готовности к переговорам."),
    ("ru", "Делегация прибыла в Сухум, где её встретил Шамба."),
    ("de", "Die in Suchum genannten Zahlen sind umstritten."),
    ("de", "Als Grund wurde in Zchinwal genannt, dass die Straße gesperrt sei."),
    ("de", "Moskau heißt Suchum willkommen."),
    ("de", "Auf Russisch wurde in Suchum verhandelt."),
    ("de", "Der Präsident nannte Zchinwal einen verlässlichen Partner."),
    ("fr", "L'UE appelle Soukhoumi à libérer les détenus."),
    ("fr", "Le ministre a appelé Tskhinvali hier soir."),
    ("fr", "Il a été appelé à Soukhoumi pour une mission d'observation."),
    ("fr", "Au nom de Soukhoumi, le négociateur a rejeté la proposition."),
    # fr.vogueindustry.com
    ("fr", "Tskhinvali est situé dans la région sud du Caucase."),
    ("ka", "შეხვედრა რუსულად წარიმართა სოხუმში."),
    ("ka", "ცხინვალში ვითარება დაძაბულია."),
    # ar.ichacha.net (bilingual sentence pairs), Arabic side
    ("ar", "وتمكنت القوات الجورجية من الدخول إلي سوخومي بمقاومة قليلة نسبياً."),
    ("ar", "وصل الوفد الروسي إلى تسخينفال مساء الاثنين."),
]  # fmt: skip

# Real phrasings the cues do not catch yet: strict, so a fix shows up as a pass.
KNOWN_MISSES = [
    # encyclopedia.com, "Tskhinvali": "changed back to" without "name" next to it.
    ("en", "Its name was changed to Staliniri in 1934 but was changed back to Tskhinvali in "
     "1961.", {"Staliniri", "Tskhinvali"}),
    # ritmmsk.ru: a parallel "«A» — adjective noun, а «B» — adjective" construction.
    ("ru", "Если коротко, суть в том, что «Цхинвали» — грузинское наименование, а «Цхинвал» — "
     "осетинское.", {"Цхинвали", "Цхинвал"}),
    # fr.vogueindustry.com: "en russe", "in Russian", "auf Russisch" before a name are no
    # cue: the adjectives are too common in this beat to look each one up.
    ("fr", 'En bulgare, la ville s\'appelle "Tskhinvali", tandis qu\'en russe, "Tskhinval" est '
     "le plus souvent utilisé.", {"Tskhinvali", "Tskhinval"}),
    # buckshee.net (held out): a name before "was called" is the thing named, as a rule
    # ("Staliniri, as Tskhinvali was called"), here it is the name.
    ("en", "Tskhinval was called in Russian-language sources until the first half of the 20th "
     "century.", {"Tskhinval"}),
    # abhazium.ru (held out): "became" a name.
    ("ru", "Он стал Сухумом.", {"Сухумом"}),
    # laurelhillcemetery.blog/fr: two spellings listed with a bare comma.
    ("fr", "Tskhinvali, Tskhinval ou Chreba est la capitale de la république d’Ossétie du Sud.",
     {"Tskhinvali", "Tskhinval"}),
]  # fmt: skip


def about(text: str, lang: str, gazetteer: Gazetteer | None = None) -> set[str]:
    return {m.surface for m in scan_text(text, lang=lang, gazetteer=gazetteer) if m.about_name}


@pytest.mark.parametrize(("lang", "text", "expected"), POSITIVE)
def test_names_about_names_are_marked(lang: str, text: str, expected: set[str]) -> None:
    assert about(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), NEGATIVE)
def test_names_used_as_names_are_not_marked(lang: str, text: str) -> None:
    assert scan_text(text, lang=lang)  # the sentence has names to mark
    assert about(text, lang) == set()


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [pytest.param(*case, marks=pytest.mark.xfail(strict=True)) for case in KNOWN_MISSES],
)
def test_known_misses(lang: str, text: str, expected: set[str]) -> None:
    assert about(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "policy", "text", "fixed"),
    [
        # The name the sentence is about stays; the city the next sentence visits is fixed.
        ("en", "georgian-official",
         "The city Russians call Sukhum lies on the Black Sea. Lavrov flew to Sukhum.",
         "The city Russians call Sukhum lies on the Black Sea. Lavrov flew to Sukhumi."),
        ("en", "russian-usage",
         "Tskhinvali, known in Russian as Tskhinval, was shelled. Talks in Tskhinvali failed.",
         "Tskhinvali, known in Russian as Tskhinval, was shelled. Talks in Tskhinval failed."),
        ("ru", "georgian-official",
         "Абхазы называют город Сухумом. Делегация прибыла в Сухум во вторник.",
         "Абхазы называют город Сухумом. Делегация прибыла в Сухуми во вторник."),
        ("de", "georgian-official",
         "Zchinwali, von den Osseten Zchinwal genannt, liegt am Liachwi. In Zchinwal blieb es "
         "ruhig.",
         "Zchinwali, von den Osseten Zchinwal genannt, liegt am Liachwi. In Zchinwali blieb es "
         "ruhig."),
        ("fr", "russian-usage",
         "Soukhoumi, que les Abkhazes appellent Soukhoum, est un port. L'UE appelle Soukhoumi "
         "à libérer les détenus.",
         "Soukhoumi, que les Abkhazes appellent Soukhoum, est un port. L'UE appelle Soukhoum "
         "à libérer les détenus."),
    ],
)  # fmt: skip
def test_fix_leaves_names_about_names_and_fixes_the_rest(
    lang: str, policy: str, text: str, fixed: str
) -> None:
    assert fix_text(text, lang=lang, policy=policy) == fixed


def test_names_about_names_can_be_reported(tmp_path: Path) -> None:
    policy = tmp_path / "desk.yaml"
    policy.write_text(
        "name: desk\ninherits: georgian-official\nnames_about_names: report\n", "utf-8"
    )
    text = "Tskhinvali, known in Russian as Tskhinval, was shelled."
    [finding] = check_text(text, lang="en", policy=policy)
    assert (finding.surface, finding.severity, finding.fixable) == ("Tskhinval", "info", False)


def test_a_so_called_name_keeps_its_words(tmp_path: Path) -> None:
    # A newsroom policy that writes the Georgian-official name of the region would turn
    # «ე.წ. სამხრეთ ოსეთი» ("the so-called South Ossetia") into "the so-called Tskhinvali
    # Region": the scare quote is about the name, so it is left alone.
    policy = tmp_path / "ge.yaml"
    policy.write_text(
        "name: ge\ninherits: georgian-official\n"
        "entities: {south-ossetia: {prefer: [georgian-official]}}\n",
        "utf-8",
    )
    text = "ე.წ. სამხრეთ ოსეთის ხელისუფლებამ განაცხადა. სამხრეთ ოსეთში ვითარება დაძაბულია."
    fixed = fix_text(text, lang="ka", policy=policy)
    assert fixed.startswith("ე.წ. სამხრეთ ოსეთის ხელისუფლებამ")
    assert "სამხრეთ ოსეთში" not in fixed


# ---------------------------------------------------------------------- Kyiv and Kiev

KYIV = """\
entities:
  - id: kyiv
    kind: place
    names:
      en:
        - {text: Kyiv, usage: [ukrainian]}
        - {text: Kiev, usage: [russian-derived]}
        - {text: Kyyiv, usage: [ukrainian]}
        - {text: Kiyev, usage: [russian-derived]}
      fr:
        - {text: Kyiv, usage: [ukrainian]}
        - {text: Kyïv, usage: [ukrainian]}
        - {text: Kiev, usage: [russian-derived]}
      de:
        - {text: Kyjiw, usage: [ukrainian], declension: de-s}
        - {text: Kiew, usage: [russian-derived], declension: de-s}
      ru:
        - {text: Киев, usage: [russian-derived], declension: ru-m-hard}
      uk:
        - {text: Київ, usage: [ukrainian]}
"""

# The renaming of Kyiv in the press: (language, sentence, about names; source)
KYIV_SENTENCES = [
    # republicworld.com, 25 February 2022
    ("en", "Kiev, often known as Kyiv, is Ukraine's capital.", {"Kiev", "Kyiv"}),
    # dw.com/en/kyiv/t-19162358
    ("en", "Kyiv - or Kiev - is the capital of Ukraine.", {"Kyiv", "Kiev"}),
    # wikispooks.com/wiki/Kiev
    ("en", "Kiev or Kyiv is the capital and most populous city of the country of Ukraine.",
     {"Kiev", "Kyiv"}),
    # inyourpocket.com, "Kyiv vs Kiev"
    ("en", "Kyiv and Kiev are the Ukrainian and Russian spellings of the capital city, "
     "respectively.", {"Kyiv", "Kiev"}),
    # inews.co.uk
    ("en", "It could be spelled variously as Kyiv, Kiev, Kyyiv or Kiyev.",
     {"Kyiv", "Kiev", "Kyyiv", "Kiyev"}),
    # inews.co.uk
    ("en", "Kiev was the standardised spelling when the city was under the rule of the "
     "Soviet Union.", {"Kiev"}),
    # inews.co.uk
    ("en", "The Ukrainian capital is known as Київ in Ukrainian and Киев in Russian.",
     {"Київ", "Киев"}),
    # republicworld.com, 25 February 2022: the city, not its name
    ("en", "Vitaly Klitschko, the mayor of Kyiv, claimed the capital had entered a defensive "
     "phase.", set()),
    # dhnet.be
    ("fr", "C'est le cas du nom de la capitale ukrainienne, nommée Kiev en français et en "
     "anglais.", {"Kiev"}),
    # rtl.fr, via video-streaming.orange.fr
    ("fr", "On l'a toujours appelée Kiev, en France.", {"Kiev"}),
    # rtl.fr, via video-streaming.orange.fr
    ("fr", "Or, Kiev est la retranscription de la version russe de ce nom ; les Ukrainiens "
     "l'appellent Kyiv.", {"Kiev", "Kyiv"}),
    # fr.wikipedia, "Kiev", Toponymie (quoted on lemmy.world)
    ("fr", "L'Ukraine demande alors aux autres pays d'utiliser le nom « Kyiv » à la place de "
     "« Kiev ».", {"Kyiv", "Kiev"}),
    # rtbf.be
    ("fr", "Les autorités ukrainiennes voudraient faire changer cette habitude au profit de "
     "l’appellation ukrainienne, Kyiv.", {"Kyiv"}),
    # ukrinform.de
    ("de", "Nun wird die ukrainische Hauptstadt, wie früher nach russischer Transkription, "
     "nicht mehr als Kiew, sondern als Kyjiw geschrieben.", {"Kiew", "Kyjiw"}),
    # ukrinform.de (headline)
    ("de", "Kyjiw statt Kiew: Deutsches Auswärtiges Amt ändert Schreibweise der ukrainischen "
     "Hauptstadt", {"Kyjiw", "Kiew"}),
    # deutsch.news-pravda.com, 31 October 2024
    ("de", "Auch „Spiegel“ übernimmt Schreibweise „Kyjiw“", {"Kyjiw"}),
    # newsworldstream.com (Tamedia)
    ("de", "Wenn «Kiew» auf einmal «Kyjiw» heisst", {"Kiew", "Kyjiw"}),
    # deutsch.news-pravda.com, 24 February 2024
    ("de", "Das Wort Kiew, das auf die russische Transkription zurückgeht, ist im Deutschen "
     "nach wie vor gefragter.", {"Kiew"}),
    ("de", "Die Delegation traf am Montag in Kyjiw ein.", set()),
    # Held out (see the note above POSITIVE's held-out sentences):
    # katapult-magazin.de
    ("de", '"Kiew" ist die Transkription des russischen Namens der Stadt, Киев.',
     {"Kiew", "Киев"}),
    # katapult-magazin.de
    ("de", "Kyiv ist die englische Transkription, die jedoch international die bekannteste ist.",
     {"Kyiv"}),
    # deutsch.news-pravda.com, 24 February 2024
    ("de", "Das deutsche Außenministerium hat beschlossen, Kiew umzubenennen.", {"Kiew"}),
    # deutsch.news-pravda.com, 24 February 2024
    ("de", "Das Ministerium hat beschlossen, die Transliteration des Namens der Hauptstadt der "
     "Ukraine von Kiew in Kyjiw zu ändern.", {"Kiew", "Kyjiw"}),
    # dhnet.be
    ("fr", "Le mouvement visant à désigner la capitale par le nom \"Kyiv\" prend de l'ampleur.",
     {"Kyiv"}),
    # lequotidien.com
    ("fr", "L’orthographe occidentale de la capitale ukrainienne, Kiev, s’est retrouvée au cœur "
     "d’un dilemme.", {"Kiev"}),
    # lequotidien.com
    ("fr", "Il s’agissait d’une translittération russe du véritable nom ukrainien, Kyïv (ou "
     "Kyiv).", {"Kyïv", "Kyiv"}),
    # portsmouth.co.uk
    ("en", "When Ки́їв is transliterated into the Latin alphabet, it is regularly referred to "
     "as Kiev or Kyiv.", {"Ки́їв", "Kiev", "Kyiv"}),
    # portsmouth.co.uk
    ("en", "Kiev was the historic English-language name for the city but its usage is now "
     "easing.", {"Kiev"}),
    # wikispooks.com
    ("en", "Putin may circle Kyiv with tanks.", set()),
    # republicworld.com
    ("en", "The first Russian troops appeared on the outskirts of Kyiv on Thursday.", set()),
]  # fmt: skip

# Held-out Kyiv sentences the cues miss: strict xfails.
KYIV_MISSES = [
    # katapult-magazin.de: "schreibt" is no cue.
    ("de", 'Warum schreibt KATAPULT trotzdem "Kyjiw"?', {"Kyjiw"}),
    # dhnet.be: "vient du russe" after the name is no cue.
    ("fr", "Il est dérivé de la langue ukrainienne, tandis que Kiev vient du russe.", {"Kiev"}),
    # inews.co.uk: "adopted Kyiv instead" is no pair (the first is, by "spelling").
    ("en", "Britons will be more used to the “Kiev” spelling, but most UK media outlets have "
     "recently adopted “Kyiv” instead.", {"Kiev", "Kyiv"}),
    # portsmouth.co.uk, wikispooks.com: "title of", "a switch to" are no cues.
    ("en", "The conflict has encouraged a shift to the official romanised title of Kyiv.",
     {"Kyiv"}),
    ("en", "The Ukrainian government legally approved a switch to Kyiv in 1995.", {"Kyiv"}),
]  # fmt: skip


@pytest.fixture(scope="module")
def kyiv(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("kyiv") / "kyiv.yaml"
    path.write_text(KYIV, encoding="utf-8")
    return load_gazetteer(path)


@pytest.mark.parametrize(("lang", "text", "expected"), KYIV_SENTENCES)
def test_the_renaming_of_kyiv_in_the_press(
    kyiv: Gazetteer, lang: str, text: str, expected: set[str]
) -> None:
    assert scan_text(text, lang=lang, gazetteer=kyiv)
    assert about(text, lang, kyiv) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [pytest.param(*case, marks=pytest.mark.xfail(strict=True)) for case in KYIV_MISSES],
)
def test_kyiv_misses(kyiv: Gazetteer, lang: str, text: str, expected: set[str]) -> None:
    assert about(text, lang, kyiv) == expected


def test_a_stress_mark_in_print_is_matched_and_kept(kyiv: Gazetteer) -> None:
    # portsmouth.co.uk prints the Ukrainian name with its stress mark.
    text = "The capital’s Ukrainian name, when written in the Ukrainian Cyrillic Alphabet, is Ки́їв."
    [mention] = scan_text(text, lang="en", gazetteer=kyiv)
    assert (mention.surface, mention.entity) == ("Ки́їв", "kyiv")
