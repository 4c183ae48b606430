"""Similarity rules: text normalisation, n-grams and scoring, as pure functions.

Japanese has no spaces between words and English is typed half-finished and
misspelt, so neither is matched word by word. Text is first *normalised*
(:func:`normalise`), then cut into *grams* (:func:`grams`):

* Japanese (kanji and kana) runs become overlapping character pairs
  (``でた``, ``たを``, …), so any two characters typed find the words that hold them.
* Latin and other spaced scripts become overlapping character triples of each
  word, the first one marked with ``^`` (``export`` → ``^ex exp xpo por ort``).
  A half-typed word shares all its grams with the whole word; a typo spoils only
  the two or three grams around it.

A query is a list of *units* (:func:`build_query`): every gram of the query is a
unit of its own, except where a synonym term was recognised, which becomes one
unit whose alternatives are the grams of each equivalent term. A request's score
(:func:`score`) is the weighted share of the query it covers — a unit covered by
its best alternative, grams in the title counting fully and grams only in the
description partly — blended with the share of its title the query covers.
"""

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

#: Weights stored with a request's grams: where the gram occurs.
TITLE_WEIGHT = 10
DESCRIPTION_WEIGHT = 5

#: Only this much of a description is indexed (titles are short anyway).
DESCRIPTION_CHARS = 2_000
#: Longer input is cut to this many characters before it is matched.
MAX_QUERY_CHARS = 400
#: At most this many distinct grams of a query are used (synonyms not counted).
MAX_QUERY_GRAMS = 64

#: How much of the score is query coverage; the rest is title coverage.
QUERY_SHARE = 0.8

#: English words that say nothing about what is asked for. They are dropped from
#: a query that has other words (never its last, possibly half-typed, word).
STOP_WORDS = frozenset(
    """a an the to for of in on at by with and or but not no is are be been being was were it its this
    that these those i we you he she they me us my our your their can could would should will shall may
    might must do does did have has had please want wants wanted like need needs also so as if when
    then than there here from into onto via add adding allow allows able ability let make way some any
    all more feature option support""".split()
)

_DROP_IN_KANA = {"ー", "・", "ｰ", "･"}
_WORD_JOINERS = {"-", "'", "’", "‐", "‑"}


def _is_cjk(ch):
    code = ord(ch)
    return (
        0x3041 <= code <= 0x309F  # hiragana (katakana is folded into it)
        or 0x4E00 <= code <= 0x9FFF  # unified ideographs
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or code in (0x3005, 0x3006)  # 々 〆
    )


def _fold_char(ch):
    code = ord(ch)
    if 0x30A1 <= code <= 0x30F6:  # katakana → hiragana
        return chr(code - 0x60)
    if code < 0x250 and not ch.isascii():  # accented Latin → base letter
        return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return ch


_SMALL_KANA = dict(zip("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ"))
#: Katakana → hiragana, small kana → full size.
_FOLD = {chr(c): _SMALL_KANA.get(chr(c - 0x60), chr(c - 0x60)) for c in range(0x30A1, 0x30F7)} | _SMALL_KANA


def _fold(text):
    """Normalised characters, each with whether it was written in hiragana."""
    if not text:
        return []
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    out = []
    space = (" ", False)
    for i, ch in enumerate(text):
        if ch.isascii():
            if ch.isalnum():
                out.append((ch, False))
                continue
        elif ch in _DROP_IN_KANA:
            continue
        if ch in _WORD_JOINERS:
            # "e-mail" → "email", "don't" → "dont"; a lone dash separates.
            before = out[-1][0] if out else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isalnum() and after.isalnum() and not _is_cjk(before):
                continue
        elif not ch.isascii():
            hiragana = 0x3041 <= ord(ch) <= 0x309F
            folded = _FOLD.get(ch) or _fold_char(ch)
            category = unicodedata.category(folded[0]) if folded else "Zs"
            if category[0] in "LN" or (category[0] == "M" and out and out[-1][0] != " "):
                out.extend((c, hiragana) for c in folded)
                continue
        if out and out[-1][0] != " ":
            out.append(space)
    if out and out[-1][0] == " ":
        out.pop()
    return out


def normalise(text):
    """Fold width, case, kana and accents; keep only letters and digits, single-spaced.

    ``"ＣＳＶでｴｸｽﾎﾟｰﾄ！"`` and ``"csvでえくすぽーと"`` both give ``"csvでえくすぽと"``:
    katakana becomes hiragana, small kana become full-size, the long-vowel mark and
    the middle dot disappear, anything that is not a letter or digit becomes a space.
    """
    return "".join(ch for ch, _h in _fold(text))


def _runs(folded):
    """Split folded characters into runs of one script class: ``(is_cjk, text, hiragana flags)``."""
    found, current, flags, cjk = [], [], [], None
    for ch, hiragana in folded + [(" ", False)]:
        kind = None if ch == " " else _is_cjk(ch)
        if current and kind != cjk:
            found.append((cjk, "".join(current), flags))
            current, flags = [], []
        if kind is not None:
            current.append(ch)
            flags.append(hiragana)
        cjk = kind
    return found


def runs(normalised):
    """Split normalised text into ``(is_cjk, text)`` runs of one script class."""
    return [(cjk, text) for cjk, text, _f in _runs([(ch, False) for ch in normalised])]


def word_key(word):
    """A typo key of a short word: first letter, then the others sorted ("mdoe" = "mode")."""
    if 3 <= len(word) <= 7 and not word.isdigit():
        return "#" + word[0] + "".join(sorted(word[1:]))
    return None


def skip_pairs(run):
    """Characters two apart (``多_語`` of 多言語), so one wrong kanji or kana leaves a match."""
    return [f"{run[i]}_{run[i + 2]}" for i in range(len(run) - 2)]


def run_grams(is_cjk, run):
    """The grams of one run: character pairs for CJK, marked triples for words."""
    if is_cjk:
        if len(run) == 1:
            return [run]
        return [run[i : i + 2] for i in range(len(run) - 1)]
    marked = "^" + run
    if len(marked) <= 3:
        return [marked]
    return [marked[i : i + 3] for i in range(len(marked) - 2)]


def grams(text):
    """Distinct grams of ``text`` (with the typo keys of its words) in order of first appearance."""
    seen = {}
    for is_cjk, run in runs(normalise(text)):
        for gram in run_grams(is_cjk, run) + (skip_pairs(run) if is_cjk else []):
            seen.setdefault(gram, None)
        key = None if is_cjk else word_key(run)
        if key:
            seen.setdefault(key, None)
    return list(seen)


@dataclass(frozen=True)
class Document:
    """What the index stores for one request."""

    weights: dict  # gram → TITLE_WEIGHT or DESCRIPTION_WEIGHT
    title_grams: int


def document(title, description=""):
    """Grams of a request, each weighted by the best field it occurs in."""
    weights = dict.fromkeys(grams((description or "")[:DESCRIPTION_CHARS]), DESCRIPTION_WEIGHT)
    title_grams = grams(title)
    weights.update(dict.fromkeys(title_grams, TITLE_WEIGHT))
    return Document(weights=weights, title_grams=len(title_grams))


# --- synonyms -------------------------------------------------------------------


def synonym_terms(raw):
    """Split a synonym set as typed by an editor: one term per line or comma-separated."""
    terms = []
    for part in re.split(r"[\n,、;；]+", unicodedata.normalize("NFKC", raw or "")):
        part = " ".join(part.split())
        if part and part.casefold() not in {t.casefold() for t in terms}:
            terms.append(part)
    return terms


@dataclass(frozen=True)
class Unit:
    """A piece of the query (a word, a character pair, a synonym term), covered
    as well as its best-covered alternative is."""

    alternatives: tuple  # tuples of grams; the first is what was typed
    factor: float = 1.0  # particles and request boilerplate count for less
    credits: tuple = ()  # how much each alternative is worth, if not all of it


@dataclass(frozen=True)
class Query:
    units: tuple
    normalised: str

    @property
    def grams(self):
        """Every gram any unit could be covered by (what to look up)."""
        found = {}
        for unit in self.units:
            for alternative in unit.alternatives:
                found.update(dict.fromkeys(alternative))
        return list(found)

    def __bool__(self):
        return bool(self.units)


#: Character pairs that only say "please add this": 機能 (feature), 対応 (support), …
JA_BOILERPLATE = frozenset({"機能", "対応", "追加", "実装", "可能", "希望", "要望", "改善", "欲し"})
#: Importance of a pair written in hiragana (particles, okurigana), and of one half in hiragana.
HIRAGANA_FACTOR, MIXED_FACTOR = 0.2, 0.5
#: What a skip pair is worth in place of the adjacent pair it bridges.
SKIP_CREDIT = 0.5


def _pair_factor(gram, flags, all_hiragana):
    if gram in JA_BOILERPLATE:
        return HIRAGANA_FACTOR
    if all_hiragana:  # typed in hiragana: the reading of a word, not particles
        return 1.0
    hiragana = sum(flags)
    return HIRAGANA_FACTOR if hiragana == len(flags) else MIXED_FACTOR if hiragana else 1.0


def _term_pattern(normalised_term):
    """A term matches at the start of a word (Latin) or anywhere (CJK)."""
    escaped = re.escape(normalised_term)
    if _is_cjk(normalised_term[0]):
        return re.compile(escaped)
    return re.compile(r"(?:(?<=\s)|^)" + escaped)


def _typed_prefix(term, norm, last_word):
    """The start of ``term`` the query ends with, if long enough to mean it (``expo``, ``エクスポ``)."""
    if _is_cjk(term[0]):
        for size in range(len(term) - 1, 2, -1):
            if norm.endswith(term[:size]):
                return term[:size]
        return None
    if len(last_word) >= 4 and term.startswith(last_word) and norm.endswith(last_word):
        return last_word
    return None


@lru_cache(maxsize=16)
def prepare_synonyms(synonym_sets):
    """Normalised terms, their patterns and grams, per set (cached: the same sets come every query)."""
    prepared = []
    for terms in synonym_sets:
        normalised = [t for t in dict.fromkeys(normalise(t) for t in terms) if t]
        prepared.append(tuple((term, _term_pattern(term), tuple(grams(term))) for term in normalised))
    return tuple(prepared)


def build_query(text, synonym_sets: Iterable[Iterable[str]] = ()):
    """Turn typed text into a :class:`Query`, with synonym sets applied."""
    text = str(text or "")[: MAX_QUERY_CHARS * 4]
    partial_last = bool(text) and not text[-1].isspace()
    found = _runs(_fold(text)[:MAX_QUERY_CHARS])
    content = [r for i, r in enumerate(found) if r[0] or r[1] not in STOP_WORDS or (i == len(found) - 1 and partial_last)]
    if any(r[0] or r[1] not in STOP_WORDS for r in content):
        found = content
    norm = " ".join(run for _c, run, _f in found)

    units, consumed = [], set()
    last_word = found[-1][1] if found and not found[-1][0] else ""
    for terms in prepare_synonyms(tuple(tuple(t) for t in synonym_sets)):
        for term, pattern, term_grams in terms:
            own = term_grams
            if not pattern.search(norm):
                typed = _typed_prefix(term, norm, last_word) if partial_last else None
                if not typed:
                    continue
                own = tuple(grams(typed))
            others = tuple(g for t, _p, g in terms if g != own and g)
            units.append(Unit(alternatives=(own,) + others))
            consumed.update(own)
            break

    budget = MAX_QUERY_GRAMS
    for is_cjk, run, flags in found:
        if budget <= 0:
            break
        if is_cjk:
            pairs = run_grams(True, run)
            skips = skip_pairs(run)
            for i, gram in enumerate(pairs):
                if gram in consumed:
                    continue
                consumed.add(gram)
                span = flags[i : i + 2]
                # One wrong character breaks two pairs; the skip pair around it half-saves each.
                bridges = tuple((skips[j],) for j in (i - 1, i) if 0 <= j < len(skips))
                units.append(Unit(
                    alternatives=((gram,),) + bridges,
                    factor=_pair_factor(gram, span, all(flags)),
                    credits=(1.0,) + (SKIP_CREDIT,) * len(bridges),
                ))
                budget -= 1
            continue
        triples = tuple(g for g in run_grams(False, run) if g not in consumed)
        if not triples:
            continue
        consumed.update(triples)
        key = word_key(run)
        whole = len(triples) == len(run_grams(False, run))
        alternatives = (triples, (key,)) if key and whole else (triples,)
        units.append(Unit(alternatives=alternatives))
        budget -= len(triples)
    return Query(units=tuple(units), normalised=norm)


# --- weights and scores ---------------------------------------------------------


def gram_weight(document_frequency, total_documents):
    """Inverse document frequency: rare grams say more than common ones."""
    return math.log(1 + (total_documents + 1) / (document_frequency + 0.5))


def scorer(query: Query, weights: Mapping[str, float]):
    """A function ``(doc, title_grams) -> score`` for one query, 0…1.

    ``doc`` maps the request's grams that matched to their stored weight,
    ``title_grams`` is how many grams its title has, ``weights`` gives each
    gram's importance (:func:`gram_weight`). The score is the weighted share of
    the query the request covers (each unit by its best alternative; grams in
    the title count fully, in the description ``DESCRIPTION_WEIGHT / TITLE_WEIGHT``),
    a fifth of it scaled by how much of the title the query covers.
    """
    units, total = [], 0.0
    for unit in query.units:
        unit_weight = unit.factor * sum(weights.get(g, 0.0) for g in unit.alternatives[0])
        if not unit_weight:
            continue
        credits = unit.credits or (1.0,) * len(unit.alternatives)
        alternatives = []
        for alternative, credit in zip(unit.alternatives, credits):
            pairs = [(g, weights.get(g, 0.0)) for g in alternative]
            size = sum(w for _g, w in pairs)
            if size:
                alternatives.append((credit / (size * TITLE_WEIGHT), pairs))
        units.append((unit_weight, alternatives))
        total += unit_weight

    # Inverted for speed: each query gram points at the alternatives it helps cover, so a
    # request's score costs one step per gram it matched, not one per gram of the query.
    helps, unit_slots, slots = {}, [], 0
    for unit_weight, alternatives in units:
        mine = []
        for scale, pairs in alternatives:
            for g, w in pairs:
                if w:
                    helps.setdefault(g, []).append((slots, scale * w))
            mine.append(slots)
            slots += 1
        unit_slots.append((unit_weight, mine))

    def score(doc, title_grams):
        if not total:
            return 0.0
        covered = [0.0] * slots
        title_hits = 0
        for g, stored in doc.items():
            if stored == TITLE_WEIGHT:
                title_hits += 1
            for slot, value in helps.get(g, ()):
                covered[slot] += value * stored
        got = 0.0
        for unit_weight, mine in unit_slots:
            got += unit_weight * max((covered[slot] for slot in mine), default=0.0)
        query_coverage = got / total
        title_coverage = min(1.0, title_hits / title_grams) if title_grams else 0.0
        return round(QUERY_SHARE * query_coverage + (1 - QUERY_SHARE) * title_coverage * query_coverage, 4)

    return score


def score(query: Query, weights: Mapping[str, float], doc: Mapping[str, int], title_grams: int):
    """How well one request fits a query (see :func:`scorer`); ``doc`` holds only grams of the query."""
    return scorer(query, weights)({g: w for g, w in doc.items() if g in set(query.grams)}, title_grams)
