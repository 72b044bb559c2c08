"""The search index: folded words, written forms, neighbouring pairs, buckets, and plain text from pages."""

import itertools
import json
import re

from cchc.kinds import KINDS
from cchc.search import SearchDoc, bucket_of, build, plain_text, words


def docs():
    return [SearchDoc("a/", "Đăng ký hoạt động", "procedure", "STP-KH", "", "Hồ sơ đăng ký gồm tờ khai."),
            SearchDoc("b/", "Ghi chú", "page", "", "", "Dang ky qua mang, khong dau."),
            SearchDoc("c/", "Kế hoạch 489/QĐ-UBND", "plan", "UBND-KH", "11/03/2020", "Cải cách hành chính.")]


def entry(files, key):
    buckets = json.loads(files["search/manifest.json"])["buckets"]
    return json.loads(files[f"search/b/{bucket_of(key, buckets)}.json"])[key]


def test_words_are_the_runs_of_letters_and_digits_wherever_spaces_and_signs_fall():
    """Found a token between spaces at a time: the same words as the expression over the whole text."""
    text = ("Kế hoạch 489/QĐ-UBND (2021–2025):\u00a0cải_cách\tHÀNH-CHÍNH; 1.000688, e-mail a@b.vn "
            "\u2003Điều 5ª ½ x²\n«Thủ tục» ĐĂNG KÝ")
    assert words(text) == re.findall(r"[^\W_]+", text.lower())
    assert words(text)[:5] == ["kế", "hoạch", "489", "qđ", "ubnd"]
    assert words("cải_cách") == ["cải", "cách"] and words("") == []


def test_words_are_folded_and_each_documents_written_forms_recorded():
    files = build(docs(), {"STP-KH": "Sở Tư pháp tỉnh Khánh Hòa"})
    variants, ids, weights, masks = entry(files, "dang")
    assert variants == ["đăng", "dang"]
    assert ids == "Aw=="  # in 2 of 3 documents: a bitmap, documents a/ and b/ (bits 0 and 1)
    assert masks == {"1": 2}  # a/ writes the first form, `đăng`; b/ the second, `dang`
    assert weights == "b1"  # a/: once in the title (10), once in the text (1): 11, `b` in base 36; b/: once
    assert entry(files, "qd")[0] == ["qđ"] and entry(files, "489")[1] == "BA=="
    assert entry(files, "dang ky") == [[], "Aw==", "", {}]  # a pair: its documents only, a bitmap as a word's


def test_a_documents_forms_of_one_folded_word_are_one_posting_their_counts_added_and_bits_joined():
    files = build([SearchDoc("a/", "Đăng ký", "news", "", "", "dang dang đăng"), SearchDoc("b/", "Tin", "news", "", "", "dang"),
                   SearchDoc("c/", "Khác", "news", "", "", "Dáng đăng dang")], {})
    variants, ids, weights, masks = entry(files, "dang")
    assert variants == ["đăng", "dang", "dáng"] and ids == "Bw=="  # each document once, whatever its forms
    # a/: `đăng` in the title and once in the text (11) and `dang` twice (2): 13, `d`; b/: 1; c/: three forms once: 3
    assert weights == "d13"
    assert masks == {"0": 0b11, "1": 0b10, "2": 0b111}


def test_rare_words_list_documents_as_differences_and_pairs_are_indexed():
    many = [SearchDoc(f"{n:03}/", f"Tin {n}", "news", "", "", "Nội dung chung.") for n in range(40)]
    many.append(SearchDoc("zz/", "Đăng ký hoạt động", "procedure", "", "", ""))
    files = build(many, {})
    assert entry(files, "dang")[1] == [40]  # one document in 41: its number
    assert entry(files, "dang ky")[1] == [40] and entry(files, "ky hoat")[0] == []  # pairs, for phrase ranking


def test_manifest_carries_kind_and_department_of_every_document_for_facets():
    manifest = json.loads(build(docs(), {"STP-KH": "Sở Tư pháp tỉnh Khánh Hòa"})["search/manifest.json"])
    places = [kind.name for kind in KINDS]  # procedure, page, plan: each a digit, its place in KINDS
    assert manifest["docs"] == 3 and manifest["kind"] == "".join(str(places.index(k)) for k in ("procedure", "page", "plan"))
    assert manifest["departments"] == [["STP-KH", "Sở Tư pháp tỉnh Khánh Hòa"], ["UBND-KH", "UBND-KH"]]
    assert manifest["department"] == [0, -1, 1]


def test_each_result_is_described_with_its_text_for_excerpts():
    files = build(docs(), {})
    assert json.loads(files["search/d/2.json"]) == ["Kế hoạch 489/QĐ-UBND", "c/", "plan", "UBND-KH", "11/03/2020", "Cải cách hành chính."]
    assert json.loads(files["search/d/0.json"])[5] == "Hồ sơ đăng ký gồm tờ khai."


def test_the_same_documents_give_the_same_bytes_in_any_order():
    assert build(docs(), {}) == build(list(reversed(docs())), {})


def test_bucket_function_is_crc32():
    assert bucket_of("", 1 << 32) == 0
    assert bucket_of("123456789", 1 << 32) == 0xCBF43926  # the published CRC-32 check value
    assert bucket_of("đăng", 1 << 32) == 0xE5299DFB  # over UTF-8 bytes, as search.js hashes them


def test_plain_text_drops_tags_permalinks_and_footnote_markers():
    html = ('<h2 id="x">Mục tiêu<a class="headerlink" href="#x">¶</a></h2><p>Cải cách&nbsp;hành chính'
            '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p><script>var x = 1;</script>')
    assert plain_text(html) == "Mục tiêu Cải cách hành chính ."


def test_a_documents_analysis_is_its_distinct_words_their_weights_and_its_pairs():
    from cchc.search import analyse

    assert analyse("Đăng ký", "đăng ký hoạt động") == {
        "words": "đăng ký hoạt động", "weights": "bb11",  # in the title (10) and the text (1): 11; in the text only: 1
        "pairs": "dang ky|ky hoat|hoat dong"}
    # Each pair once, in order of first appearance, the title's first: the same whatever Python's hash seed.
    assert analyse("Hoạt động", "đăng ký hoạt động, đăng ký")["pairs"] == "hoat dong|dang ky|ky hoat|dong dang"
    assert analyse("", "") == {"words": "", "weights": "", "pairs": ""} and build([SearchDoc("a/", "", "news", "", "", "")], {})


def written_forms_docs(count=70):
    """Documents whose words come in several written forms, in a different order from one document to the next,
    some in every document (a bitmap), some in a few (differences), and one folded word in more forms than the
    index gives bits to."""
    forms = ["đăng", "dang", "đang", "dáng", "dạng", "đáng", "đằng", "dàng"]
    many = [f"x{first}{second}" for first in "aáàảãạ" for second in "eéèẻẽẹ"]  # 36 forms of `xae`
    return [SearchDoc(f"{n:03}/", f"Tin {forms[n % len(forms)]} số {n}", "news", "", "",
                      " ".join([forms[(n * 3) % len(forms)], forms[(n * 5 + 1) % len(forms)], "chung",
                                f"hiem{n % 9}" if n % 9 == 0 else "thuong", "mau" if n % 4 else "", many[n % len(many)],
                               many[(n * 7 + 3) % len(many)]]))
            for n in range(count)]


def test_an_index_merged_from_runs_equals_the_index_of_one_run(monkeypatch):
    import cchc.search as search

    with monkeypatch.context() as one:
        one.setattr(search, "RUN", 1 << 32)  # no document ends a run: one run
        one.setattr(search, "PARTS", 1)  # and its index in one part
        whole = build(written_forms_docs(), {})
        assert len(list(search._runs(sorted(written_forms_docs(), key=lambda d: d.url)))) == 1
    words = ("chung", "dang", "hiem0", "mau", "so", "thuong", "xae")
    assert len({search._part_of(word) for word in words}) == len(words)  # each in a part of its own
    for run in (1, 3, 7):  # every document a run of its own; runs of about 3 and 7
        monkeypatch.setattr(search, "RUN", run)
        assert build(written_forms_docs(), {}) == whole, run
    variants, _ids, _weights, masks = entry(whole, "dang")
    assert len(variants) == 8 and masks  # forms met in another order in later runs: their bits as the index's
    assert len(entry(whole, "xae")[0]) == search.MAX_VARIANTS  # the forms past it have no bit


def test_a_rebuild_indexes_again_only_the_run_of_the_document_edited():
    import pickle

    import cchc.search as search

    kept, made, read = {}, [], []

    def remember(key, make):  # as the build cache: what it keeps is read back through pickle
        if key not in kept:
            made.append(key[0])
            kept[key] = pickle.dumps(make())
        else:
            read.append(key[0])
        return pickle.loads(kept[key])

    before = written_forms_docs(400)
    assert build(before, {}, remember) == build(before, {})
    runs = made.count("search-run")
    assert runs > 1 and made.count("search") == 400 and made.count("search-part") == 2 * search.PARTS
    made.clear()
    read.clear()
    after = [*before[:150], SearchDoc(before[150].url, "Tiêu đề mới", "news", "", "", "đăng ký mới"), *before[151:]]
    assert build(after, {}, remember) == build(after, {})
    assert made.count("search-run") == 1 and made.count("search") == 1  # the edited run; the edited document
    # Of the runs not indexed again, only the parts merged again are read, each once; the run indexed again keeps
    # each of its parts, those whose bytes are kept already found there.
    own = 2 * search.PARTS - made.count("search-run-part")
    assert read.count("search-run-part") == (runs - 1) * made.count("search-part") + own
    # The index merged again only in the parts of the words and pairs the edit took out or put in.
    def keys_of(doc):
        analysis = search.analyse(doc.title, doc.text)
        return ([("words", search._fold(word)) for word in analysis["words"].split(" ")]
                + [("pairs", pair) for pair in analysis["pairs"].split("|")])

    touched = {(side, search._part_of(key)) for doc in (before[150], after[150]) for side, key in keys_of(doc)}
    assert 0 < made.count("search-part") <= len(touched) < search.PARTS
    made.clear()
    added = [*after, SearchDoc("150a/", "Thêm", "news", "", "", "thêm một tin")]
    assert build(added, {}, remember) == build(added, {})
    assert made.count("search-run") <= 2  # its run, or two where the new document ends a run
    # A part the cache lost is made again from its run's documents, the same.
    for key in [key for key in kept if key[0] in ("search-run-part", "search-part")]:
        del kept[key]
    made.clear()
    assert build(added, {}, remember) == build(added, {})
    assert made.count("search-run") == 0 and made.count("search-part") == 2 * search.PARTS


def test_a_text_named_by_its_source_is_read_only_when_its_analysis_is_not_kept(monkeypatch):
    """A page the build did not convert again hands over its source and its text's digest, not its texts; a run
    indexed again reads only the texts of its documents whose analysis and excerpt were never kept."""
    import pickle
    from dataclasses import replace

    import cchc.search as search

    monkeypatch.setattr(search, "RUN", 40)
    given = written_forms_docs(400)
    texts = {f"k{n}": (doc.text, f"Đoạn trích {n}") for n, doc in enumerate(given)}
    named = [replace(doc, text=None, passages="", source=f"k{n}", text_digest=search.text_digest(*texts[f"k{n}"]))
             for n, doc in enumerate(given)]
    in_full = [replace(doc, passages=texts[doc.source][1]) for doc in
               (replace(doc, text=texts[doc.source][0]) for doc in named)]
    kept, read = {}, []

    def remember(key, make):
        if key not in kept:
            kept[key] = pickle.dumps(make())
        return pickle.loads(kept[key])

    def reading(source):
        read.append(source)
        return texts[source]

    assert build(named, {}, remember, read=reading) == build(in_full, {})
    assert sorted(read) == sorted(texts)
    read.clear()
    # A page converted again gives its texts and its source: its run is the same run whichever it gives.
    with_texts = [replace(named[0], text=texts["k0"][0], passages=texts["k0"][1], text_digest=""), *named[1:]]
    assert build(with_texts, {}, remember, read=reading) == build(in_full, {}) and read == []
    # A page whose parts changed but not its text (a news item whose neighbour was renamed): its run is left alone.
    texts["k100-moi"] = texts["k100"]
    moved = [*named[:100], replace(named[100], source="k100-moi"), *named[101:]]
    assert build(moved, {}, remember, read=reading) == build(in_full, {}) and read == []
    texts["k150"] = ("đăng ký mới", "Đoạn mới")  # the page edited: a new source, as its parts' key is
    texts["k150-moi"] = texts.pop("k150")
    edited = [*named[:150], replace(named[150], source="k150-moi", text_digest=search.text_digest(*texts["k150-moi"])),
              *named[151:]]
    expected = [*in_full[:150], replace(in_full[150], text="đăng ký mới", passages="Đoạn mới"), *in_full[151:]]
    assert build(edited, {}, remember, read=reading) == build(expected, {})
    run = next(run for run in search_runs(edited) if edited[150] in run)
    assert read == ["k150-moi"] and len(run) > 1  # its run indexed again, its neighbours' texts not read


def search_runs(docs):
    import cchc.search as search

    return list(search._runs(sorted(docs, key=lambda d: d.url)))


def test_documents_given_in_order_are_read_one_run_at_a_time():
    """The search process holds the texts of one run at a time, not of every document."""
    import cchc.search as search

    in_order = sorted(written_forms_docs(400), key=lambda d: d.url)
    given, read_when_indexed, files = [], [], {}

    def documents():
        for doc in in_order:
            given.append(doc)
            yield doc

    def remember(key, make):
        if key[0] == "search-run":
            read_when_indexed.append(len(given))
        return make()

    search.build_in_order(documents(), {}, files.__setitem__, remember=remember)
    assert files == build(in_order, {})
    assert read_when_indexed == list(itertools.accumulate(len(run) for run in search._runs(in_order)))
    assert len(read_when_indexed) > 1


def test_each_documents_own_file_is_handed_over_as_soon_as_its_run_is_indexed():
    """`search_copy` writes them while the next runs are indexed; the buckets and the manifest come once every run is
    indexed."""
    import cchc.search as search

    in_order = sorted(written_forms_docs(400), key=lambda d: d.url)
    placed, runs_indexed = {}, []

    def remember(key, make):
        if key[0] == "search-run":
            runs_indexed.append(len(placed))
        return make()

    search.build_in_order(iter(in_order), {}, placed.__setitem__, remember=remember)
    assert placed == build(in_order, {})
    assert runs_indexed == [0, *itertools.accumulate(len(run) for run in search._runs(in_order))][:-1]
    assert list(placed)[:len(in_order)] == [f"{search.DIR}/d/{n}.json" for n in range(len(in_order))]


class _Site:
    """A site the index is placed in, as `search_copy` places it: a file offered by the digest of its bytes is in
    place where the site holds those bytes (the cache links the file it keeps); the cache as `remember`, each kind of
    entry it makes and reads counted."""

    def __init__(self):
        self.files, self.placed, self.kept, self.made, self.read = {}, [], {}, [], []

    def place(self, path, data):
        self.placed.append(path)
        self.files[path] = data

    def place_kept(self, path, named):
        import hashlib

        return path in self.files and hashlib.sha256(self.files[path]).hexdigest() == named

    def remember(self, key, make):
        import pickle

        if key not in self.kept:
            self.made.append(key[0])
            self.kept[key] = pickle.dumps(make())
        else:
            self.read.append(key[0])
        return pickle.loads(self.kept[key])

    def build(self, docs):
        import cchc.search as search

        self.placed.clear(), self.made.clear(), self.read.clear()
        search.build_in_order(sorted(docs, key=lambda d: d.url), {}, self.place, self.place_kept, self.remember)


def test_a_rebuild_places_only_the_files_an_edit_changed_and_reads_no_others(monkeypatch):
    """The documents' files of the runs not indexed again, and the buckets of the groups whose parts were not merged
    again, are in place already: neither read from the cache nor made nor placed."""
    import cchc.search as search

    site, assembled = _Site(), []
    files = search._Group._files
    monkeypatch.setattr(search._Group, "_files", lambda group: assembled.append(group) or files(group))
    before = written_forms_docs(400)
    site.build(before)
    assert len(assembled) == len(set(assembled)) == min(json.loads(site.files["search/manifest.json"])["buckets"],
                                                         search.PARTS)  # each group's files made once
    assert site.files == build(before, {}) and len(site.placed) == len(site.files)
    after = [*before[:150], SearchDoc(before[150].url, "Tiêu đề mới", "news", "", "", "đăng ký mới"), *before[151:]]
    site.build(after)
    assert site.files == build(after, {})
    run = next(run for run in search_runs(after) if after[150] in run)
    documents = [path for path in site.placed if path.startswith("search/d/")]
    assert len(documents) == len(run) and "search/d/150.json" in documents  # the run indexed again
    buckets = json.loads(site.files["search/manifest.json"])["buckets"]
    groups = min(buckets, search.PARTS)
    merged_again = site.made.count("search-part")
    placed_groups = {int(path.split("/")[-1].split(".")[0]) % groups for path in site.placed if "/b/" in path}
    assert 0 < len(placed_groups) <= merged_again < groups // 2  # the groups of the parts merged again, no others
    assert "search-run-files" not in site.read  # the others' files not read back
    assert site.read.count("search-part") <= 4 * len(placed_groups) * search.PARTS // groups  # their other parts


def test_a_file_gone_from_the_site_is_placed_again_from_the_cache_not_made():
    import cchc.search as search

    site = _Site()
    docs = written_forms_docs(400)
    site.build(docs)
    bucket = next(path for path in site.files if "/b/" in path)
    del site.files["search/d/7.json"]
    site.files[bucket] = b"{}"  # damaged
    site.build(docs)
    assert site.files == build(docs, {})
    assert sorted(site.placed) == sorted([bucket, "search/d/7.json", "search/manifest.json"])  # the manifest: made each time
    assert site.made == [] and {"search-run-files", "search-part"} <= set(site.read)
    assert search.RUN_HEAD in site.read
