"""The event dictionary (coding/data: verbs, nouns, classes, operators, modality).

It loads, its codes exist, no two rows contradict each other, every CAMEO root has verb rows,
and news sentences written for these tests (the project's own, not taken from any gold set or
corpus) come out of the real pipeline with the expected root, code, source and target.

The pipeline runs with the rules alone: this file tests the dictionary, not a sentence
classifier that may rescue or re-rank the rules' events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict

import pytest

from detente.coding import tables
from detente.coding.lexicon import Lexicon
from detente.pipeline import Options, Pipeline
from detente.records import Article, Event

ROOTS = [f"{r:02d}" for r in range(1, 21)]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_dir()


@pytest.fixture(scope="module")
def rules_pipeline() -> Pipeline:
    options = Options()
    if "model" in {f.name for f in dataclasses.fields(options)}:
        options = dataclasses.replace(options, model=None)  # the rules alone
    return Pipeline(options)


def code_text(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article.create(text, None, date=dt.date(2024, 3, 15), doc_id="lexicon-test")
    return pipeline.code_article(article).events


def _is(actor, country: str | None) -> bool:
    if country is None:
        return True
    return actor is not None and country in (actor.actor.country, actor.actor.code)


# --- the files ---------------------------------------------------------------------------------


def test_packaged_dictionary_loads(lexicon):
    assert lexicon.verbs and lexicon.nouns and lexicon.classes
    assert lexicon.operators and lexicon.modality
    # the loader checks codes and classes; a second load from the same files must agree
    again = Lexicon.from_dir()
    assert sum(map(len, again.verbs.values())) == sum(map(len, lexicon.verbs.values()))


def test_every_code_is_a_cameo_code(lexicon):
    for patterns in lexicon.verbs.values():
        for p in patterns:
            if p.code == "=":
                assert p.obj is not None and p.obj.kind == "event", f"verbs.tsv:{p.line}: '=' needs @EVENT"
            elif p.code != "-":
                assert tables.is_code(p.code), f"verbs.tsv:{p.line}: {p.code}"
    for entries in lexicon.nouns.values():
        for e in entries:
            assert tables.is_code(e.code), f"nouns.tsv:{e.line}: {e.code}"
    for prefix, by_kind in lexicon.modality.items():
        assert tables.is_code(prefix), prefix
        for code in by_kind.values():
            assert tables.is_code(code), (prefix, code)


def test_no_duplicate_rows_with_different_codes(lexicon):
    verbs: dict[tuple, set[str]] = defaultdict(set)
    for patterns in lexicon.verbs.values():
        for p in patterns:
            verbs[(p.lemma, p.prep, p.obj)].add(p.code)
    clashes = {k: v for k, v in verbs.items() if len(v) > 1}
    assert not clashes, clashes
    nouns: dict[str, set[str]] = defaultdict(set)
    for entries in lexicon.nouns.values():
        for e in entries:
            nouns[e.noun].add(e.code)
    clashes = {k: v for k, v in nouns.items() if len(v) > 1}
    assert not clashes, clashes


def test_every_root_has_at_least_ten_verb_rows(lexicon):
    per_root = Counter(
        p.code[:2] for patterns in lexicon.verbs.values() for p in patterns if p.code not in ("=", "-")
    )
    thin = {root: per_root[root] for root in ROOTS if per_root[root] < 10}
    assert not thin, thin


def test_specific_aid_classes_beat_generic_aid(lexicon):
    """A loan is economic aid: the @ECONAID row must win the tie with the generic @AID row."""
    for patterns in lexicon.verbs.values():
        seen_generic: set[tuple] = set()
        for p in patterns:
            if p.obj is None or p.obj.kind != "class":
                continue
            key = (p.lemma, p.prep)
            if p.obj.value == "AID":
                seen_generic.add(key)
            elif p.obj.value in ("ECONAID", "MILAID", "HUMAID"):
                assert key not in seen_generic, f"verbs.tsv:{p.line} comes after the @AID row"


# --- news sentences ----------------------------------------------------------------------------

CASES = [
    # (text, source country, target country or None, CAMEO root, exact code or None)
    # 01 make public statement
    ("Japan expressed deep concern over North Korea's latest missile launch.", "JPN", "PRK", "01", "012"),
    ("Germany offered its condolences to Turkey after the earthquake.", "DEU", "TUR", "01", "018"),
    ("The Kremlin denied any involvement in the sabotage of the pipeline.", "RUS", None, "01", "016"),
    # 02 appeal
    ("Ukraine appealed to the European Union for more air defence systems.", "UKR", "EU", "02", "0232"),
    ("Pakistan urged India to resume dialogue over Kashmir.", "PAK", "IND", "02", "026"),
    ("The United Nations called for an immediate ceasefire in Sudan.", "UNO", None, "02", "0256"),
    ("Qatar asked Iran to release the detained sailors.", "QAT", "IRN", "02", "0253"),
    ("Lebanon asked France for humanitarian aid.", "LBN", "FRA", "02", "0233"),
    # 03 express intent to cooperate
    ("China pledged economic aid to Cambodia.", "CHN", "KHM", "03", "0331"),
    ("Turkey offered to mediate between Russia and Ukraine.", "TUR", "RUS", "03", "039"),
    ("Australia will provide military assistance to Papua New Guinea.", "AUS", "PNG", "03", "0332"),
    # 04 consult
    ("Emmanuel Macron met Olaf Scholz in Berlin on Monday.", "FRA", "DEU", "04", None),
    ("The Indian prime minister paid a visit to Japan last week.", "IND", "JPN", "04", "042"),
    ("Saudi Arabia hosted the Ukrainian president in Jeddah.", "SAU", "UKR", "04", "043"),
    ("Norway mediated between the Colombian government and the rebels.", "NOR", "COL", "04", "045"),
    (
        "The Chinese foreign minister spoke by phone with his Australian counterpart.",
        "CHN",
        "AUS",
        "04",
        "041",
    ),
    ("Armenia and Azerbaijan held peace talks in Washington.", "ARM", "AZE", "04", "046"),
    (
        "The Japanese prime minister flew to Washington for talks with the president.",
        "JPN",
        "USA",
        "04",
        "042",
    ),
    (
        "Kazakhstan played host to Russian and Chinese leaders at a summit in Astana.",
        "KAZ",
        "RUS",
        "04",
        "043",
    ),
    # 05 engage in diplomatic cooperation
    ("Canada praised Ukraine's efforts to fight corruption.", "CAN", "UKR", "05", "051"),
    ("Bahrain and Israel signed an agreement on security cooperation.", "BHR", "ISR", "05", "057"),
    ("Ghana recognised Kosovo as an independent state.", "GHA", "XKX", "05", "054"),
    ("Egypt and Turkey restored full diplomatic relations.", "EGY", "TUR", "05", "054"),
    ("Japan apologised to South Korea for its wartime abuses.", "JPN", "KOR", "05", "055"),
    ("Poland threw its support behind Finland's bid to join NATO.", "POL", "FIN", "05", "051"),
    ("Hungary sided with Russia in the dispute.", "HUN", "RUS", "05", None),
    ("Britain stands with Ukraine, the foreign secretary said.", "GBR", "UKR", "05", "051"),
    # 06 engage in material cooperation
    ("Russia and Belarus held joint military exercises near the Polish border.", "RUS", "BLR", "06", "062"),
    ("Spain extradited a suspected hacker to the United States.", "ESP", "USA", "06", "063"),
    ("Jordan shared intelligence with Iraq about the smuggling network.", "JOR", "IRQ", "06", "064"),
    ("Vietnam teamed up with Japan to build a new railway.", "VNM", "JPN", "06", "061"),
    ("China invested heavily in Pakistan's energy sector.", "CHN", "PAK", "06", "061"),
    # 07 provide aid
    ("The European Union sent humanitarian aid to Sudan.", "EU", "SDN", "07", "073"),
    ("The United States supplied Ukraine with howitzers.", "USA", "UKR", "07", "072"),
    ("Japan granted a loan to Bangladesh.", "JPN", "BGD", "07", "071"),
    ("Ecuador granted asylum to the Swedish activist.", "ECU", "SWE", "07", "075"),
    ("Germany donated 50 million euros to Jordan for refugee schools.", "DEU", "JOR", "07", None),
    ("Rwanda deployed peacekeepers to the Central African Republic.", "RWA", "CAF", "07", "074"),
    ("Chad took in Sudanese refugees.", "TCD", "SDN", "07", "075"),
    # 08 yield
    ("Belarus released three Lithuanian prisoners.", "BLR", "LTU", "08", "0841"),
    ("The United States lifted sanctions on Venezuela.", "USA", "VEN", "08", "085"),
    ("Israeli troops pulled out of Lebanon.", "ISR", "LBN", "08", "0874"),
    ("Sri Lanka freed 20 Indian fishermen.", "LKA", "IND", "08", "0841"),
    ("Hamas declared a unilateral ceasefire with Israel.", "PSE", "ISR", "08", "0871"),
    ("China eased trade restrictions on Australia.", "CHN", "AUS", "08", None),
    ("The Taliban released the British aid worker.", "AFG", "GBR", "08", "0841"),
    # 09 investigate
    ("The International Atomic Energy Agency sent inspectors to Iran.", "UNO", "IRN", "09", "090"),
    ("Germany is investigating Russia over the cyberattack on its parliament.", "DEU", "RUS", "09", None),
    # 10 demand
    ("Ukraine demanded that Russia withdraw its forces from Zaporizhzhia.", "UKR", "RUS", "10", "106"),
    ("Israel demanded the release of its hostages from Hamas.", "ISR", "PSE", "10", "1053"),
    ("China insisted on an apology from Japan.", "CHN", "JPN", "10", None),
    # 11 disapprove
    ("Brazil condemned Israel's strikes on Gaza.", "BRA", "ISR", "11", "111"),
    ("India accused Pakistan of sheltering militants.", "IND", "PAK", "11", "1123"),
    ("Germany hit out at China over its treatment of Uyghurs.", "DEU", "CHN", "11", "111"),
    ("Ireland lashed out at Britain over the new immigration law.", "IRL", "GBR", "11", "111"),
    (
        "South Africa filed a lawsuit against Israel at the International Court of Justice.",
        "ZAF",
        "ISR",
        "11",
        "115",
    ),
    ("Nicaragua summoned the German ambassador.", "NIC", "DEU", "11", "114"),
    ("The United States took aim at Beijing over its support for Moscow.", "USA", "CHN", "11", "111"),
    ("A Russian court sentenced the American journalist to 16 years in prison.", "RUS", "USA", "11", "116"),
    # 12 reject
    ("Russia vetoed a Security Council resolution on Syria.", "RUS", None, "12", "129"),
    ("Israel rejected a ceasefire proposal from Egypt.", "ISR", "EGY", "12", None),
    ("Kosovo rebuffed Serbia's offer of talks.", "XKX", "SRB", "12", None),
    ("Venezuela ruled out negotiations with Guyana.", "VEN", "GUY", "12", "125"),
    ("Niger refused to accept the new French ambassador.", "NER", "FRA", "12", None),
    # 13 threaten
    ("North Korea threatened to strike South Korea with nuclear weapons.", "PRK", "KOR", "13", None),
    ("Iran warned Israel of a crushing response.", "IRN", "ISR", "13", "138"),
    ("China threatened sanctions against Lithuania.", "CHN", "LTU", "13", "1312"),
    ("Hezbollah vowed revenge against Israel.", "LBN", "ISR", "13", "138"),
    ("Washington threatened to cut aid to Egypt.", "USA", "EGY", "13", "1311"),
    # 14 protest
    ("Serbian students took to the streets of Belgrade.", "SRB", None, "14", "141"),
    ("Kenyan doctors went on strike over unpaid wages.", "KEN", None, "14", "143"),
    ("Palestinian activists went on hunger strike in Israeli jails.", "PSE", None, "14", "142"),
    ("French farmers blocked roads around Paris.", "FRA", None, "14", "144"),
    ("Georgian protesters clashed with riot police in Tbilisi.", "GEO", None, "14", "145"),
    # 15 exhibit force posture
    ("Russia massed troops along the Ukrainian border.", "RUS", None, "15", "154"),
    ("Taiwan put its armed forces on high alert.", "TWN", None, "15", "152"),
    ("China staged large-scale military drills around Taiwan.", "CHN", None, "15", "150"),
    ("Poland deployed thousands of soldiers to the Belarusian border.", "POL", None, "15", "154"),
    ("Japan scrambled fighter jets after Russian planes entered its airspace.", "JPN", None, "15", "150"),
    # 16 reduce relations
    ("Argentina expelled two Iranian diplomats.", "ARG", "IRN", "16", "161"),
    ("Morocco recalled its ambassador from Algeria.", "MAR", "DZA", "16", "161"),
    ("The European Union imposed new sanctions on Belarus.", "EU", "BLR", "16", "163"),
    ("The United States suspended military aid to Niger.", "USA", "NER", "16", "1622"),
    ("Mali cut diplomatic ties with Ukraine.", "MLI", "UKR", "16", "161"),
    ("Russia pulled out of the grain deal with Ukraine.", "RUS", "UKR", "16", "160"),
    ("China suspended seafood imports from Japan.", "CHN", "JPN", "16", "163"),
    # 17 coerce
    ("Iranian police arrested two French tourists.", "IRN", "FRA", "17", "173"),
    ("Thailand deported Uyghur asylum seekers to China.", "THA", "CHN", "17", "174"),
    ("Israel demolished Palestinian homes in Hebron.", "ISR", "PSE", "17", "1712"),
    ("Myanmar's junta banned the National League for Democracy.", "MMR", None, "17", "1722"),
    ("Bangladesh imposed a nationwide curfew.", "BGD", None, "17", "1723"),
    ("Russian security forces cracked down on protesters in Moscow.", "RUS", None, "17", "175"),
    ("Iranian police fired tear gas at demonstrators in Tehran.", "IRN", None, "17", "175"),
    # 18 assault
    ("Boko Haram kidnapped three Chinese engineers in Nigeria.", "NGA", "CHN", "18", "181"),
    ("Al-Shabaab militants killed a Kenyan police officer in a roadside bombing.", "SOM", "KEN", "18", None),
    ("Houthi rebels hijacked a British cargo ship in the Red Sea.", "YEM", "GBR", "18", "181"),
    ("Iran tried to assassinate an Israeli diplomat in Cyprus.", "IRN", "ISR", "18", None),
    ("Islamic State militants beheaded an American journalist.", None, "USA", "18", "1823"),
    # 19 fight
    ("Russian forces shelled Kharkiv overnight.", "RUS", None, "19", "194"),
    ("Israeli warplanes bombed Hezbollah positions in southern Lebanon.", "ISR", "LBN", "19", "195"),
    ("Azerbaijani troops captured the town of Shusha.", "AZE", None, "19", "192"),
    ("Sudanese soldiers exchanged fire with Ethiopian troops on the border.", "SDN", "ETH", "19", "193"),
    ("Turkey launched air strikes on Kurdish militants in Iraq.", "TUR", None, "19", "195"),
    ("Indian and Chinese troops clashed in the Galwan valley.", "IND", "CHN", "19", "190"),
    ("Israel violated the ceasefire in Lebanon.", "ISR", None, "19", "196"),
    ("Russia invaded Ukraine in February 2022.", "RUS", "UKR", "19", "192"),
    ("Iran fired ballistic missiles at Israel.", "IRN", "ISR", "19", "195"),
    # 20 use unconventional mass violence
    ("Syrian government forces used chemical weapons against rebels in Ghouta.", "SYR", None, "20", "2041"),
    ("Myanmar's army massacred villagers in Sagaing.", "MMR", None, "20", "202"),
    ("The United States dropped an atomic bomb on Hiroshima in 1945.", "USA", None, "20", "2042"),
    ("Serb forces carried out ethnic cleansing in Bosnia.", "SRB", None, "20", "203"),
    # coder limitations, kept so that a fix shows up (see the reasons)
    pytest.param(
        "China suspended imports of Japanese seafood.",
        "CHN",
        "JPN",
        "16",
        "163",
        marks=pytest.mark.xfail(
            strict=True,
            reason="coder: an actor adjective inside an 'of' complement is not a target",
        ),
    ),
    pytest.param(
        "Israeli warplanes struck Hezbollah positions in southern Lebanon.",
        "ISR",
        "LBN",
        "19",
        "195",
    ),
    pytest.param(
        "Russian and Ukrainian negotiators met in Istanbul.",
        "RUS",
        "UKR",
        "04",
        "044",
        marks=pytest.mark.xfail(
            strict=True,
            reason="coder: a meeting at a third location (044) needs the place",
        ),
    ),
    ("Lebanon said it will not accept more Syrian refugees.", "LBN", "SYR", "12", None),
    pytest.param(
        "The Ukrainian prosecutor opened an investigation into war crimes by Russian forces.",
        "UKR",
        "RUS",
        "09",
        "094",
        marks=pytest.mark.xfail(
            strict=True,
            reason="coder: the 'into' complement of an investigation gives no subcode or target",
        ),
    ),
]


@pytest.mark.parametrize(("text", "source", "target", "root", "code"), CASES)
def test_sentence(rules_pipeline, text, source, target, root, code):
    events = code_text(rules_pipeline, text)
    hits = [e for e in events if e.cameo_root == root and _is(e.source, source) and _is(e.target, target)]
    found = [(e.cameo, e.source and e.source.actor.code, e.target and e.target.actor.code) for e in events]
    assert hits, found
    if code is not None:
        assert code in {e.cameo for e in hits}, found


NO_EVENT = [
    "Argentina beat France on penalties in the World Cup final.",
    "The central bank raised interest rates by half a point on Thursday.",
    "Chile's copper exports grew by four percent last year.",
]


@pytest.mark.parametrize("text", NO_EVENT)
def test_sentence_without_event(rules_pipeline, text):
    events = [e for e in code_text(rules_pipeline, text) if e.cameo_root != "01"]
    assert not events, [(e.cameo, e.evidence.rule) for e in events]
