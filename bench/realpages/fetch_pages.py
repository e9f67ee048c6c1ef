"""Write the labelled real news pages beside their labels, from a clone of the repository they come from.

    git clone https://github.com/scrapinghub/article-extraction-benchmark CLONE
    python bench/realpages/fetch_pages.py CLONE PAGES

writes one folder under PAGES for each set `manifest.json` names (dev, dev2, dev3, aside, aside2,
aside3), each with its pages (read from the commit the manifest gives) and its `gold.json`; then score
each folder with the commands in BENCHMARKS.md ("Real news pages"). The pages are other people's, so
they are not kept in this repository.
"""

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(clone: Path, out: Path) -> None:
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    for name, page in manifest["pages"].items():
        blob = subprocess.run(
            ["git", "-C", str(clone), "show", f"{page['commit']}:{page['path']}"], check=True, capture_output=True
        ).stdout
        folder = out / page["set"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(gzip.decompress(blob) if page["path"].endswith(".gz") else blob)
    for labels in sorted({page["set"] for page in manifest["pages"].values()}):
        shutil.copy(HERE / labels / "gold.json", out / labels / "gold.json")
    print(f"{len(manifest['pages'])} pages written under {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
