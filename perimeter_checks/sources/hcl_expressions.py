"""How many instances a Terraform resource or module call has: `count` and `for_each`.

bc-python-hcl2 renders expressions back to strings without their parentheses
(`a && (b || c)` becomes `a && b || c`), so deciding `count` from its output could
drop a resource that exists. This module reads the expressions from the source text
instead and evaluates them with HCL's operator precedence. Anything it cannot know
(a resource attribute, `each`, a function it does not model, a root-module variable
the caller may set) is UNKNOWN, and an unknown count keeps the resource: only a count
that is certainly 0 or a `for_each` that is certainly empty removes it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from perimeter_checks.policy.terraform import document_reference

UNKNOWN = type("Unknown", (), {"__repr__": lambda self: "UNKNOWN"})()
MAX_DEPTH = 64

_TOKEN = re.compile(
    r"""
    (?P<newline>\n)
  | (?P<space>[ \t\r]+|\#[^\n]*|//[^\n]*|/\*.*?\*/)
  | (?P<heredoc><<-?(?P<marker>[A-Za-z_]\w*)[^\n]*\n)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<ident>[A-Za-z_][\w-]*)
  | (?P<string>")
  | (?P<op>\.\.\.|=>|==|!=|>=|<=|&&|\|\||[-+*/%!<>?:=.,(){}\[\]])
    """,
    re.VERBOSE | re.DOTALL,
)
_BINARY = {  # HCL precedence, higher binds tighter
    "||": 1, "&&": 2, "==": 3, "!=": 3, ">": 4, ">=": 4, "<": 4, "<=": 4,
    "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
}
_CLOSERS = {"(": ")", "[": "]", "{": "}"}
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}


class ExpressionError(Exception):
    """Terraform would fail here (a missing attribute, a wrong type): `try()` catches it."""


def tokenize(text: str) -> list:
    """(kind, value) tokens; strings are ('string', text) with templates kept as ('template', raw)."""
    tokens, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            tokens.append(("op", text[position]))
            position += 1
            continue
        kind = match.lastgroup if match.lastgroup != "marker" else "heredoc"
        if kind == "space":
            position = match.end()
            continue
        if kind == "heredoc":
            marker = match.group("marker")
            end = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t]*$", re.MULTILINE).search(text, match.end())
            position = end.end() if end else len(text)
            tokens.append(("template", ""))
            continue
        if kind == "string":
            position, token = _string(text, match.end())
            tokens.append(token)
            continue
        tokens.append((kind, match.group()))
        position = match.end()
    return tokens


def _string(text: str, position: int) -> tuple:
    """Read a quoted string from after its opening quote, following ${...} nesting."""
    pieces, start, level = [], position, 0
    while position < len(text):
        char = text[position]
        if char == "\\" and level == 0:
            escaped = text[position + 1:position + 2]
            pieces.append(_ESCAPES.get(escaped, "\\" + escaped))
            position += 2
            continue
        if text.startswith(("${", "%{"), position):
            level += 1
            position += 2
            continue
        if level and char == "}":
            level -= 1
        elif level and char == '"':
            position, _ = _string(text, position + 1)
            continue
        elif not level and char == '"':
            raw = text[start:position]
            templated = "${" in raw or "%{" in raw
            return position + 1, ("template", raw) if templated else ("string", "".join(pieces))
        elif not level and char == "\n":
            break
        if not level:
            pieces.append(char)
        position += 1
    return position, ("template", text[start:position])


def block_attributes(text: str) -> dict:
    """Top-level block header (type, labels...) -> {attribute: expression tokens}, for each block.

    A `dynamic "name"` block inside is kept as {("dynamic", "name"): {attribute: tokens}}.
    """
    tokens = tokenize(text)
    blocks: dict = {}
    index, header = 0, []
    while index < len(tokens):
        kind, value = tokens[index]
        if kind == "newline":
            header = []
        elif value == "{" and header:
            attributes = blocks.setdefault(tuple(header), {})
            index = _read_body(tokens, index + 1, attributes)
            header = []
            continue
        elif kind in ("ident", "string"):
            header.append(value)
        index += 1
    return blocks


def _read_body(tokens: list, index: int, attributes: dict) -> int:
    """Collect the attributes of one block body; nested blocks are skipped. Returns the index after '}'."""
    line_start = True
    while index < len(tokens):
        kind, value = tokens[index]
        if value == "}" and kind == "op":
            return index + 1
        if line_start and kind == "ident" and index + 1 < len(tokens) and tokens[index + 1] == ("op", "="):
            end = _end_at_depth_zero(tokens, index + 2, (_NEWLINE,))
            attributes[value] = tokens[index + 2:end]
            index, line_start = end, False
            continue
        if line_start and (kind, value) == ("ident", "dynamic") and tokens[index + 2:index + 3] == [("op", "{")]:
            label, nested = ("dynamic", tokens[index + 1][1]), {}
            index = _read_body(tokens, index + 3, nested)
            # two dynamic blocks of one name cannot be told apart: neither is decided
            attributes[label] = None if label in attributes else nested
            line_start = False
            continue
        if kind == "op" and value in _CLOSERS:
            index = _end_at_depth_zero(tokens, index + 1) + 1  # a nested block: past its closing bracket
            line_start = False
            continue
        line_start = kind == "newline"
        index += 1
    return index


def _end_at_depth_zero(tokens: list, index: int, stops: tuple = ()) -> int:
    """Index of the first token outside brackets that is one of `stops`, or of the bracket
    that closes one opened before `index` (len(tokens) when neither comes)."""
    depth = 0
    while index < len(tokens):
        token = tokens[index]
        if token[0] == "op" and token[1] in _CLOSERS:
            depth += 1
        elif token[0] == "op" and token[1] in _CLOSERS.values():
            if depth == 0:
                return index
            depth -= 1
        elif depth == 0 and token in stops:
            return index
        index += 1
    return index


_NEWLINE, _IF = ("newline", "\n"), ("ident", "if")


class Evaluator:
    """Evaluates expression tokens; `lookup(root, name)` answers var.* and local.*."""

    def __init__(self, lookup):
        self.lookup = lookup

    def evaluate(self, tokens: list, names: dict | None = None):
        parser = _Parser([t for t in tokens if t[0] != "newline"], self, names or {})
        try:
            value = parser.expression(0)
        except (ExpressionError, IndexError, RecursionError):
            return UNKNOWN
        return value if parser.at_end() else UNKNOWN


def instance_count(value):
    """count / for_each value -> number of instances, or UNKNOWN."""
    if value is UNKNOWN:
        return UNKNOWN
    if isinstance(value, bool):
        return UNKNOWN
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, (list, dict)):
        return len(value)
    return UNKNOWN


def _contains_unknown(value) -> bool:
    if value is UNKNOWN:
        return True
    if isinstance(value, dict):
        return any(_contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_unknown(v) for v in value)
    return False


class _Parser:
    """Pratt parser that evaluates as it goes; `skip` parses a branch without evaluating it."""

    def __init__(self, tokens: list, evaluator: Evaluator, names: dict):
        self.tokens, self.index, self.evaluator, self.names = tokens, 0, evaluator, names
        self.depth = 0

    def at_end(self) -> bool:
        return self.index >= len(self.tokens)

    def peek(self, offset: int = 0):
        position = self.index + offset
        return self.tokens[position] if position < len(self.tokens) else ("end", "")

    def take(self, expected: str | None = None):
        token = self.peek()
        if expected is not None and token[1] != expected:
            raise ExpressionError(f"expected {expected!r}, got {token[1]!r}")
        self.index += 1
        return token

    def expression(self, floor: int):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("expression too deep")
        try:
            left = self.unary()
            while True:
                kind, value = self.peek()
                if kind == "op" and value == "?" and floor == 0:
                    self.take()
                    when_true = self.expression(0)
                    self.take(":")
                    when_false = self.expression(0)
                    left = _conditional(left, when_true, when_false)
                    continue
                precedence = _BINARY.get(value) if kind == "op" else None
                if precedence is None or precedence < floor:
                    return left
                self.take()
                left = _binary(value, left, self.expression(precedence + 1))
        finally:
            self.depth -= 1

    def unary(self):
        kind, value = self.peek()
        if kind == "op" and value in ("!", "-"):
            self.take()
            operand = self.unary()
            if operand is UNKNOWN:
                return UNKNOWN
            if value == "!":
                return _require(operand, bool) is False
            return -_require_number(operand)
        return self.postfix(self.primary())

    def postfix(self, value):
        while True:
            kind, token = self.peek()
            if token == "." and self.peek(1)[0] == "ident":
                self.take()
                value = _attribute(value, self.take()[1])
            elif token == "." and self.peek(1)[1] == "*":
                self.take(), self.take()
                value = UNKNOWN
            elif token == "[" and kind == "op":
                self.take()
                if self.peek()[1] == "*":
                    self.take()
                    key = UNKNOWN  # a splat
                else:
                    key = self.expression(0)
                self.take("]")
                value = _index(value, key)
            else:
                return value

    def primary(self):
        kind, value = self.take()
        if kind == "number":
            return float(value) if any(c in value for c in ".eE") else int(value)
        if kind == "string":
            return value
        if kind == "template":
            return UNKNOWN
        if kind == "ident":
            if value in ("true", "false"):
                return value == "true"
            if value == "null":
                return None
            if self.peek()[1] == "(":
                return self.call(value)
            return self.reference(value)
        if value == "(":
            inner = self.expression(0)
            self.take(")")
            return inner
        if value == "[":
            return self.tuple()
        if value == "{":
            return self.object()
        raise ExpressionError(f"unexpected {value!r}")

    def reference(self, root: str):
        if root in self.names:
            return self.names[root]
        if root in ("var", "local") and self.peek()[1] == "." and self.peek(1)[0] == "ident":
            self.take()
            return self.evaluator.lookup(root, self.take()[1])
        if root == "data" and [t[1] for t in self.tokens[self.index:self.index + 3]] == [".", "aws_iam_policy_document", "."]:
            self.index += 3
            return _DataDocument(self.take()[1])
        return UNKNOWN  # resources, other data sources, each, count, path, module outputs

    def call(self, name: str):
        self.take("(")
        arguments, expand = [], False
        while self.peek()[1] != ")":
            start = self.index
            try:
                arguments.append(self.expression(0))
            except ExpressionError as error:
                if name not in ("try", "can"):
                    raise
                self.index = _end_at_depth_zero(self.tokens, start, (("op", ","),))
                arguments.append(error)
            if self.peek()[1] == "...":
                self.take()
                expand = True
            if self.peek()[1] == ",":
                self.take()
        self.take(")")
        if expand:
            return UNKNOWN
        return _call(name, arguments)

    def tuple(self):
        if self.peek() == ("ident", "for"):
            return self.for_expression("]")
        items = []
        while self.peek()[1] != "]":
            items.append(self.expression(0))
            if self.peek()[1] == ",":
                self.take()
        self.take("]")
        return items

    def object(self):
        if self.peek() == ("ident", "for"):
            return self.for_expression("}")
        result: dict = {}
        while self.peek()[1] != "}":
            kind, value = self.peek()
            if kind in ("ident", "string") and self.peek(1)[1] in ("=", ":"):
                self.take()
                key = value
            else:
                key = self.expression(0)
            self.take(self.peek()[1] if self.peek()[1] in ("=", ":") else "=")
            item = self.expression(0)
            if key is UNKNOWN or not isinstance(key, (str, int, float)):
                return self._skip_to("}")
            result[str(key)] = item
            if self.peek()[1] == ",":
                self.take()
        self.take("}")
        return result

    def _skip_to(self, closer: str):
        self.index = _end_at_depth_zero(self.tokens, self.index)
        self.take(closer)
        return UNKNOWN

    def for_expression(self, closer: str):
        """[for v in X : body if cond] and {for k, v in X : key => value if cond}."""
        self.take("for")
        first = self.take()[1]
        second = None
        if self.peek()[1] == ",":
            self.take()
            second = self.take()[1]
        self.take("in")
        collection = self.expression(0)
        self.take(":")
        body_start = self.index
        self.index = _end_at_depth_zero(self.tokens, self.index, (_IF,))
        body_end = self.index
        condition_tokens = []
        if self.peek() == ("ident", "if"):
            self.take()
            start = self.index
            self.index = _end_at_depth_zero(self.tokens, self.index)
            condition_tokens = self.tokens[start:self.index]
        self.take(closer)
        if collection is UNKNOWN or not isinstance(collection, (list, dict)):
            return UNKNOWN
        pairs = list(collection.items()) if isinstance(collection, dict) else list(enumerate(collection))
        results = [] if closer == "]" else {}
        body = self.tokens[body_start:body_end]
        for key, item in pairs:
            names = dict(self.names, **({first: key, second: item} if second else {first: item}))
            if condition_tokens:
                keep = _Parser(condition_tokens, self.evaluator, names).whole()
                if keep is UNKNOWN:
                    return UNKNOWN
                if _require(keep, bool) is False:
                    continue
            produced = _Parser(body, self.evaluator, names).for_body(closer)
            if produced is UNKNOWN:
                return UNKNOWN
            if closer == "]":
                results.append(produced)
            else:
                result_key, result_value = produced
                if not isinstance(result_key, (str, int, float)):
                    return UNKNOWN
                results[str(result_key)] = result_value
        return results

    def whole(self):
        value = self.expression(0)
        if not self.at_end():
            raise ExpressionError("trailing tokens")
        return value

    def for_body(self, closer: str):
        if closer == "]":
            return self.whole()
        key = self.expression(0)
        self.take("=>")
        value = self.expression(0)
        if self.peek()[1] == "...":
            return UNKNOWN  # grouping mode
        return (UNKNOWN if key is UNKNOWN else (key, value))


def _require(value, kind):
    if kind is bool and isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    if not isinstance(value, kind):
        raise ExpressionError(f"{value!r} is not {kind.__name__}")
    return value


def _require_number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str):
            try:
                return float(value) if "." in value else int(value)
            except ValueError:
                pass
        raise ExpressionError(f"{value!r} is not a number")
    return value


def _conditional(condition, when_true, when_false):
    if condition is UNKNOWN:
        return when_true if when_true == when_false and not _contains_unknown(when_true) else UNKNOWN
    return when_true if _require(condition, bool) else when_false


def _binary(operator: str, left, right):
    if operator == "&&":
        if left is False or right is False:
            return False
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        return _require(left, bool) and _require(right, bool)
    if operator == "||":
        if left is True or right is True:
            return True
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        return _require(left, bool) or _require(right, bool)
    if _contains_unknown(left) or _contains_unknown(right):
        return UNKNOWN
    if operator == "==":
        return left == right and type(left) is type(right) or _numbers_equal(left, right)
    if operator == "!=":
        return not (left == right and type(left) is type(right) or _numbers_equal(left, right))
    a, b = _require_number(left), _require_number(right)
    if operator in ("/", "%") and b == 0:
        raise ExpressionError("division by zero")
    return {
        ">": lambda: a > b, ">=": lambda: a >= b, "<": lambda: a < b, "<=": lambda: a <= b,
        "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b, "%": lambda: a % b,
    }[operator]()


def _numbers_equal(left, right) -> bool:
    numeric = (int, float)
    return (isinstance(left, numeric) and isinstance(right, numeric) and not isinstance(left, bool)
            and not isinstance(right, bool) and left == right)


class _DataDocument(str):
    """data.aws_iam_policy_document.<name>: its .json is the reference the policy loaders resolve."""


def _attribute(value, name: str):
    if value is UNKNOWN:
        return UNKNOWN
    if isinstance(value, _DataDocument):
        return f"${{data.aws_iam_policy_document.{value}.json}}" if name in ("json", "minified_json") else UNKNOWN
    if isinstance(value, dict):
        if name not in value:
            raise ExpressionError(f"no attribute {name!r}")
        return value[name]
    raise ExpressionError(f"cannot read {name!r} of {type(value).__name__}")


def _index(value, key):
    if value is UNKNOWN or key is UNKNOWN:
        return UNKNOWN
    if isinstance(value, _DataDocument):
        return value  # one instance of a counted data source: the same document
    if isinstance(value, dict):
        if str(key) not in value:
            raise ExpressionError(f"no key {key!r}")
        return value[str(key)]
    if isinstance(value, list):
        position = _require_number(key)
        if not 0 <= position < len(value):
            raise ExpressionError("index out of range")
        return value[int(position)]
    raise ExpressionError("cannot index")


def _flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def _call(name: str, arguments: list):
    """The functions count and for_each expressions use; any other function is UNKNOWN."""
    if name == "try":
        for argument in arguments:
            if not isinstance(argument, ExpressionError):
                return argument
        raise ExpressionError("every try() argument failed")
    if name == "can":
        if len(arguments) != 1:
            raise ExpressionError("can() takes one argument")
        return UNKNOWN if arguments[0] is UNKNOWN else not isinstance(arguments[0], ExpressionError)
    for argument in arguments:
        if isinstance(argument, ExpressionError):
            raise argument
    if name == "coalesce":
        for argument in arguments:
            if argument is UNKNOWN:
                return UNKNOWN
            if argument is not None and argument != "":
                return argument
        raise ExpressionError("coalesce() found no value")
    if any(_contains_unknown(argument) for argument in arguments):
        return UNKNOWN
    simple = {
        "length": lambda v: len(v) if isinstance(v, (list, dict, str)) else _fail("length"),
        "keys": lambda v: sorted(v) if isinstance(v, dict) else _fail("keys"),
        "values": lambda v: [v[k] for k in sorted(v)] if isinstance(v, dict) else _fail("values"),
        "toset": lambda v: _distinct(v) if isinstance(v, list) else _fail("toset"),
        "tolist": lambda v: v if isinstance(v, list) else _fail("tolist"),
        "tomap": lambda v: v if isinstance(v, dict) else _fail("tomap"),
        "tobool": lambda v: _require(v, bool) if v is not None else None,
        "tonumber": lambda v: _require_number(v) if v is not None else None,
        "compact": lambda v: [x for x in v if x not in (None, "")] if isinstance(v, list) else _fail("compact"),
        "distinct": lambda v: _distinct(v) if isinstance(v, list) else _fail("distinct"),
        "flatten": lambda v: list(_flatten(v)) if isinstance(v, list) else _fail("flatten"),
        "one": lambda v: (v[0] if v else None) if isinstance(v, list) and len(v) <= 1 else _fail("one"),
    }
    if name in simple and len(arguments) == 1:
        return simple[name](arguments[0])
    if name == "concat" and all(isinstance(a, list) for a in arguments):
        return [item for argument in arguments for item in argument]
    if name == "merge" and all(isinstance(a, dict) or a is None for a in arguments):
        merged: dict = {}
        for argument in arguments:
            merged.update(argument or {})
        return merged
    if name == "contains" and len(arguments) == 2 and isinstance(arguments[0], list):
        return arguments[1] in arguments[0]
    if name == "lookup" and len(arguments) in (2, 3) and isinstance(arguments[0], dict):
        if str(arguments[1]) in arguments[0]:
            return arguments[0][str(arguments[1])]
        if len(arguments) == 3:
            return arguments[2]
        raise ExpressionError("lookup() found no key")
    return UNKNOWN


def _fail(name: str):
    raise ExpressionError(f"{name}() got a value of the wrong type")


def _distinct(items: list) -> list:
    result: list = []
    for item in items:
        if item not in result:
            result.append(item)
    return result


def tfvars(directory: Path) -> dict:
    """Variables set by terraform.tfvars and *.auto.tfvars (HCL or JSON), as raw token lists or values."""
    names = ["terraform.tfvars", "terraform.tfvars.json"]
    files = [directory / n for n in names] + sorted(directory.glob("*.auto.tfvars")) + sorted(
        directory.glob("*.auto.tfvars.json")
    )
    values: dict = {}
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if path.suffix == ".json":
            try:
                loaded = json.loads(text)
            except ValueError:
                loaded = None
            if isinstance(loaded, dict):
                values.update({k: ("value", v) for k, v in loaded.items()})
            else:
                values["*"] = ("value", UNKNOWN)  # unreadable: every variable may be set
            continue
        body = block_attributes("__tfvars__ {\n" + text + "\n}\n").get(("__tfvars__",), {})
        values.update({k: ("tokens", v) for k, v in body.items()})
    return values


CALLER_DOCUMENT_SUFFIX = "--from-caller"


def caller_document(value):
    """A caller's data.aws_iam_policy_document passed as a module argument, renamed so that
    the child looks it up among its caller's documents, not its own of the same name."""
    name = document_reference(value)
    return value if name is None else f"${{data.aws_iam_policy_document.{name}{CALLER_DOCUMENT_SUFFIX}.json}}"


# Variable defaults and tfvars values are literals: they refer to nothing.
_LITERALS = Evaluator(lambda *_: UNKNOWN)


def _file_blocks(path: Path, cache: dict) -> dict:
    if path not in cache:
        try:
            cache[path] = block_attributes(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            cache[path] = {}
    return cache[path]


class ModuleScope:
    """var.* and local.* of one module instance, read from its source text.

    A child module's variables are its caller's arguments (evaluated in the caller's
    scope) or its own defaults. A root module's variables are whatever terraform.tfvars
    sets, else UNKNOWN: the caller of a root module may pass -var, so a default alone
    must never decide that a resource does not exist.
    """

    def __init__(self, files: list, caller: "ModuleScope | None" = None, arguments: dict | None = None,
                 cache: dict | None = None):
        self.files, self.caller, self.arguments = list(files), caller, arguments or {}
        self.cache = cache if cache is not None else {}
        self.root_values = tfvars(Path(self.files[0]).parent) if caller is None and self.files else {}
        self.evaluator = Evaluator(self._lookup)
        self._locals: dict = {}
        self._resolving: set = set()

    def block(self, path: Path, *header: str) -> dict:
        return _file_blocks(path, self.cache).get(header, {})

    def _merged(self, *header: str) -> dict:
        merged: dict = {}
        for path in self.files:
            merged.update(_file_blocks(path, self.cache).get(header, {}))
        return merged

    def _lookup(self, root: str, name: str):
        key = (root, name)
        if key in self._locals:
            return self._locals[key]
        if key in self._resolving:
            return UNKNOWN  # a cycle
        self._resolving.add(key)
        try:
            value = self._local(name) if root == "local" else self._variable(name)
        finally:
            self._resolving.discard(key)
        self._locals[key] = value
        return value

    def _local(self, name: str):
        tokens = self._merged("locals").get(name)
        return UNKNOWN if tokens is None else self.evaluator.evaluate(tokens)

    def _variable(self, name: str):
        if self.caller is not None:
            if name in self.arguments:
                return caller_document(self.caller.evaluator.evaluate(self.arguments[name]))
            default = self._merged("variable", name).get("default")
            return None if default is None else _LITERALS.evaluate(default)
        if "*" in self.root_values:
            return UNKNOWN
        kind, value = self.root_values.get(name, ("value", UNKNOWN))
        return _LITERALS.evaluate(value) if kind == "tokens" else value

    def attribute(self, path: Path, header: tuple, name: str):
        """The value of a block's top-level attribute, or UNKNOWN when any part of it is."""
        tokens = self.block(path, *header).get(name)
        value = UNKNOWN if tokens is None else self.evaluator.evaluate(tokens)
        return UNKNOWN if _contains_unknown(value) else value

    def instances(self, path: Path, *header: str, dynamic: str | None = None):
        """Instances of the block (or of one of its dynamic blocks): count, for_each size, 1, or UNKNOWN."""
        attributes = self.block(path, *header)
        if dynamic is not None:
            attributes = attributes.get(("dynamic", dynamic))
            if attributes is None:
                return UNKNOWN
        for meta in ("count", "for_each"):
            if meta in attributes:
                return instance_count(self.evaluator.evaluate(attributes[meta]))
        return 1

    def child(self, path: Path, call_name: str, files: list) -> "ModuleScope":
        return ModuleScope(files, caller=self, arguments=self.block(path, "module", call_name), cache=self.cache)
