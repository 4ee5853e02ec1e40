#!/usr/bin/env python3
"""Mutate the built-in templates and run `nnbook check` on each mutation: a panic (exit 101) or
any exit but 0 and 1 is a bug. Tera templates are not reached by the cargo-fuzz targets, which
build with the built-in theme; this found `{%}` panicking the search for a tag left open.

    cargo build --release
    python3 fuzz/templates.py [SEED] [COUNT]     # from the repository's root; default 1 300

A failing mutation is kept in /tmp/nnbook-template-fuzz/bad-<n>/ (copy it into a project's
templates/ to reproduce)."""
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "nnbook")
WORK = "/tmp/nnbook-template-fuzz"
NAMES = ["lesson.html", "index.html", "404.html", "base.html"]
TOKENS = [
    "{{", "}}", "{%", "%}", "{% if ", "{% endif %}", "{% for x in lessons %}", "{% endfor %}",
    "{% macro m(a) %}", "{% endmacro %}", '{% import "macros.html" as m %}',
    '{% include "x.html" %}', "{{ m::c() }}", "{{ self::z() }}", "loop.", "lesson.", "[0]", ".",
    "|", "| lenght", "| default(value=1)", "is defined", "is defind", '"', "'", "é", "::", "(",
    ")", "[", "]", "{% set a = 1 %}", "{% set_global b = lesson %}", "{{ a.b.c }}",
    "{{ toc[0].titel }}", "{% raw %}", "{% endraw %}", "{# c #}", "{%- ", "-%}",
    "{% block x %}", "{% endblock %}", "{% filter upper %}", "{% endfilter %}", "{% break %}",
    "{{ super() }}", "range(end=2)", "__tera_context", "{% else %}", "{% elif x %}", "{%}",
    "{% set z = 0 %}", "{{ 1 / z }}", "{{ 10 % z }}", " / ", " * ", " % ", "NaN",
    '<script src="explore.js"></script>', "src='./explore.js'",
]
MACROS = ["{% macro c() %}x{% endmacro %}", "{% macro %}", "é{% macro c(a=1) %}{{ a }}{% endmacro c %}"]


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(seed)
    base = {n: open(os.path.join(ROOT, "templates", n)).read() for n in NAMES}
    project = os.path.join(WORK, "project")
    shutil.rmtree(project, ignore_errors=True)
    subprocess.run([BIN, "init", project], check=True, capture_output=True)
    shutil.copy(os.path.join(ROOT, "content", "relu.md"), os.path.join(project, "content"))
    bad = 0
    for i in range(count):
        for name, text in base.items():
            for _ in range(rng.randint(0, 4)):
                k = rng.randrange(len(text) + 1)
                text = text[:k] + rng.choice(TOKENS) + text[k:]
            open(os.path.join(project, "templates", name), "w").write(text)
        macros = os.path.join(project, "templates", "macros.html")
        if rng.random() < 0.3:
            open(macros, "w").write(rng.choice(MACROS))
        elif os.path.exists(macros):
            os.remove(macros)
        run = subprocess.run([BIN, "check"], cwd=project, capture_output=True, text=True, timeout=60)
        if run.returncode not in (0, 1):
            bad += 1
            keep = os.path.join(WORK, f"bad-{i}")
            shutil.copytree(os.path.join(project, "templates"), keep, dirs_exist_ok=True)
            print(f"mutation {i}: exit {run.returncode}, kept in {keep}\n{run.stderr[-400:]}")
    print(f"templates fuzz: {count} mutations (seed {seed}), {bad} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
