"""Where the browser tests find Debian's Chromium and axe-core, and how they start Chromium."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("GONOGO_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parent / "browser" / "axe-4.14.1.min.js"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
