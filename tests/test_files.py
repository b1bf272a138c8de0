"""Files stay inside the edition and are what they say; outputs never replace inputs (issue 22, causes 4 to 6).

The symbolic links are made here, in tmp_path, so that the repository carries none pointing outside. Every
refused build must print exactly the expected standard error, exit as said, and leave every file in place.
"""
from __future__ import annotations

import os
import shutil
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Callable

import pytest
from editions import run_build_site, snapshot, write_files

from edition.load.folder import load
from edition.render.markdown import edition_files
from edition.resolve.links import resolve
from edition.site.outputs import MARKER, MARKER_TEXT

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# A whole PNG of one pixel: an export that carries it passes epubcheck, which refuses a PNG that is only a header.
TINY_PNG = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + png_chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + png_chunk(b"IEND", b""))
LEAVES = "is a symbolic link that leaves the edition's folder; copy what it points to into the folder instead"


def outside(name: str) -> str:
    """The transcript of a build refused for links leaving the edition."""
    return f"{name}:1: error: '{name}' {LEAVES} [outside-edition]\n"


def summary(errors: int) -> str:
    return f"{errors} error{'s' * (errors != 1)}, 0 warnings; nothing written.\n"


def show_figure(root: Path, src: str) -> None:
    """Append a figure showing src to the essay's last part."""
    part = root / "essay" / "02-closing.md"
    part.write_text(part.read_text(encoding="utf-8") + f"\n![A map of the estate]({src})\n", encoding="utf-8")


def link(root: Path, name: str, target: str | Path) -> None:
    """Replace NAME below the edition by a symbolic link to target."""
    path = root / name
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def figure_to_passwd(root: Path, elsewhere: Path) -> str:
    link(root, "figures/x.png", "/etc/passwd")
    show_figure(root, "figures/x.png")  # refused by the loader: no second error that the file does not exist
    return outside("figures/x.png")


def figures_to_etc(root: Path, elsewhere: Path) -> str:
    link(root, "figures", "/etc")
    return outside("figures")


def bib_to_passwd(root: Path, elsewhere: Path) -> str:
    link(root, "sources.bib", "/etc/passwd")
    return outside("sources.bib")


def figure_to_environ(root: Path, elsewhere: Path) -> str:
    link(root, "figures/env.png", "/proc/self/environ")  # the build's environment: a CI server's tokens
    show_figure(root, "figures/env.png")
    return outside("figures/env.png")


def stylesheet_and_logo_out(root: Path, elsewhere: Path) -> str:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  logo: assets/logo.png\n")
                      + "extra_css:\n  - assets/mine.css\n", encoding="utf-8")
    (elsewhere / "key.png").write_bytes(PNG)
    link(root, "assets/logo.png", elsewhere / "key.png")
    link(root, "assets/mine.css", "/etc/passwd")
    return outside("assets/logo.png") + outside("assets/mine.css")


def notes_folder_out(root: Path, elsewhere: Path) -> str:
    shutil.copytree(root / "footnotes", elsewhere / "footnotes")
    link(root, "footnotes", elsewhere / "footnotes")  # the same notes, but outside: refused whole, no cascade
    return outside("footnotes")


def config_out(root: Path, elsewhere: Path) -> str:
    shutil.copy(root / "mkdocs.yml", elsewhere / "mkdocs.yml")
    link(root, "mkdocs.yml", elsewhere / "mkdocs.yml")
    return outside("mkdocs.yml")


def dangling_bib(root: Path, elsewhere: Path) -> str:
    link(root, "sources.bib", "nowhere.bib")
    return "sources.bib:1: error: 'sources.bib' is a symbolic link to a file that does not exist [dangling-link]\n"


def dangling_out(root: Path, elsewhere: Path) -> str:
    link(root, "pages/about.md", elsewhere / "gone.md")  # pointing outside and at nothing: outside says enough
    return outside("pages/about.md")


def bib_to_git_config(root: Path, elsewhere: Path) -> str:
    write_files(root, {".git/config": '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n'})
    link(root, "sources.bib", ".git/config")  # inside the folder, but not content: a CI checkout's token
    return ("sources.bib:1: error: 'sources.bib' is a symbolic link to '.git/config', which is not part of the "
            "edition's content [outside-edition]\n")


def figure_to_the_site(root: Path, elsewhere: Path) -> str:
    link(root, "figures/x.png", "../site/index.html")
    show_figure(root, "figures/x.png")
    return ("figures/x.png:1: error: 'figures/x.png' is a symbolic link to 'site/index.html', which is not part "
            "of the edition's content [outside-edition]\n")


ATTACKS: dict[str, Callable[[Path, Path], str]] = {f.__name__: f for f in (
    figure_to_passwd, figures_to_etc, bib_to_passwd, figure_to_environ, stylesheet_and_logo_out, notes_folder_out,
    config_out, dangling_bib, dangling_out, bib_to_git_config, figure_to_the_site)}


@pytest.fixture
def built(mini_built: Path, tmp_path: Path) -> Path:
    """A copy of the mini edition with the site of a successful build."""
    return Path(shutil.copytree(mini_built, tmp_path / "edition", symlinks=True))


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_link_leaving_the_edition_is_refused_with_its_place(attack: str, built: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    site_before = snapshot(built / "site")
    expected = ATTACKS[attack](built, elsewhere)
    errors = expected.count(": error: ")
    done = run_build_site(built, "build")
    assert (done.returncode, done.stdout, done.stderr) == (1, "", expected + summary(errors))
    assert snapshot(built / "site") == site_before
    check = run_build_site(built, "check")
    assert (check.returncode, check.stderr) == (1, expected + summary(errors))  # check and build agree


def test_a_link_to_a_file_inside_the_edition_is_followed(built: Path) -> None:
    site_before = snapshot(built / "site")
    (built / "assets").mkdir()
    (built / "pages" / "about.md").rename(built / "assets" / "about.md")  # assets/: content, not read as a page
    link(built, "pages/about.md", "../assets/about.md")
    done = run_build_site(built, "build")
    assert (done.returncode, done.stderr) == (0, "")
    assert snapshot(built / "site") == site_before


def test_the_loader_reads_nothing_through_a_link_out(built: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(PNG + b"secret")
    link(built, "figures/x.png", tmp_path / "secret.png")
    edition, diagnostics = load(built)
    assert (dict(edition.files), edition.unreadable) == ({}, frozenset({"figures/x.png"}))
    assert [str(d) for d in diagnostics] == [outside("figures/x.png").rstrip("\n")]


def test_only_the_figures_a_page_shows_are_published(make_edition: Callable[..., Path]) -> None:
    root = make_edition({"essay/01.md": "---\ntitle: A title\nauthor: An Author\n---\n\nA sentence[^1].\n{: #p1 }\n\n"
                                        "![A map](figures/map.png)\n\n`![code](figures/code.png)`\n",
                         "mkdocs.yml": "site_name: S\ntheme:\n  logo: assets/logo.png\n",
                         "figures/map.png": PNG, "figures/code.png": PNG, "figures/spare.png": PNG,
                         "figures/drawing.svg": "<svg/>", "assets/logo.png": PNG})
    edition, diagnostics = load(root)
    assert diagnostics == []
    assert sorted(p.as_posix() for p in edition_files(resolve(edition))) == ["assets/logo.png", "figures/map.png"]


def test_every_raster_kind_is_known_by_its_first_bytes(make_edition: Callable[..., Path]) -> None:
    images = {"a.png": PNG, "b.jpg": b"\xff\xd8\xff\xe0", "c.jpeg": b"\xff\xd8\xff\xdb", "d.gif": b"GIF89a\x01",
              "e.webp": b"RIFF\x10\x00\x00\x00WEBPVP8 ", "f.avif": b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00mif1",
              "g.AVIF": b"\x00\x00\x00\x20ftypmif1\x00\x00\x00\x00mif1miafavif"}
    body = "".join(f"![Image {name}](figures/{name})\n\n" for name in images)
    root = make_edition({"essay/01.md": f"---\ntitle: T\nauthor: A\n---\n\nA sentence[^1].\n{{: #p1 }}\n\n{body}",
                         **{f"figures/{name}": data for name, data in images.items()}})
    edition, diagnostics = load(root)
    assert diagnostics == []
    assert sorted(p.as_posix() for p in edition_files(resolve(edition))) == sorted(f"figures/{n}" for n in images)


# ------------------------------------------------------------------ outputs never replace inputs


def refused(out: Path, why: str) -> str:
    return f"build_site.py: error: cannot write the output into {out.resolve()}: {why}\n"


def everything(folder: Path) -> dict[str, bytes]:
    """Every file below a folder with its bytes, and every folder (as b'/')."""
    return {p.relative_to(folder).as_posix(): (b"/" if p.is_dir() else p.read_bytes()) for p in folder.rglob("*")}


@pytest.mark.parametrize("command", ["build", "export"])
@pytest.mark.parametrize("where, why", [
    (".", "it is the edition's folder, which the output would replace"),
    ("..", "it contains the edition's folder, which the output would replace"),
    ("essay", "it lies inside the edition's content ('essay')"),
    ("figures/out", "it lies inside the edition's content ('figures')"),
    ("sources.bib", "it lies inside the edition's content ('sources.bib')"),
    ("../foreign", "it is not empty and was not made by the toolkit (it has no .edition-output file); "
                   "empty it or choose another --out"),
    ("notes.txt", "it is a file, not a folder"),
])
def test_an_output_that_would_replace_inputs_is_refused(command: str, where: str, why: str, built: Path) -> None:
    write_files(built, {"figures/map.png": PNG, "notes.txt": "the editor's notes\n"})
    write_files(built.parent, {"foreign/photos/holiday.jpg": "a photograph", "foreign/todo.txt": "call the archive"})
    before = everything(built.parent)
    out = Path(os.path.normpath(built / where))
    done = run_build_site(built, command, "--out", str(out))
    assert (done.returncode, done.stdout, done.stderr) == (2, "", refused(out, why))
    assert everything(built.parent) == before  # nothing deleted, nothing added (not even a lock file)


def test_the_site_carries_the_marker_and_a_marked_folder_is_replaced(built: Path, tmp_path: Path) -> None:
    assert (built / "site" / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
    out = tmp_path / "published"
    write_files(out, {MARKER: MARKER_TEXT, "old.html": "an older build"})
    done = run_build_site(built, "build", "--out", str(out))
    assert (done.returncode, done.stderr) == (0, "")
    assert sorted(everything(out)) == sorted(everything(built / "site"))  # the old page is gone with the old build


def test_an_empty_folder_and_a_site_built_before_the_marker_are_accepted(built: Path, tmp_path: Path) -> None:
    (built / "site" / MARKER).unlink()  # a site an earlier toolkit built: sitemap.xml and _edition/ say so
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (built / "site", empty):
        done = run_build_site(built, "build", "--out", str(out))
        assert (done.returncode, done.stderr) == (0, "")
        assert (out / MARKER).read_text(encoding="utf-8") == MARKER_TEXT


def test_an_unshown_figure_reaches_no_export(make_edition: Callable[..., Path], tmp_path: Path) -> None:
    root = make_edition({"essay/01.md": "---\ntitle: A title\nauthor: An Author\n---\n\nA sentence[^1].\n{: #p1 }\n\n"
                                        "![A map](figures/map.png)\n",
                         "figures/map.png": TINY_PNG, "figures/spare.png": PNG + b"spare",
                         "figures/notes.svg": "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"})
    done = run_build_site(root, "export", "--out", str(tmp_path / "dist"))
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if "figure-unused" in line] == [
        "figures/notes.svg:1: warning: 'figures/notes.svg' is not shown by any page, so it is not published "
        "[figure-unused]",
        "figures/spare.png:1: warning: 'figures/spare.png' is not shown by any page, so it is not published "
        "[figure-unused]"]
    with zipfile.ZipFile(tmp_path / "dist" / "edition-site.zip") as packed:
        assert [n for n in packed.namelist() if "figures/" in n] == ["edition-site/figures/map.png"]
    with zipfile.ZipFile(tmp_path / "dist" / "edition.epub") as packed:
        assert [n for n in packed.namelist() if "figures/" in n] == ["OEBPS/figures/map.png"]  # epubcheck read it
    single = (tmp_path / "dist" / "edition.html").read_text(encoding="utf-8")
    assert (single.count("data:image/png;base64,"), "svg+xml" in single) == (1, False)


def test_export_fails_with_epubchecks_message_and_keeps_the_previous_dist(make_edition: Callable[..., Path],
                                                                           tmp_path: Path) -> None:
    """A figure that is a PNG by its first bytes only: the site takes it, epubcheck refuses the EPUB."""
    root = make_edition({"essay/01.md": "---\ntitle: A title\nauthor: An Author\n---\n\nA sentence[^1].\n{: #p1 }\n\n"
                                        "![A map](figures/map.png)\n", "figures/map.png": PNG})
    done = run_build_site(root, "export", "--strict", "--out", str(tmp_path / "dist"))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == ("build_site.py: error: epubcheck refuses the EPUB: ERROR(PKG-021): "
                           "edition.epub/OEBPS/figures/map.png(-1,-1): Corrupted image file encountered.\n")
    assert not (tmp_path / "dist").exists()
