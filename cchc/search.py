"""Site search for Vietnamese as people type it: an index split into small files a browser fetches per query.

Words are matched folded (no tone marks, `đ` as `d`, lower case), so `dang ky`, `ĐĂNG KÝ` and
`đăng ký` find the same documents; each posting also records which written forms the document
uses, so a query typed with its diacritics ranks exact matches first. The index is split by
word into buckets: a first query downloads the small manifest and the buckets of its words
only, then the title and text of each result it shows (`overrides/assets/search.js`).
See README, "Search", for the measurements behind this choice.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import pickle
import re
import zlib
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Callable, Iterable

from . import collector, kinds
from .build_cache import digest, made_again, not_kept
from .content import url_of
from .dates import display_date
from .text import fold, nfc

DIR = "search"
KINDS = {kind.name: kind.reader_name for kind in kinds.KINDS}
TEXT_LIMIT = 2000  # characters of a document kept for excerpts
# The kinds of cache entries an index reads again on every rebuild: its runs' heads, how many words each merged part
# holds, and the digests of each group of buckets' files (what the search process reads ahead, `search_copy._ReadAhead`).
RUN_HEAD, MERGED_SIZE, GROUP_FILES = "search-run", "search-part-size", "search-buckets"
# And those it reads only where the files made of them are not in place: a merged part, a run's documents' files;
# and each document's analysis, read where its run is indexed again.
MERGED_PART, RUN_FILES, ANALYSIS = "search-part", "search-run-files", "search"
# A word's weight in a document: 10 per title occurrence (two at most), plus its count in the text
# (nine at most): a document that names the word in its title always outranks one that only mentions it.
TITLE_WEIGHT, TITLE_MAX, TEXT_MAX = 10, 2, 9
MAX_VARIANTS = 30  # written forms per folded word, as bits of an integer that JavaScript handles exactly

_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]+>")
_META_PANEL = re.compile(r'(<div class="cchc-meta">.*?</div>)', re.S)
# Not read: scripts, permalink signs, footnote marks, and the links to other pages of the same kind (a news item's
# neighbours: its page is not about their titles).
_SKIP = re.compile(r'<(script|style)\b.*?</\1>|<a class="headerlink"[^>]*>.*?</a>|<sup[^>]*><a class="footnote-ref".*?</sup>'
                   r'|<nav [^>]*class="cchc-neighbours".*?</nav>', re.S)


@dataclass(frozen=True)
class SearchDoc:
    url: str  # site-relative, e.g. `van-ban/2020-489-qd-ubnd-khanh-hoa/`
    title: str
    kind: str  # a key of KINDS
    department: str  # code, or ""
    date: str  # as shown, dd/mm/yyyy, or ""
    text: str | None  # None: named by `source`, read only if its analysis was never kept (`_analysed`)
    passages: str = ""  # the text excerpts come from (TEXT_LIMIT at most): without the metadata panel most pages open with
    identifier: str = ""  # a procedure's code or a document's number: typed exactly, it comes first
    source: str = ""  # a digest that names the text and passages (the page's parts in the build cache), or ""
    text_digest: str = ""  # `text_digest` of the text and passages, given where the text is not (else made from it)


Read = Callable[[str], tuple[str, str]]  # a document's `source` -> its text and passages


def plain_text(rendered: str) -> str:
    """The readable text of a rendered page: no tags, no permalink signs, entities decoded."""
    text = _TAG.sub(" ", _SKIP.sub(" ", rendered))
    return " ".join(html.unescape(text).split())


def identifier_key(identifier: str) -> str:
    """How `search.js` looks up a code or number typed: folded, without spaces."""
    return "".join(fold(identifier).split())


def words(text: str) -> list[str]:
    """What `_WORD` finds in the text, lower case: a token between spaces at a time, whole where it is all letters and
    digits, as most are (`str.isalnum` is `_WORD`'s class, and no space is in it). The expression over the whole text
    was a third of the documents' analysis."""
    found: list[str] = []
    for token in nfc(text).lower().split():
        if token.isalnum():
            found.append(token)
        else:
            found += _WORD.findall(token)
    return found


def bucket_of(folded: str, buckets: int) -> int:
    """The CRC-32 of the word's UTF-8 bytes (zlib's, computed in C), modulo `buckets`; `search.js` computes the same.
    (FNV-1a, looped in Python, was 0.04 s of a 10,000-document build's 67,000 words and pairs, and 0.02 s of every
    rebuild's 10,000 addresses, `_runs`.)"""
    return zlib.crc32(folded.encode("utf-8")) % buckets


@lru_cache(maxsize=1 << 17)
def _fold(word: str) -> str:
    return fold(word)  # a portal has far fewer distinct words than words: each folded once


def analyse(title: str, text: str) -> dict:
    """What the index needs of one document, whatever the others: its distinct words in order of appearance (not
    set order: the written forms' order must not vary between builds), the weight of each (one base-36 character),
    and the distinct pairs of neighbouring words, folded, in order of appearance too. Kept as three strings, which a
    rebuild reads back from the build cache many times faster than lists of lists (a word has no space, a folded one
    no `|`)."""
    title_words, text_words = words(title), words(text)
    in_title, in_text = Counter(title_words), Counter(text_words)
    only_in_text = [w for w in in_text if w not in in_title]
    # A text's words are most of a build's search work: their weights looked up by count, each word folded once.
    weights = "".join([_DIGITS[TITLE_WEIGHT * min(count, TITLE_MAX) + min(in_text.get(w, 0), TEXT_MAX)]
                       for w, count in in_title.items()]
                      + [_TEXT_DIGIT.get(count, _TEXT_DIGIT[TEXT_MAX])
                         for count in map(in_text.__getitem__, only_in_text)])
    folded = {w: _fold(w) for w in in_text} | {w: _fold(w) for w in in_title}
    # Pairs of neighbouring words rank `đăng ký hoạt động` above a text with the words apart:
    # most Vietnamese words are two syllables. In order of first appearance, as the words (a set, sorted, was a
    # fifth more of this step).
    sequences = [list(map(folded.__getitem__, sequence)) for sequence in (title_words, text_words)]
    found = dict.fromkeys(chain.from_iterable(zip(sequence, sequence[1:]) for sequence in sequences))
    return {"words": " ".join([*in_title, *only_in_text]), "weights": weights,
            "pairs": "|".join(map(" ".join, found))}


Remember = Callable[[tuple[str, ...], Callable[[], dict]], dict]


def build(docs: Iterable[SearchDoc], departments: dict[str, str], remember: Remember = made_again,
          go_on: Callable[[], None] = lambda: None, read: Read = not_kept) -> dict[str, bytes]:
    """The index files, by path under the site directory. Deterministic for the same documents.

    The documents, in order of address, are indexed in runs (`_runs`), each on its own, and the runs' indexes merged.
    `remember(key, make)` gives what `make()` gives, or the same kept under `key` (strings whose digest names it) by
    an earlier build: the build cache, so that a rebuild indexes again only the runs that hold an edited document, and
    analyses again only the documents edited. `go_on` is called every hundred documents and every thousand words,
    pairs and files, and may raise to stop (the preview stops a save's index when a newer save comes).

    A document may name its text by its `source` instead of giving it: `read(source)` gives it then, only if the
    document's run is indexed again and its analysis was never kept (a rebuild reads the edited pages' texts alone)."""
    files: dict[str, bytes] = {}
    build_in_order(sorted(docs, key=lambda d: d.url), departments, files.__setitem__, remember=remember, go_on=go_on,
                   read=read)
    return files


def _never_kept(_path: str, _digest: str) -> bool:
    return False


def build_in_order(docs: Iterable[SearchDoc], departments: dict[str, str], place: Callable[[str, bytes], None],
                   place_kept: Callable[[str, str], bool] = _never_kept, remember: Remember = made_again,
                   go_on: Callable[[], None] = lambda: None, read: Read = not_kept) -> None:
    """`build` of documents given in order of address, read one run at a time (a document's text is not held once its
    run is indexed: `search_copy` reads them from a file as they are needed), each file given to `place(path, data)`
    as soon as it is made: each document's own as its run is indexed (ten thousand files written at the end were 5 s
    of the end of a 10,000-document build), the buckets and the manifest once every run is.

    A file an earlier build made the same (by the same documents, the same merged parts) is first offered to
    `place_kept(path, digest)`, by the SHA-256 of its bytes: where that puts it in place (the site's file is a link to
    the bytes the cache keeps), it is neither read from the cache nor made. A news edit at 10,000 documents changes a
    few of the 256 groups of buckets (`_Group`) and none of the documents' files outside its run: assembling and
    placing all 18,000 files, and reading their 60 MB from the cache, were most of a rebuild's index."""
    with collector.paused():
        _build(docs, departments, remember, go_on, read, place, place_kept)


def _build(docs: Iterable[SearchDoc], departments: dict[str, str], remember: Remember, go_on: Callable[[], None],
           read: Read, place: Callable[[str, bytes], None], place_kept: Callable[[str, str], bool]) -> None:
    runs: list[_Run] = []
    kind_place = {k: str(n) for n, k in enumerate(KINDS)}
    kind, department, title_words = [], [], []
    identifiers = {}  # a code or number typed whole (`1.000688`, `489/QĐ-UBND`) -> its document
    number = 0
    for run in _runs(docs):
        go_on()
        indexed = _Run(number, run, remember, go_on, read)
        runs.append(indexed)
        # Each title's length in words (base 36, at most 35): among equal matches the shorter title is the closer one.
        title_words += indexed.title_words
        indexed.place(place, place_kept)  # each result's file: a query fetches those of the results it shows
        for doc in run:
            kind.append(kind_place[doc.kind])
            department.append(doc.department)
            if doc.identifier[:1].isalnum():  # `/KH-SNgV`, a document with no number yet, is no identifier
                identifiers["#" + identifier_key(doc.identifier)] = number
            number += 1

    merged = {side: _merged(runs, side, merge, number, remember, go_on)
              # Only which documents have a pair: ranking counts pairs found, the words give the weight.
              for side, merge in (("words", _merged_word), ("pairs", _merged_pair))}
    distinct = sum(part.size for parts in merged.values() for part in parts)
    buckets = max(64, 1 << max(0, math.ceil(math.log2(max(1, distinct) / 12))))  # a new portal: few words
    groups = min(buckets, PARTS)  # both powers of two: a bucket's words all in parts of one group
    identified: dict[int, list[tuple[str, str]]] = defaultdict(list)  # in the bucket of `#` + the key
    for key, found in identifiers.items():
        identified[bucket_of(key, groups)].append((key, _member(key, found)))
    for group in range(groups):
        go_on()
        _Group(group, groups, buckets, merged, identified.pop(group, [])).place(remember, place, place_kept)
    runs.clear()

    codes = sorted({code for code in department if code})
    numbered = {c: n for n, c in enumerate(codes)}
    manifest = {
        "version": 3, "buckets": buckets, "docs": number,
        "kinds": list(KINDS), "kindLabels": KINDS,
        "kind": "".join(kind),
        "departments": [[c, departments.get(c, c)] for c in codes],
        "department": [numbered[code] if code else -1 for code in department],
        "titleWords": _weights(title_words),
    }
    place(f"{DIR}/manifest.json", _json(manifest))


class _Run:
    """A run of documents and its index (`_run_index`), kept in the cache as a head (each part's digest, and the digest
    of each document's file) under the run's documents, each part under its digest, and the documents' files under
    their digests: a rebuild reads the heads of the runs it did not index again, of their parts only those merged
    again (the runs' indexes read whole were 70 MB of a 10,000-document news rebuild, for the few parts an edit
    changes), and of their files only those not in place already."""

    def __init__(self, start: int, docs: list[SearchDoc], remember: Remember, go_on: Callable[[], None], read: Read):
        self.start, self._docs, self._remember, self._go_on, self._read = start, docs, remember, go_on, read
        self._made: dict | None = None  # the whole index, where made by this build
        key = (RUN_HEAD, *(part for doc in docs for part in _described(doc)))
        head = remember(key, self._make)
        self.digests, self._shown, self.title_words = head["digests"], head["shown"], head["titles"]
        if self._made is not None:  # its documents' texts are not held to the merge (80 MB at 10,000 documents)
            self._docs = None

    def place(self, place: Callable[[str, bytes], None], place_kept: Callable[[str, str], bool]) -> None:
        """Each document's file, numbered from the run's start (`build_in_order`); given once."""
        shown, self._shown = self._shown, None
        paths = [f"{DIR}/d/{self.start + number}.json" for number in range(len(shown))]
        made = self._made.pop("shown") if self._made is not None else None
        _placed(dict(zip(paths, shown)), made and dict(zip(paths, made)), place, place_kept, lambda: dict(zip(
            paths, self._remember((RUN_FILES, *shown), lambda: self._made_again()["shown"]))))

    def _make(self) -> dict:
        index = self._made = _run_index(self._docs, self._remember, self._go_on, self._read)
        for side in ("words", "pairs"):
            for data, named in zip(index[side], index["digests"][side]):
                self._remember(("search-run-part", named), lambda data=data: data)
        shown = [hashlib.sha256(data).hexdigest() for data in index["shown"]]
        self._remember((RUN_FILES, *shown), lambda: index["shown"])
        return {"digests": index["digests"], "shown": shown, "titles": index.pop("titles")}

    def part(self, side: str, part: int) -> bytes:
        """One part of the run's index, pickled: made again with the whole run's index if the cache lost it."""
        if self._made is None:
            return self._remember(("search-run-part", self.digests[side][part]), lambda: self._made_again()[side][part])
        return self._made[side][part]

    def _made_again(self) -> dict:
        if self._made is None:
            self._make()
        return self._made


class _Merged:
    """One part of the index's words (or pairs) merged from the runs (`_merged`): how many it holds, from an entry of
    its own, and its members, read or merged only where its group of buckets is made again (`_Group`)."""

    def __init__(self, key: tuple[str, ...], make: Callable[[], tuple], remember: Remember):
        self.named = digest(*key)  # what names it in its group's key
        self._key, self._make, self._remember = key, make, remember
        self._value: tuple | None = None
        self.size = remember((MERGED_SIZE, self.named), lambda: len(self.value()[1]))

    def value(self) -> tuple[array, list[str], list[str]]:
        """Each word's (or pair's) CRC-32, the words, and their members of a bucket file."""
        if self._value is None:
            self._value = self._remember(self._key, self._make)
        return self._value

    def release(self) -> None:
        self._value = None


def _merged(runs: list[_Run], side: str, merge: Callable[[list, int], object], total: int,
            remember: Remember, go_on: Callable[[], None]) -> list[_Merged]:
    """The index's words (or pairs: `side`) merged from the runs one part (`_part_of`) at a time: the runs' indexes,
    read back whole, were 220 MB of a 10,000-document build. Each part is remembered under what it is merged from
    (the runs' digests of that part, where they start, how many documents in all): a rebuild merges again only the
    parts that hold a word whose postings changed (an edited news item: a few of 256; every part, 3 s of a
    10,000-document rebuild)."""
    merged = []
    for part in range(PARTS):
        go_on()
        key = (MERGED_PART, side, str(part), str(total), *(f"{run.start}:{run.digests[side][part]}" for run in runs))
        merged.append(_Merged(key, lambda part=part: _merged_part(runs, side, part, merge, total, go_on), remember))
    return merged


class _Group:
    """The bucket files whose words fall in the parts `group`, `group + groups`, …: every part when there are fewer
    buckets than parts, else one part, each bucket of the `buckets` in one group (`bucket_of` is the CRC-32 that
    parts the words, modulo a power of two). Kept by the digests of its files under what they are made of (its parts
    as merged, the identifiers in its buckets): a rebuild reads and places only the groups whose parts an edit
    merged again."""

    def __init__(self, group: int, groups: int, buckets: int, merged: dict[str, list[_Merged]],
                 identified: list[tuple[str, str]]):
        self._parts = {side: parts[group::groups] for side, parts in merged.items()}
        self._buckets, self._identified = buckets, identified
        self._key = (GROUP_FILES, str(buckets), str(group), *(part.named for parts in self._parts.values() for part in parts),
                     *(member for _key, member in identified))

    def place(self, remember: Remember, place: Callable[[str, bytes], None],
              place_kept: Callable[[str, str], bool]) -> None:
        made: dict[str, bytes] = {}

        def make() -> dict[str, str]:
            made.update(self._files())
            return {path: hashlib.sha256(data).hexdigest() for path, data in made.items()}

        digests = remember(self._key, make)
        _placed(digests, made or None, place, place_kept, self._files)
        for parts in self._parts.values():
            for part in parts:
                part.release()

    def _files(self) -> dict[str, bytes]:
        """Each bucket's file as its members' JSON: the words in order, the identifiers, the pairs in order."""
        files: dict[int, tuple[list, list, list]] = defaultdict(lambda: ([], [], []))
        for side, parts in ((0, self._parts["words"]), (2, self._parts["pairs"])):
            for part in parts:
                for value, key, member in zip(*part.value()):
                    files[value % self._buckets][side].append((key, member))
        for key, member in self._identified:
            files[bucket_of(key, self._buckets)][1].append((key, member))
        return {f"{DIR}/b/{bucket}.json": ("{" + ",".join(  # as `_json` writes the object
                    member for group in (sorted(words_in), identified, sorted(pairs_in)) for _key, member in group)
                    + "}").encode("utf-8")
                for bucket, (words_in, identified, pairs_in) in sorted(files.items())}


def _placed(digests: dict[str, str], made: dict[str, bytes] | None, place: Callable[[str, bytes], None],
            place_kept: Callable[[str, str], bool], files: Callable[[], dict[str, bytes]]) -> None:
    """Each file of `digests` (path -> the digest of its bytes) placed: as `made` now, else offered to `place_kept`,
    and made (`files`) only where one is not in place already."""
    fresh = made is not None
    for path, named in digests.items():
        if not fresh and place_kept(path, named):
            continue
        made = made if made is not None else files()
        place(path, made[path])


def _merged_part(runs: list[_Run], side: str, part: int, merge: Callable[[list, int], object], total: int,
                 go_on: Callable[[], None]) -> tuple[array, list[str], list[str]]:
    found: dict[str, list] = defaultdict(list)  # key -> (its run's first document, its entry in the run) per run
    for run in runs:
        for key, entry in pickle.loads(run.part(side, part)).items():
            found[key].append((run.start, entry))
    keys = sorted(found)
    members = []
    for count, key in enumerate(keys):
        if count % 1000 == 0:
            go_on()
        members.append(_member(key, merge(found.pop(key), total)))
    return array("I", [zlib.crc32(key.encode("utf-8")) for key in keys]), keys, members


def _merged_pair(found: list[tuple[int, list[int]]], total: int) -> list:
    """A pair's entry in the index from its documents in each run (in order): as a word's (`_members`), without forms
    or weights."""
    if not _as_bitmap(sum([len(numbers) for _start, numbers in found]), total):
        differences, last = [], 0
        for start, numbers in found:
            for number in numbers:
                differences.append(start + number - last)
                last = start + number
        return [[], differences, "", {}]
    value = 0
    for start, numbers in found:
        for number in numbers:
            value |= 1 << (start + number)
    return [[], _base64_bits(value, total), "", {}]


# A run's index, and the merged index, are kept in parts by the CRC-32 of the word (or pair) that also buckets it
# (`bucket_of`), computed in C for each word of each run indexed: an edit that changes a few words' postings changes
# a few parts, and the bucket files of a few groups (`_Group`).
PARTS = 256


def _part_of(key: str) -> int:
    return bucket_of(key, PARTS)


def _parts(entries: dict[str, object]) -> list[bytes]:
    """A run's words (or pairs) and their entries, by part (`_part_of`), each pickled: read back one at a time."""
    parts: list[dict] = [{} for _ in range(PARTS)]
    for key, entry in entries.items():
        parts[_part_of(key)][key] = entry
    return [pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL) for part in parts]


RUN = 256  # documents in a run, on average (`_runs`)


def _runs(docs: list[SearchDoc]):
    """The documents in runs that end after a document whose address hashes to 0 (modulo RUN): a document added or
    removed changes its own run only, not the runs after it, as runs of a fixed length would."""
    run = []
    for doc in docs:
        run.append(doc)
        if bucket_of(doc.url, RUN) == 0:
            yield run
            run = []
    if run:
        yield run


def text_digest(text: str, passages: str) -> str:
    """What names a document's text and passages in its run's key."""
    return digest(text, passages)


def _described(doc: SearchDoc) -> tuple[str, ...]:
    """What a run's index and the files of its results are made of: each document's text, by its digest, given with
    it or made from the text, so that the same document names its run alike whether its text is given or named by
    its source; and a page whose text did not change (a news item whose neighbour was renamed) leaves its run alone."""
    named = doc.text_digest or (text_digest(doc.text, doc.passages) if doc.text is not None else "")
    return (doc.url, doc.title, doc.kind, doc.department, doc.date, doc.identifier, named or doc.source)


def _analysed(doc: SearchDoc, remember: Remember, read: Read) -> dict:
    """The document's analysis (`analyse`) and the text its result shows (`excerpt`), kept under its title and its
    text's digest: a document whose text is named by its source is read (`read`, its page's parts from the cache)
    only if they are not kept. A department renamed changes the texts of pages in most runs, each indexed again:
    reading back every document's text only to look its analysis up was a quarter of that."""
    def made() -> dict:
        return analysis(doc.title, *((doc.text, doc.passages) if doc.text is not None else read(doc.source)))

    named = doc.text_digest or (text_digest(doc.text, doc.passages) if doc.text is not None else doc.source)
    return remember((ANALYSIS, doc.title, named), made)


def analysis(title: str, text: str, passages: str) -> dict:
    """A document's analysis (`analyse`) and the text its result shows, kept under `(ANALYSIS, title, text_digest)`."""
    return {**analyse(title, text), "excerpt": (passages or text)[:TEXT_LIMIT]}


def _run_index(run: list[SearchDoc], remember: Remember, go_on: Callable[[], None], read: Read) -> dict:
    """The index of a run of documents, numbered from 0: for each folded word its written forms in order of first
    appearance and its postings (documents, weights, and which forms a document uses where not the first alone:
    posting number, then bits); for each pair of neighbouring words its documents. Each in parts (`_parts`). With
    it, what each document's result shows (`shown`, a file each) and its title's length in words (`titles`: counted
    again for each document of every run, they were 0.03 s of every rebuild's search process at 10,000 documents)."""
    entries: dict[str, tuple[list[str], list[int], list[int], list[int]]] = {}
    pairs: dict[str, list[int]] = defaultdict(list)
    # A written form -> its folded word's postings (documents, weights, masks) and its bit among the word's forms:
    # looked up once per word of each document, the build's most frequent step.
    seen: dict[str, tuple[list[int], list[int], list[int], int]] = {}
    analysed: list[dict] = []  # each document's, for what its result shows

    def form(word: str) -> tuple[list[int], list[int], list[int], int]:
        folded = _fold(word)
        forms, numbers, weights, masks = entries.get(folded) or entries.setdefault(folded, ([], [], [], []))
        forms.append(word)
        found = seen[word] = numbers, weights, masks, 1 << (len(forms) - 1)
        return found

    for number, doc in enumerate(run):
        if number % 100 == 0:
            go_on()
        analysis = _analysed(doc, remember, read)
        analysed.append(analysis)
        found = [seen.get(word) or form(word) for word in analysis["words"].split(" ")] if analysis["words"] else []
        for (numbers, weights, masks, bit), count in zip(found, map(_VALUES.__getitem__, analysis["weights"])):
            if numbers and numbers[-1] == number:  # another form of a folded word this document has: one posting
                weights[-1] += count
                if masks and masks[-2] == len(numbers) - 1:
                    masks[-1] |= bit
                else:
                    masks += (len(numbers) - 1, 1 | bit)  # its first form's bit, 1, was implied
                continue
            if bit != 1:
                masks += (len(numbers), bit)
            numbers.append(number)
            weights.append(count)
        if analysis["pairs"]:
            for pair in analysis["pairs"].split("|"):
                pairs[pair].append(number)
    # A pair's documents as they are: most pairs are in one document of the run, and merging needs only which.
    sides = {"words": _parts({folded: [forms, _run_postings(numbers, len(run)), _weights(weights), masks]
                              for folded, (forms, numbers, weights, masks) in entries.items()}),
             "pairs": _parts(pairs)}
    return {**sides, "digests": {side: [digest(part) for part in parts] for side, parts in sides.items()},
            "shown": [_json([doc.title, doc.url, doc.kind, doc.department, doc.date, analysis["excerpt"]])
                      for doc, analysis in zip(run, analysed)],
            "titles": [len(words(doc.title)) for doc in run]}


def _run_postings(numbers: list[int], docs: int) -> list:
    """A run's documents (ascending) as differences (an array: four bytes each, where a list holds an object each), the
    last, and for a word in many of them a bitmap (hexadecimal): what merging runs needs to write either form
    (`_members`) without going through each document again."""
    differences = array("I", [b - a for a, b in zip([0, *numbers], numbers)])
    bits = format(_bitmap(differences), "x") if _as_bitmap(len(numbers), docs) else ""
    return [differences, numbers[-1], bits]


def _merged_word(found: list[tuple[int, list]], total: int) -> list:
    """A folded word's entry in the index from its entries in the runs (in order): its written forms, in order of first
    appearance (MAX_VARIANTS at most); its documents; their weights; and each posting's forms as bits, where not the
    first form alone."""
    variants: list[str] = []
    weights: list[str] = []
    masks: dict[str, int] = {}
    posted = 0  # postings in the runs before
    for _start, (forms, postings, run_weights, run_masks) in found:
        for form in forms:
            if form not in variants and len(variants) < MAX_VARIANTS:
                variants.append(form)
        bits = [1 << variants.index(form) if form in variants else 0 for form in forms]
        if bits[0] == 1:  # a posting of the run's first form alone is one of the index's first form alone: not kept
            same = all(bit == 1 << place for place, bit in enumerate(bits))
            for place in range(0, len(run_masks), 2):
                mask = run_masks[place + 1] if same else _remapped(run_masks[place + 1], bits)
                if mask != 1:
                    masks[str(posted + run_masks[place])] = mask
        else:
            kept = dict(zip(run_masks[::2], run_masks[1::2]))
            for posting in range(len(postings[0])):
                mask = _remapped(kept.get(posting, 1), bits)
                if mask != 1:
                    masks[str(posted + posting)] = mask
        weights.append(run_weights)
        posted += len(postings[0])
    return [variants, _members([(start, entry[1]) for start, entry in found], total, posted), "".join(weights), masks]


def _remapped(mask: int, bits: list[int]) -> int:
    """A run's bits of forms as the index's bits of the same forms."""
    merged, place = 0, 0
    while mask:
        if mask & 1:
            merged |= bits[place]
        mask >>= 1
        place += 1
    return merged


def _members(found: list[tuple[int, list]], total: int, count: int) -> list[int] | str:
    """Ascending document numbers, `count` of them, from each run's (its first document's number, its postings): as
    differences, or for a word in many documents as a bitmap (`_as_bitmap`)."""
    if not _as_bitmap(count, total):
        differences, last = array("I"), 0
        for start, (run_differences, run_last, _bits) in found:
            differences.append(start + run_differences[0] - last)
            differences += run_differences[1:]
            last = start + run_last
        return differences.tolist()
    value = 0
    for start, (run_differences, _last, bits) in found:
        value |= (int(bits, 16) if bits else _bitmap(run_differences)) << start
    return _base64_bits(value, total)


def _as_bitmap(count: int, total: int) -> bool:
    """Whether `count` documents of `total` are written as a bitmap (base64, one bit per document: a common word costs
    1.3 KB per 10,000 documents), not as differences."""
    return count * 16 >= total


def _base64_bits(value: int, total: int) -> str:
    """Documents as the bits of `value` (bit n: document n), one bit per document of `total`, in base64."""
    return base64.b64encode(value.to_bytes((total + 7) // 8, "little")).decode("ascii")


def _bitmap(differences) -> int:
    """Documents given as differences, as the bits of an integer (bit n: document n)."""
    value, number = 0, 0
    for difference in differences:
        number += difference
        value |= 1 << number
    return value


def _weights(weights) -> str:
    """One character per posting: the weight in base 36, capped at 35."""
    return "".join([_DIGITS[w] if w < 36 else "z" for w in weights])


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_VALUES = {digit: value for value, digit in enumerate(_DIGITS)}
_TEXT_DIGIT = {count: _DIGITS[count] for count in range(TEXT_MAX + 1)}  # a word not in the title, by its count


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json(value) -> bytes:
    return _ENCODE(value).encode("utf-8")


def _member(key: str, value) -> str:
    """`"key":value`, as in the object `_json` writes."""
    return f"{_ENCODE(key)}:{_ENCODE(value)}"


PAGE_URI = "tim-kiem.md"


EDITORS_GUIDE = "huong-dan/"  # shell commands and file paths: not what readers search for


def is_document(site, uri: str) -> bool:
    """A content page (not a generated listing), and one readers search for."""
    return uri in site.pages and uri != PAGE_URI and not uri.startswith(EDITORS_GUIDE)


def documents(site, rendered: dict[str, tuple[str, str | None, str, str, str]]) -> list[SearchDoc]:
    """One search document per content page that was rendered (drafts and scheduled news never are).

    `rendered` maps a page's source path to its title, text and passages (`texts`; None and "" where its source names
    them), its source (`SearchDoc.source`) and its text's digest (`SearchDoc.text_digest`, or "")."""
    docs = []
    for uri, entry in site.pages.items():
        if uri not in rendered or not is_document(site, uri):
            continue
        title, text, passages, source, named = rendered[uri]
        kind = entry.kind
        department = entry.get(kind.department_field) if kind.department_field else ""
        date = entry.get(kind.date_field) if kind.date_field else None
        identifier = entry.get(kind.number_field) if kind.number_field else ""
        docs.append(SearchDoc(url_of(uri), title, kind.name, department or "",
                              display_date(date) if date else "", text, passages, identifier or "", source, named))
    return docs


def texts(page_html: str) -> tuple[str, str]:
    """The page's text, and the text excerpts come from (without the metadata panel), each page read once: a tag
    reads as a space, so the texts of the page's pieces joined are the text of the whole."""
    pieces = _META_PANEL.split(page_html)  # outside, panel, outside, …: the pattern's one group is the panel
    if len(pieces) == 1:
        text = plain_text(page_html)
        return text, text[:TEXT_LIMIT]
    found = [plain_text(piece) for piece in pieces]
    return " ".join(t for t in found if t), " ".join(t for t in found[::2] if t)[:TEXT_LIMIT]


def page() -> str:
    """The search page: the form and an empty list that `search.js` fills."""
    return "\n".join([
        "# Tìm kiếm", "",
        '<div class="cchc-search" data-cchc-search data-index="../search/" data-site="../">',
        '<form class="cchc-search__form" role="search" action="./" aria-label="Tìm kiếm chi tiết">',
        '<label class="cchc-search__text"><span>Tìm văn bản, tin tức, thủ tục, cơ quan</span>'
        '<input type="search" name="q" autocomplete="off" placeholder="Ví dụ: cai cach hanh chinh, 489/QĐ-UBND"></label>',
        '<label><span>Loại</span><select name="loai"><option value="">Tất cả</option></select></label>',
        '<label><span>Cơ quan</span><select name="co-quan"><option value="">Tất cả</option></select></label>',
        '<button class="md-button md-button--primary" type="submit">Tìm</button>',
        "</form>",
        '<p class="cchc-search__status" aria-live="polite" tabindex="-1">Tìm kiếm cần JavaScript. Có thể tra cứu theo danh mục: '
        '<a href="../van-ban/">văn bản</a>, <a href="../tin-tuc/">tin tức</a>, <a href="../thu-tuc/">thủ tục hành chính</a>, '
        '<a href="../co-quan/">cơ quan</a>.</p>',
        '<ol class="cchc-search__results"></ol>',
        "</div>", ""])
