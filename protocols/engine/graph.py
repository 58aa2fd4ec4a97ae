"""Graph facts about a definition's steps: reachability, dominators and closed loops."""

from collections.abc import Mapping


def reachable(edges: Mapping[str, list[str]], start: str) -> list[str]:
    """Steps reachable from `start`, in the order first found."""
    seen, order, stack = {start}, [start], [start]
    while stack:
        for target in edges.get(stack.pop(), []):
            if target not in seen:
                seen.add(target)
                order.append(target)
                stack.append(target)
    return order


def dominators(edges: Mapping[str, list[str]], start: str) -> dict[str, set[str]]:
    """For each reachable step, the steps every path from `start` to it passes through
    (itself included). Used to know an answer is always given before a condition tests it."""
    nodes = reachable(edges, start)
    preds: dict[str, list[str]] = {node: [] for node in nodes}
    for node in nodes:
        for target in edges.get(node, []):
            preds[target].append(node)
    everything = set(nodes)
    dom = {node: set(everything) for node in nodes}
    dom[start] = {start}
    changed = True
    while changed:
        changed = False
        for node in nodes[1:]:
            new = set.intersection(*(dom[p] for p in preds[node])) | {node} if preds[node] else {node}
            if new != dom[node]:
                dom[node], changed = new, True
    return dom


def closed_loops(edges: Mapping[str, list[str]], nodes: list[str]) -> list[list[str]]:
    """Groups of steps that lead only to each other (strongly connected, with no edge
    leaving the group, and a real loop): a run that enters one can never reach an end."""
    closed = []
    for group in strongly_connected(edges, nodes):
        members = set(group)
        leaves = any(t not in members for m in group for t in edges.get(m, []))
        loops = len(group) > 1 or group[0] in edges.get(group[0], [])
        if loops and not leaves:
            closed.append(sorted(group, key=nodes.index))
    return closed


def strongly_connected(edges: Mapping[str, list[str]], nodes: list[str]) -> list[list[str]]:
    """Tarjan's algorithm (recursive: definitions have tens of steps, not thousands)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, []):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            cut = stack.index(node)
            groups.append(stack[cut:])
            del stack[cut:]

    for node in nodes:
        if node not in index:
            connect(node)
    return groups
