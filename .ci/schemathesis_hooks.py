"""Schemathesis hooks for intercoop's contract run.

Two request headers carry state that a generator cannot know, so generated values are made to mean what the
test intends: an Idempotency-Key that fits the contract is made unique (a key reused with another body is
rightly refused), and If-Match becomes "*" (any current version), since a generated ETag names no real version.
Keys that break the contract are left as generated, for the negative tests.

The run uses two workers (threads). CPython 3.11 keeps the AST converter's recursion depth per interpreter, not
per thread, so two threads parsing source at once can fail with "AST constructor recursion depth mismatch"; the
parsing that hypothesis does to describe lambdas is therefore done one thread at a time.
"""
import ast
import functools
import re
import threading
import uuid

import schemathesis
from hypothesis.internal import lambda_sources

_AST_LOCK = threading.RLock()


def _one_at_a_time(function):
    @functools.wraps(function)
    def locked(*args, **kwargs):
        with _AST_LOCK:
            return function(*args, **kwargs)

    return locked


ast.parse = _one_at_a_time(ast.parse)
ast.unparse = _one_at_a_time(ast.unparse)
lambda_sources._lambda_description = _one_at_a_time(lambda_sources._lambda_description)

KEY = re.compile(r"[!-~]{1,255}")


def _leaves_out_a_header(case):
    """A coverage case that leaves out a header on purpose (to see it refused) is sent as drawn."""
    data = getattr(getattr(getattr(case, "_meta", None), "phase", None), "data", None)
    return "missing" in str(getattr(data, "scenario", "")).lower()


@schemathesis.hook
def before_call(ctx, case, kwargs):
    headers = case.headers
    if not headers or _leaves_out_a_header(case):
        return
    key = headers.get("Idempotency-Key")
    if isinstance(key, str) and KEY.fullmatch(key):
        headers["Idempotency-Key"] = str(uuid.uuid4())
    if "If-Match" in headers:
        headers["If-Match"] = "*"
