"""A build process that succeeded ends without Python's teardown; any other goes on. Each case runs in a process of
its own: one that ended this test run's process would end it with status 0, its failures unseen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, mkdocs_build

# After the call: what a process's teardown would show (an atexit handler), and what would run if it went on.
_PROGRAM = """
import atexit, importlib.util, sys
from cchc import process_end
if {as_mkdocs}:  # as `python -m mkdocs` runs
    sys.modules["__main__"].__spec__ = importlib.util.find_spec("mkdocs.__main__")
atexit.register(lambda: print("teardown"))
print("built", end="")  # no newline: still in the buffer of a pipe
{call}
print(" went on")
"""


def _run(call: str, as_mkdocs: bool = True, script: Path | None = None) -> subprocess.CompletedProcess:
    program = _PROGRAM.format(as_mkdocs=as_mkdocs, call=call)
    if script is not None:
        script.write_text(program, encoding="utf-8")
    command = [sys.executable, str(script)] if script else [sys.executable, "-c", program]
    return subprocess.run(command, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def test_a_build_that_succeeded_ends_at_once_with_what_it_printed():
    result = _run('process_end.after_build("build")')
    assert (result.returncode, result.stdout, result.stderr) == (0, "built", "")


def test_the_mkdocs_script_is_known_as_mkdocs_too(tmp_path):
    result = _run('process_end.after_build("build")', as_mkdocs=False, script=tmp_path / "mkdocs")
    assert (result.returncode, result.stdout) == (0, "built")


def test_a_failed_build_goes_on_to_say_so():
    result = _run('try:\n    raise ValueError("a content error")\nfinally:\n    process_end.after_build("build")')
    assert result.returncode == 1 and "ValueError: a content error" in result.stderr
    assert result.stdout == "builtteardown\n"


def test_other_commands_and_other_programs_go_on(tmp_path):
    for call, as_mkdocs, script in (('process_end.after_build("serve")', True, None),
                                    ('process_end.after_build("gh-deploy")', True, None),
                                    ('process_end.after_build("build")', False, None),  # a test's, a program's
                                    ('process_end.after_build("build")', False, tmp_path / "build.py")):
        result = _run(call, as_mkdocs, script)
        assert (result.returncode, result.stdout) == (0, "built went on\nteardown\n"), call


def test_a_real_build_ends_with_its_site_and_its_log(small_site):
    result = mkdocs_build(small_site, "-v")
    assert result.returncode == 0, result.stderr
    assert "Documentation built in" in result.stderr and (small_site / "site" / "index.html").is_file()


def test_the_build_ends_after_every_other_hook_and_plugin_has_shut_down(small_site):
    """The portal's `on_shutdown` runs last (MkDocs' priority -100), so one listed after it still runs."""
    (small_site / "hooks_after.py").write_text(
        "from pathlib import Path\n\n\ndef on_shutdown():\n    Path('shut-down').write_text('yes')\n", encoding="utf-8")
    config = small_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    hooks_line = next(line for line in text.splitlines() if line.strip().endswith("hooks/portal.py"))
    config.write_text(text.replace(hooks_line, f"{hooks_line}\n{hooks_line.split('-')[0]}- hooks_after.py"),
                      encoding="utf-8")
    result = mkdocs_build(small_site)
    assert result.returncode == 0, result.stderr
    assert (small_site / "shut-down").read_text() == "yes"


def test_a_process_answers_by_what_it_pickled_else_none():
    """What a process the build started hands back (the spare's listing, the sources' look): its pickled output, or
    None where it failed or printed something else (a profiler following it), and the build does the work itself."""
    from cchc.process_end import answer

    def started(program: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE)

    assert answer(started("import pickle, sys; sys.stdout.buffer.write(pickle.dumps({'a': [1]}))")) == {"a": [1]}
    assert answer(started("print('py-spy> sampling')")) is None
    assert answer(started("import pickle, sys; sys.stdout.buffer.write(pickle.dumps(1)); sys.exit(3)")) is None
