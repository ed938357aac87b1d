#!/usr/bin/env python3
"""Measure tracker's import graph: modules, import edges, the longest import chain, cycles, and
imports that go against the pipeline (a stage importing a later one).

    python3 scripts/import_graph.py [PACKAGE_DIR]      # default: tracker/

Counts every `import tracker...` / `from tracker... import` in the package (at any depth, lazy
imports inside functions included). Stages, in pipeline order, with the store beside them:
base (models, errors, times, charset, segment's helpers) < fetch < extract < segment < align <
analyze < render; store beside; notify above those; pipeline above them all; watch and web above
pipeline; cli on top.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

RANKS = {
    "models": 0, "errors": 0, "times": 0, "charset": 0,
    "fetch": 1, "extract": 2, "segment": 3, "align": 4, "analyze": 5, "render": 6,
    "store": 1,  # beside the stages: it may use only the base
    "notify": 7,  # reports and the store -> messages; called by pipeline and watch
    "pipeline": 8, "watch": 9, "web": 9, "cli": 10, "__init__": 11, "__main__": 11,
}  # fmt: skip


def modules(root: Path) -> dict[str, Path]:
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    targets: set[str] = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))  # fmt: skip
            submodules = {f"{base}.{a.name}" for a in node.names} & known.keys()
            targets.update(submodules or {base})  # `from pkg import sub` is an edge to pkg.sub
    # The root package is the public face (lazy re-exports and __version__): reading the version
    # from it is not an edge between stages.
    return {t for t in targets if t in known and t not in (name, "tracker")}


def stage(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def longest_chain(graph: dict[str, set[str]]) -> list[str]:
    memo: dict[str, list[str]] = {}

    def walk(node: str, seen: frozenset[str]) -> list[str]:
        if node in memo:
            return memo[node]
        best: list[str] = []
        for nxt in graph[node]:
            if nxt not in seen:
                chain = walk(nxt, seen | {nxt})
                if len(chain) > len(best):
                    best = chain
        memo[node] = [node, *best]
        return memo[node]

    return max((walk(n, frozenset({n})) for n in graph), key=len, default=[])


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else "tracker")
    known = modules(root)
    graph = {name: imports(name, path, known) for name, path in known.items()}
    # A package importing its own submodules (its __init__ naming what it offers) is not an edge
    # between stages; neither is a submodule importing a sibling.
    upward = sorted(
        f"{a} -> {b}"
        for a, targets in graph.items()
        for b in targets
        if stage(a) != stage(b) and RANKS.get(stage(a), 0) < RANKS.get(stage(b), 0)
        and not (stage(a) == "store" and stage(b) in ("models", "errors", "times", "charset"))
    )
    top_files = [p for p in root.glob("*.py")]
    chain = longest_chain(graph)
    loops = cycles(graph)
    print(f"modules: {len(known)}")
    print(f"files directly in {root}/: {len(top_files)}")
    print(f"stage folders: {sum(1 for p in root.iterdir() if (p / '__init__.py').exists())}")
    print(f"import edges: {sum(len(t) for t in graph.values())}")
    print(f"longest import chain: {len(chain)} modules: {' -> '.join(chain)}")
    print(f"cycles: {len(loops)}")
    for loop in loops:
        print("  cycle: " + ", ".join(loop))
    print(f"imports against the pipeline: {len(upward)}")
    for line in upward:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
