"""A guide whose every author text field tries to run code: the tests build it and look."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import MINI_GUIDE, copy_guide

#: Each payload sets window.__ggPwned if it ever runs.
RUN = "window.__ggPwned=1"
HOSTILE_BLOCK = f"""\
---
title: "Soil <script>{RUN}</script> & \\"care\\""
summary: 'x"><script>{RUN}</script> Say "sorry" well.'
subtitle: "<img src=x OnError='{RUN}'>"
order: 5
checklist:
  - id: dig
    text: "Dig <img src=x ONERROR=\\"{RUN}\\"> deep, <b>gently</b>"
  - id: link
    text: "[Click me](javascript:{RUN}) or <a href=' jAvAsCrIpT:{RUN}'>me</a>"
quiz:
  - id: trap
    prompt: "Which? <svg onload='{RUN}'></svg>"
    choices:
      - text: "<iframe srcdoc='<script>parent.{RUN}</script>'></iframe>Yes"
        correct: true
      - text: "<span OnMouseOver='{RUN}'>No</span>"
        feedback: "<b onclick='{RUN}'>Not that</b>"
    explanation: "<script>{RUN}</script>Because **care** matters."
---

# Hostile soil

Ordinary words.
"""
HOSTILE_PART = f"""\
---
part: 1
title: "Getting <script>{RUN}</script> started"
summary: "The first <img src=x onerror='{RUN}'> things."
---

# Getting started

Start small.
"""


def hostile_guide(target: Path) -> Path:
    guide = copy_guide(MINI_GUIDE, target)
    (guide / "part-one" / "hostile.md").write_text(HOSTILE_BLOCK, encoding="utf-8")
    (guide / "part-one" / "index.md").write_text(HOSTILE_PART, encoding="utf-8")
    return guide
