"""Find, load and merge configuration files.

:class:`ConfigLoader` finds the ``.reportlint.yaml`` (or ``.reportlint.yml``) that
applies to a file by walking up from the file's directory (results are cached per
directory), or uses the one given with ``--config``. :class:`Config` is a file with
its ``extend`` chain followed: a list of :class:`~reportlint.config.schema.Layer`,
base first. Settings that do not need the rule registry (report facts, exclusion,
file size, placeholders) are answered by :class:`Config` directly;
:meth:`Config.resolve` checks the rule selectors against a registry and gives a
:class:`~reportlint.config.resolved.ResolvedConfig`.

Merging along the ``extend`` chain (the extending file wins):

* ``select`` / ``extend-select`` / ``ignore`` / ``severity``: applied file by file,
  base first (see :mod:`reportlint.config.selection`);
* ``options``, ``report``: merged key by key; ``max-file-size``: the last one set;
* ``exclude``, ``per-file-ignores``, ``placeholders``: accumulated (each glob stays
  relative to the file that declares it);
* ``custom-rules``: accumulated; a rule with the same code replaces the base's.
* ``deadlines``: merged kind by kind (and carried in the facts, for the date checks);
  ``scoring``: the last one set.

An ``extend`` chain longer than :data:`MAX_EXTEND_DEPTH` files, or one that comes
back to a file already in it, is one error at the ``extend`` that goes too far. A
file named by ``extend`` that is not recognisably a configuration (not YAML, not a
mapping of known keys, not UTF-8) is reported without quoting any of it: ``extend``
may name any file the user can read, and its contents are not the user's to see in
an error message.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlint.config.globs import compile_glob, glob_matches
from reportlint.config.schema import (
    CONFIG_NAMES,
    Layer,
    NotAConfigError,
    command_line_layer,
    parse_text,
    read_config_text,
)
from reportlint.config.yaml_nodes import Pos
from reportlint.core.errors import ConfigError
from reportlint.core.i18n import Text

if TYPE_CHECKING:  # pragma: no cover
    from reportlint.config.resolved import ResolvedConfig
    from reportlint.plugins.manager import Registry


MAX_EXTEND_DEPTH = 32  # files in one `extend` chain, the first one included


def display_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it, else absolute."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:
        return absolute
    return absolute if rel.startswith("..") else rel


class Config:
    """One configuration: a file and the files it extends (``layers``, base first).

    ``Config()`` (no layers) is the default configuration used when no file is found.
    ``overrides`` is the command line's ``--select`` / ``--extend-select`` /
    ``--ignore``, applied after every file.
    """

    def __init__(self, layers: list[Layer] | None = None, overrides: Layer | None = None):
        self.layers: list[Layer] = list(layers or [])
        self.overrides = overrides
        self._resolved: dict[int, tuple[Any, ResolvedConfig]] = {}

    @property
    def selection_layers(self) -> list[Layer]:
        """The files' layers, base first, then the command-line overrides (if any)."""
        return self.layers + ([self.overrides] if self.overrides is not None else [])

    def __repr__(self) -> str:
        return f"Config(source={self.source!r})"

    # -- where it came from ----------------------------------------------------------
    @property
    def source(self) -> str | None:
        """The configuration file found for (or given to) the run; None for defaults."""
        return self.layers[-1].path if self.layers else None

    @property
    def sources(self) -> list[str]:
        """The file and then every file it extends, in that order."""
        return [layer.path for layer in reversed(self.layers)]

    # -- settings that need no registry ----------------------------------------------
    @property
    def facts(self) -> dict[str, Any]:
        """``report:`` facts (``kind``, ``year``, ``format``, ``script``) that override inference."""
        facts: dict[str, Any] = {}
        deadlines: dict[str, str] = {}
        for layer in self.layers:
            facts.update(layer.report)
            deadlines.update(layer.deadlines)  # merged kind by kind along the chain
        if deadlines:
            # `deadlines:` (local publication dates) decide what the document's date
            # checks find, so they travel with the facts (and key the result cache)
            facts["deadlines"] = deadlines
        return facts

    def report_facts(self) -> dict[str, Any]:
        """Same as :attr:`facts` (for ``build_document(extracted, facts)``)."""
        return self.facts

    @property
    def scoring(self) -> tuple[str, Pos] | None:
        """``scoring:`` of the nearest file that sets it: a shipped profile's name as
        written, or a file path made absolute against that file's folder; and where
        it is written. None when no file sets it."""
        found = None
        for layer in self.layers:
            if layer.scoring is not None and layer.scoring_pos is not None:
                value = layer.scoring
                if value.endswith((".yaml", ".yml")) or "/" in value or os.sep in value:
                    value = os.path.join(layer.base_dir, os.path.expanduser(value))
                found = (value, layer.scoring_pos)
        return found

    @property
    def near_duplicates(self) -> float | None:
        """``near-duplicates:`` of the nearest file that sets it (the share from which
        two agencies' reports are near duplicates), or None."""
        found = None
        for layer in self.layers:
            if layer.near_duplicates is not None:
                found = layer.near_duplicates
        return found

    @property
    def hierarchy(self) -> tuple[list[str] | None, str | None]:
        """``hierarchy:`` figures and mode, each of the nearest file that sets it (None:
        rules/hierarchy.yaml's defaults)."""
        figures = mode = None
        for layer in self.layers:
            if layer.hierarchy_figures is not None:
                figures = layer.hierarchy_figures
            if layer.hierarchy_mode is not None:
                mode = layer.hierarchy_mode
        return figures, mode

    @property
    def max_file_size(self) -> int | None:
        """``max-file-size`` in bytes, or None when no file sets it."""
        size = None
        for layer in self.layers:
            if layer.max_file_size is not None:
                size = layer.max_file_size
        return size

    @property
    def force_report(self) -> bool:
        """``force-report``: the nearest file that sets it decides (default false)."""
        value = False
        for layer in self.layers:
            if layer.force_report is not None:
                value = layer.force_report
        return value

    @property
    def placeholders(self) -> list[str]:
        """Extra placeholder tokens (``placeholders:``), accumulated along the chain."""
        out: dict[str, None] = {}  # insertion-ordered set: linear in the number of tokens
        for layer in self.layers:
            for p in layer.placeholders or []:
                out.setdefault(p, None)
        return list(out)

    def excluded_by(self, path: str) -> tuple[str, Pos] | None:
        """The ``exclude`` pattern (and where it is written) that excludes ``path``, if any."""
        for layer in self.layers:
            for glob in layer.exclude:
                if glob_matches(compile_glob(glob.pattern), layer.base_dir, path):
                    return glob.pattern, glob.pos
        return None

    def is_excluded(self, path: str) -> bool:
        """True when an ``exclude`` glob matches ``path`` (also for explicitly named files)."""
        return self.excluded_by(path) is not None

    # -- rules -----------------------------------------------------------------------
    def resolve(self, registry: Registry) -> ResolvedConfig:
        """Check selectors, options and custom rules against ``registry`` (cached)."""
        from reportlint.config.resolved import ResolvedConfig  # imports rules: only when resolving

        hit = self._resolved.get(id(registry))
        if hit is not None and hit[0] is registry:
            return hit[1]
        resolved = ResolvedConfig(self, registry)
        self._resolved[id(registry)] = (registry, resolved)
        return resolved


class ConfigLoader:
    """Finds the configuration for each checked file.

    ``explicit_path`` (``--config``) is loaded at once and used for every file;
    otherwise :meth:`for_file` walks up from the file's directory to the first
    ``.reportlint.yaml`` / ``.reportlint.yml``. ``isolated=True`` ignores every file
    (defaults only). ``select`` / ``extend_select`` / ``ignore`` are the command
    line's options (lists of selectors, each item may be comma-separated); they are
    applied after every file, like one more extending file. Files are parsed once;
    lookups are cached per directory.
    """

    def __init__(
        self,
        explicit_path: str | None = None,
        *,
        isolated: bool = False,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
    ):
        self.explicit_path = explicit_path
        self.isolated = isolated
        self.overrides = command_line_layer(select, extend_select, ignore)
        self._layers: dict[str, Layer] = {}  # absolute path → parsed file
        self._configs: dict[str, Config] = {}  # absolute path → file with its chain
        self._dirs: dict[str, str | None] = {}  # absolute directory → config file found
        self._default = Config(overrides=self.overrides)
        self._explicit: Config | None = None
        if explicit_path is not None and not isolated:
            if not os.path.exists(explicit_path):
                raise ConfigError(
                    Text("配置文件不存在（--config）", "configuration file not found (--config)"), path=explicit_path
                )
            self._explicit = self.load(explicit_path)

    # -- discovery -------------------------------------------------------------------
    def find(self, directory: str) -> str | None:
        """The configuration file that applies to files in ``directory`` (walking up)."""
        current = os.path.abspath(directory)
        visited = []
        found: str | None = None
        while True:
            if current in self._dirs:
                found = self._dirs[current]
                break
            visited.append(current)
            # Anything by that name but a folder counts, so that a FIFO or a device
            # called .reportlint.yaml is refused with an error (never opened), not
            # silently passed over for a configuration further up.
            hit = next(
                (os.path.join(current, n) for n in CONFIG_NAMES if _is_config_candidate(os.path.join(current, n))), None
            )
            if hit is not None:
                found = hit
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for d in visited:
            self._dirs[d] = found
        return found

    def for_directory(self, directory: str) -> Config:
        if self.isolated:
            return self._default
        if self._explicit is not None:
            return self._explicit
        found = self.find(directory)
        return self.load(found) if found else self._default

    def for_file(self, path: str | None) -> Config:
        """The configuration for ``path`` (``-``/None: standard input, looked up from the working directory)."""
        if not path or path == "-":
            return self.for_directory(os.getcwd())
        absolute = os.path.abspath(path)
        directory = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
        return self.for_directory(directory)

    def resolve_for(self, path: str | None, registry: Registry) -> ResolvedConfig:
        """Shorthand: ``for_file(path).resolve(registry)``."""
        return self.for_file(path).resolve(registry)

    # -- loading ---------------------------------------------------------------------
    def load(self, path: str) -> Config:
        """Load ``path`` and follow its ``extend`` chain (cached)."""
        key = os.path.abspath(path)
        if key not in self._configs:
            self._configs[key] = Config(self._chain(path), self.overrides)
        return self._configs[key]

    def _parse(self, path: str, extended_from: Pos | None = None) -> Layer:
        key = os.path.abspath(path)
        if key not in self._layers:
            shown = display_path(path)
            try:
                layer = parse_text(shown, read_config_text(key, shown))
            except NotAConfigError as exc:
                if extended_from is None:
                    if not os.path.islink(key):
                        raise  # the user's own file: the details help fix it
                    # A .reportlint.yaml that is a symlink to some other file (one
                    # planted in a checked repository, say, pointing at
                    # /proc/self/environ): what is wrong, where, but no quotes.
                    raise ConfigError(
                        Text(
                            f"不是 reportlint 配置文件（{exc.reason.zh}）；它是指向 {os.path.realpath(key)} 的符号链接",
                            f"not a reportlint configuration ({exc.reason.en}); it is a symbolic link to {os.path.realpath(key)}",
                        ),
                        path=shown,
                        line=exc.line,
                        column=exc.column,
                    ) from None
                # Not recognisably a configuration: say so at the `extend`, quoting
                # nothing of the file (it may be any readable file, /etc/shadow).
                raise extended_from.error(
                    Text(
                        f"“extend” 指向的文件不是 reportlint 配置文件（{exc.reason.zh}）：{shown}",
                        f"'extend' names a file that is not a reportlint configuration ({exc.reason.en}): {shown}",
                    )
                ) from None
            layer.base_dir = os.path.dirname(key)
            self._layers[key] = layer
        return self._layers[key]

    def _chain(self, path: str) -> list[Layer]:
        """``path``'s layer and those of the files it extends, base first (iterative:
        a chain of any length costs no recursion)."""
        layers: list[Layer] = []
        stack: list[str] = []  # real paths of the files already in the chain
        from_pos: Pos | None = None  # the `extend` that led to `path`
        while True:
            real = os.path.realpath(path)
            if real in stack:
                cycle = [display_path(p) for p in stack[stack.index(real) :]] + [display_path(path)]
                assert from_pos is not None
                raise from_pos.error(
                    Text(
                        f"“extend” 形成循环：{' → '.join(cycle)}",
                        f"'extend' forms a cycle: {' -> '.join(cycle)}",
                    )
                )
            if from_pos is not None and len(stack) >= MAX_EXTEND_DEPTH:
                raise from_pos.error(
                    Text(
                        f"“extend” 链过长：超过 {MAX_EXTEND_DEPTH} 个配置文件",
                        f"the 'extend' chain is too long: more than {MAX_EXTEND_DEPTH} configuration files",
                    )
                )
            if from_pos is not None and not os.path.isfile(path):
                what_zh = "目录" if os.path.isdir(path) else "文件"
                raise from_pos.error(
                    Text(
                        f"“extend” 指向的配置{what_zh}不存在或不是普通文件：{display_path(path)}",
                        f"'extend' names a configuration file that does not exist or is not a regular file: {display_path(path)}",
                    )
                )
            layer = self._parse(path, from_pos)
            layers.append(layer)
            if layer.extend is None:
                return layers[::-1]
            target = os.path.expanduser(layer.extend)
            if not os.path.isabs(target):
                target = os.path.join(os.path.dirname(os.path.abspath(path)), target)
            stack.append(real)
            from_pos = layer.extend_pos
            path = os.path.normpath(target)


def _is_config_candidate(path: str) -> bool:
    try:
        return os.path.exists(path) and not os.path.isdir(path)
    except (OSError, ValueError):  # a name the file system cannot hold
        return False


def load_config(path: str) -> Config:
    """Load one configuration file (and its ``extend`` chain) without discovery."""
    return ConfigLoader().load(path)


def config_from_text(text: str, path: str = ".reportlint.yaml") -> Config:
    """A :class:`Config` from YAML text (``extend`` is not followed); for tests and ``init``."""
    layer = parse_text(path, text)
    layer.base_dir = str(Path(os.path.abspath(path)).parent)
    return Config([layer])
