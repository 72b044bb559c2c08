"""The search index: folded words, written forms, neighbouring pairs, buckets, and plain text from pages."""

import json

from cchc.kinds import KINDS
from cchc.search import SearchDoc, bucket_of, build, plain_text


def docs():
    return [SearchDoc("a/", "Đăng ký hoạt động", "procedure", "STP-KH", "", "Hồ sơ đăng ký gồm tờ khai."),
            SearchDoc("b/", "Ghi chú", "page", "", "", "Dang ky qua mang, khong dau."),
            SearchDoc("c/", "Kế hoạch 489/QĐ-UBND", "plan", "UBND-KH", "11/03/2020", "Cải cách hành chính.")]


def entry(files, key):
    buckets = json.loads(files["search/manifest.json"])["buckets"]
    return json.loads(files[f"search/b/{bucket_of(key, buckets)}.json"])[key]


def test_words_are_folded_and_each_documents_written_forms_recorded():
    files = build(docs(), {"STP-KH": "Sở Tư pháp tỉnh Khánh Hòa"})
    variants, ids, weights, masks = entry(files, "dang")
    assert variants == ["đăng", "dang"]
    assert ids == "Aw=="  # in 2 of 3 documents: a bitmap, documents a/ and b/ (bits 0 and 1)
    assert masks == {"1": 2}  # a/ writes the first form, `đăng`; b/ the second, `dang`
    assert weights == "b1"  # a/: once in the title (10), once in the text (1): 11, `b` in base 36; b/: once
    assert entry(files, "qd")[0] == ["qđ"] and entry(files, "489")[1] == "BA=="


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


def test_bucket_function_is_fnv1a():
    assert bucket_of("", 1 << 32) == 0x811C9DC5
    assert bucket_of("a", 1 << 32) == 0xE40C292C  # the published FNV-1a test vector


def test_plain_text_drops_tags_permalinks_and_footnote_markers():
    html = ('<h2 id="x">Mục tiêu<a class="headerlink" href="#x">¶</a></h2><p>Cải cách&nbsp;hành chính'
            '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p><script>var x = 1;</script>')
    assert plain_text(html) == "Mục tiêu Cải cách hành chính ."


def test_an_analysis_kept_as_json_in_the_build_cache_gives_the_same_index():
    from cchc.search import analyse

    kept = {}

    def from_cache(title, text):  # as the build cache returns it: through JSON
        kept.setdefault((title, text), json.dumps(analyse(title, text), ensure_ascii=False))
        return json.loads(kept[(title, text)])

    assert build(docs(), {}, from_cache) == build(docs(), {})
    assert build(list(reversed(docs())), {}, from_cache) == build(docs(), {})
    assert analyse("Đăng ký", "đăng ký hoạt động") == {
        "words": "đăng ký hoạt động", "weights": "bb11",  # in the title (10) and the text (1): 11; in the text only: 1
        "pairs": "dang ky|hoat dong|ky hoat"}
    assert analyse("", "") == {"words": "", "weights": "", "pairs": ""} and build([SearchDoc("a/", "", "news", "", "", "")], {})
