from mkdocs.config import load_config
from mkdocs.structure.files import Files

from cchc import theme_files

from conftest import REPO, write


def _material(tmp_path):
    write(tmp_path, "mkdocs.yml", f"site_name: Thử\ntheme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n")
    (tmp_path / "docs").mkdir()
    return load_config(str(tmp_path / "mkdocs.yml"))


def test_mkdocs_copies_the_same_theme_files_from_a_listing_without_hidden_ones(tmp_path):
    """Material's icons (`.icons`, 14,000 files) are neither listed nor copied: MkDocs leaves out hidden paths."""
    config = _material(tmp_path)
    everything, visible = Files([]), Files([])
    everything.add_files_from_theme(config.theme.get_env(), config)
    env = theme_files.environment(config.theme.get_env)
    visible.add_files_from_theme(env, config)
    assert [f.src_uri for f in visible] == [f.src_uri for f in everything]
    assert any(f.src_uri.startswith("assets/javascripts/") for f in visible)
    assert not any(name.startswith(".") or "/." in name for name in env.list_templates())
    assert "<svg" in env.get_template(".icons/material/magnify.svg").render()  # still loaded where the theme asks


def test_hidden_files_and_folders_of_a_theme_are_not_listed(tmp_path):
    for name in ["main.html", ".an.html", "assets/a.css", "assets/.b.css", ".icons/x.svg", "a/.b/c.css", "a/b/d.js"]:
        write(tmp_path / "theme", name, "x")
    listed = theme_files.VisibleFiles([str(tmp_path / "theme")]).list_templates()
    assert listed == ["a/b/d.js", "assets/a.css", "main.html"]
