"""Copy the front-end packages that pages and tests use from node_modules into build/static/vendor.

Run by `make assets` after `npm ci`; the result is collected by Django's staticfiles.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "build" / "static" / "vendor"

# source in node_modules -> name under /static/vendor/
FILES = {
    "axe-core/axe.min.js": "axe/axe.min.js",
    "echarts/dist/echarts.min.js": "echarts/echarts.min.js",
}


def main():
    for source, target in FILES.items():
        src = ROOT / "node_modules" / source
        if not src.exists():
            sys.exit(f"Missing {src}: run `npm ci` first.")
        dst = VENDOR / target
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    print(f"Front-end assets copied to {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
