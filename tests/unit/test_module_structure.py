"""Issue 23's structure rules, read from the code itself: no import circle between files (each
business flow reads top-down, nothing reaches back up), and no file past 400 lines."""

import subprocess
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400
# Generated or vendored: Django migrations and the compiled message catalogues.
NOT_COUNTED = ("/migrations/", "locale/")
COUNTED_SUFFIXES = (".py", ".html", ".js", ".css", ".sh")  # code, not prose


def app_packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of a graph {module: modules it imports}: its strongly connected parts
    of more than one module (Tarjan's algorithm, without recursion)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.append(member)
                    if member == node:
                        break
                if len(part) > 1:
                    found.append(sorted(part))
    return found


def import_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph(*app_packages(), exclude_type_checking_imports=True, cache_dir=None)
    edges = {}
    for module in graph.modules:
        if ".migrations" in module:
            continue
        edges[module] = {
            imported for imported in graph.find_modules_directly_imported_by(module)
            if ".migrations" not in imported and imported != module
        }
    return edges


def test_circles_are_found():
    """The finder is live: a planted circle of three files is reported, a chain is not."""
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_circle_between_files():
    found = circles(import_graph())
    assert not found, "Import circles:\n" + "\n".join(" <-> ".join(part) for part in found)


def test_no_file_over_400_lines():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    long_files = []
    for name in tracked:
        if not name.endswith(COUNTED_SUFFIXES) or any(part in name for part in NOT_COUNTED):
            continue
        path = ROOT / name
        if path.is_file():
            lines = len(path.read_text(errors="replace").splitlines())
            if lines > MAX_LINES:
                long_files.append(f"{name}: {lines}")
    assert not long_files, "Past 400 lines:\n" + "\n".join(long_files)
