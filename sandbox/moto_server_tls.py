"""Starts moto server with one gap closed: TLS-only bucket policies.

moto 5.2.1 evaluates only StringEquals in policy conditions, treats every other condition as
matching, and answers DENIED for a statement whose condition does not match (instead of leaving
the statement out). The state bucket's policy denies requests where aws:SecureTransport is
"false", so moto would deny every request, including the ones over TLS that AWS allows. The
sandbox serves moto over HTTPS only, so every request it receives is secure: this launcher
teaches moto the Bool operator, gives bucket policies aws:SecureTransport = "true", and leaves
out statements whose conditions do not hold, as AWS does.
Usage: python3 moto_server_tls.py <moto_server arguments>
"""
import json
import sys

from moto.iam import policy_conditions
from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.s3 import models


def bool_equals(expected, actual):
    values = expected if isinstance(expected, list) else [expected]
    return actual.lower() in [str(value).lower() for value in values]


REQUEST_CONTEXT = {"aws:SecureTransport": "true"}


def condition_holds(statement):
    for operator, values in statement.get("Condition", {}).items():
        check = policy_conditions.CONDITION_OPERATIONS.get(operator)
        if check is None:
            continue  # as moto: an operator it does not know is not evaluated
        for key, expected in values.items():
            if key in REQUEST_CONTEXT and not check(expected, REQUEST_CONTEXT[key]):
                return False
    return True


def get_permission_over_tls(self, action, resource):
    if self.policy is None:
        return PermissionResult.NEUTRAL
    document = json.loads(self.policy.decode())
    statements = document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]
    applicable = [s for s in statements if condition_holds(s)]
    if not applicable:
        return PermissionResult.NEUTRAL
    stripped = [{k: v for k, v in s.items() if k != "Condition"} for s in applicable]
    return IAMPolicy(json.dumps({**document, "Statement": stripped})).is_action_permitted(action, resource)


policy_conditions.CONDITION_OPERATIONS.setdefault("Bool", bool_equals)
models.FakeBucket.get_permission = get_permission_over_tls

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
