"""The one YAML reader for claim files and front matter: plain data, checked before it grows.

PyYAML's ``SafeLoader`` with four changes that matter for hostile input:

* nesting is measured on the event stream before anything is built, so 5,000 levels cost a
  refusal, not a ``RecursionError``;
* aliases are measured on the composed node graph (each node once) before a value is built:
  a record that would expand to more than :data:`loaders.limits.MAX_YAML_VALUES` values, or
  refers to itself, is refused, so a 741-byte alias bomb inside one field costs milliseconds;
* a mapping that names a key twice is refused (PyYAML keeps the last silently);
* only ``true``/``false`` are booleans (YAML 1.2), so ``subject: NO`` is Norway's code, not
  ``False``; dates stay text, so a bad date is a field error of the record, not a crash.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from loaders.limits import MAX_DEPTH, MAX_YAML_VALUES, shown


class YamlLimitError(ValueError):
    """A YAML text or record over a limit (nesting, alias expansion, self-reference)."""


#: libyaml's parser when PyYAML was built with it (ten times faster on large files), else PyYAML's.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Reader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader without timestamps and YAML 1.1 booleans, refusing duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = self.construct_scalar(key_node)
                if key in seen:
                    raise YamlLimitError(
                        f"the key {shown(key)} appears twice in one mapping "
                        f"(line {key_node.start_mark.line + 1})"
                    )
                seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


_BOOL = "tag:yaml.org,2002:bool"
Reader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in {"tag:yaml.org,2002:timestamp", _BOOL}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Reader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF")


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Raise :class:`YamlLimitError` if lists and mappings nest more than ``limit`` levels."""
    depth = 0
    for event in yaml.parse(text, Loader=Reader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise YamlLimitError(f"nested more than {limit} levels deep (line {line})")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def compose(text: str, *, depth: int = MAX_DEPTH) -> yaml.Node | None:
    """The text's node graph, after :func:`check_depth`."""
    check_depth(text, depth)
    node: yaml.Node | None = yaml.compose(text, Loader=Reader)
    return node


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def check_expansion(root: yaml.Node, *, limit: int = MAX_YAML_VALUES) -> None:
    """Raise :class:`YamlLimitError` if ``root`` expands (aliases followed) to more than
    ``limit`` values, nests more than :data:`MAX_DEPTH` levels, or contains itself.

    Each distinct node is visited once, so the check costs the size of the text, not of the
    expansion.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        key = id(node)
        kids = _children(node)
        if not closing:
            if key in size:
                continue
            if key in open_:
                raise YamlLimitError("a value refers to itself through an alias")
            open_.add(key)
            stack.append((node, True))
            for kid in kids:
                if id(kid) in open_:
                    raise YamlLimitError("a value refers to itself through an alias")
                if id(kid) not in size:
                    stack.append((kid, False))
            continue
        open_.discard(key)
        size[key] = 1 + sum(size[id(k)] for k in kids)
        depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
        if size[key] > limit:
            raise YamlLimitError(
                f"expands to more than {limit} values through aliases "
                f"(line {node.start_mark.line + 1}); a claim record needs a few dozen"
            )
        if depth[key] > MAX_DEPTH:
            raise YamlLimitError(f"nested more than {MAX_DEPTH} levels deep through aliases")


def construct(node: yaml.Node) -> Any:
    """The Python value of one node, after :func:`check_expansion`."""
    check_expansion(node)
    return Reader("").construct_document(node)


def load(text: str) -> Any:
    """The value of a whole YAML text, within every limit above (None for an empty text)."""
    node = compose(text)
    return None if node is None else construct(node)
