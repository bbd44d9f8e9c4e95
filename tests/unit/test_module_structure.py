"""Issue 23's structure rules, read from the code itself: no import circle between files (each
business flow reads top-down, nothing reaches back up), no signal sent to get an answer back
(signals only announce; an app above registers a reader instead), and no file past 400 lines."""

import ast
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


def answers_asked(source: str) -> list[int]:
    """Lines where a signal's ``send``/``send_robust`` result is used (assigned, iterated,
    returned): asking the receivers for an answer. A send as a statement, or as the body of a
    lambda handed to ``on_commit``, only announces."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    return [
        node.lineno for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("send", "send_robust")
        and not isinstance(parents.get(node), ast.Expr | ast.Lambda)
    ]


def test_asking_by_signal_is_found():
    assert answers_asked("for _r, names in asked.send(sender=None):\n    pass\n") == [1]
    assert answers_asked("told.send(sender=None)\non_commit(lambda: told.send(sender=None))\n") == []


def test_no_signal_is_sent_to_get_an_answer():
    tracked = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    asking = [
        f"{name}:{line}"
        for name in tracked
        if name.split("/")[0] in app_packages() and "/migrations/" not in name
        for line in answers_asked((ROOT / name).read_text())
    ]
    assert not asking, "Signals sent for an answer:\n" + "\n".join(asking)
