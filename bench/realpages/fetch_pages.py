"""Write the labelled real news pages beside their labels, from clones of the repositories they come from.

    git clone https://github.com/scrapinghub/article-extraction-benchmark CLONE1
    git clone https://github.com/goose3/goose3 CLONE2
    git clone https://github.com/postlight/parser CLONE3
    python bench/realpages/fetch_pages.py CLONE1 [CLONE2 ...] PAGES

writes one folder under PAGES for each set `manifest.json` names (dev, dev2, …, aside, aside2, …),
each with its pages (read from the commit the manifest gives, in whichever clone holds it;
gzip-compressed files are expanded) and its `gold.json`; then score each folder with the commands
in BENCHMARKS.md ("Real news pages"). The pages are other people's, so they are not kept in this
repository. A set whose repository is not among the clones is left out, and said so.
"""

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def holds(clone: Path, commit: str) -> bool:
    return (
        subprocess.run(
            ["git", "-C", str(clone), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True
        ).returncode
        == 0
    )


def main(clones: list[Path], out: Path) -> None:
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    commits = {page["commit"] for page in manifest["pages"].values()}
    source = {commit: next((clone for clone in clones if holds(clone, commit)), None) for commit in commits}
    written, missing = set(), set()
    for name, page in manifest["pages"].items():
        clone = source[page["commit"]]
        if clone is None:
            missing.add(page["repository"])
            continue
        blob = subprocess.run(
            ["git", "-C", str(clone), "show", f"{page['commit']}:{page['path']}"], check=True, capture_output=True
        ).stdout
        folder = out / page["set"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(gzip.decompress(blob) if page["path"].endswith(".gz") else blob)
        written.add(page["set"])
    for labels in sorted(written):
        shutil.copy(HERE / labels / "gold.json", out / labels / "gold.json")
    print(f"{sum(p['set'] in written for p in manifest['pages'].values())} pages written under {out}")
    for repository in sorted(missing):
        print(f"Not written: the pages from {repository} (no clone given holds their commit).")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    main([Path(arg) for arg in sys.argv[1:-1]], Path(sys.argv[-1]))
