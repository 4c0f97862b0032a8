"""moto's AWS API over HTTPS on loopback, robust under load, with one emulator gap closed.

Serving: moto's own launcher (werkzeug's run_simple with an SSL context) does the TLS handshake in
its single accepting thread, so one client that connects and then sends nothing (a tofu frozen with
SIGSTOP, a process descheduled on a busy machine) stalls the server for everyone. Here the listening
socket stays plain, and every accepted connection is wrapped and handshaken in its own handler
thread, with a bounded handshake time. The server binds port 0 and prints the port the kernel gave
it, so there is no race between choosing a free port and binding it.

Retries: on a loaded machine a client now and then loses a response moto did send, and its SDK
retries the request (same amz-sdk-invocation-id, a higher attempt number). A retry of a request
moto already completed gets the first answer again instead of being carried out twice (see
replaying_retries).

Emulator gap: moto 5.2.1 evaluates only StringEquals in policy conditions, treats every other
condition as matching, and answers DENIED for a statement whose condition does not match (instead of
leaving the statement out). The state bucket's policy denies requests where aws:SecureTransport is
"false", so moto would deny every request, including the ones over TLS that AWS allows. Every request
this server receives is over TLS, so aws:SecureTransport is "true" and is evaluated (Bool,
StringEquals, StringNotEquals, with or without IfExists); a statement whose condition does not hold
is left out, as AWS does. A condition the sandbox cannot evaluate (another key, another operator) is
never taken as holding for an Allow: the Allow grants nothing, while a Deny with it still denies, and
the server says so on stderr once per condition. The emulator may then refuse what AWS allows; it
never allows what AWS refuses.

Organizations' limits: moto_organizations_limits.py makes CreateAccount asynchronous and enforces the
account quota, 5 creations in progress, unique emails, the CloseAccount quota and a request rate.

Identity Center: moto_identity_center.py adds the sso-admin and identitystore calls the provider
makes that moto lacks (tags, provisioning status, permissions boundaries, group memberships, updates).

Security foundations: moto_security_foundations.py adds IAM's organizations features, iam.amazonaws.com
as a trusted service, and the rules AWS applies to organization trails, their buckets' policies and
member accounts' alternate contacts.

Usage: python3 moto_server_tls.py --host 127.0.0.1 --cert CERT --key KEY
Prints one line "listening on port N" on stdout once it accepts connections; exits when its
standard input closes (the process that started it is gone).
"""
import argparse
from collections import OrderedDict
import hashlib
import io
import json
import logging
import os
import signal
import socket
import ssl
import sys
import threading
import time

from moto.iam import policy_conditions
from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from moto.s3 import models
from werkzeug.serving import ThreadedWSGIServer

import moto_identity_center
import moto_security_foundations
import moto_organizations_limits

# A client gets this long to finish its TLS handshake; a stalled one only holds its own thread.
HANDSHAKE_SECONDS = 30
# A connection whose client stops sending mid-request is closed after this long, so threads do not pile up.
IDLE_SECONDS = 120
# How long a closing connection waits for the client's side of the close.
LINGER_SECONDS = 5


def bool_equals(expected, actual):
    values = expected if isinstance(expected, list) else [expected]
    return actual.lower() in [str(value).lower() for value in values]


def string_equals(expected, actual):
    values = expected if isinstance(expected, list) else [expected]
    return actual in [str(value) for value in values]


# What the sandbox knows of every request it serves, and the operators it evaluates on it.
REQUEST_CONTEXT = {"aws:SecureTransport": "true"}
EVALUATED_OPERATORS = {"Bool": bool_equals, "StringEquals": string_equals, "StringNotEquals": lambda e, a: not string_equals(e, a)}
UNEVALUATED_SEEN = set()
UNEVALUATED_LOCK = threading.Lock()


def condition_verdict(statement):
    """(holds, unevaluated): holds is False as soon as one evaluable condition fails; unevaluated names
    the conditions the sandbox cannot judge (their key or operator is not one it knows)."""
    unevaluated = []
    for operator, values in (statement.get("Condition") or {}).items():
        # IfExists changes nothing for a key that every request carries.
        check = EVALUATED_OPERATORS.get(operator[: -len("IfExists")] if operator.endswith("IfExists") else operator)
        for key, expected in (values or {}).items():
            if check is None or key not in REQUEST_CONTEXT:
                unevaluated.append(f"{operator} {key}")
            elif not check(expected, REQUEST_CONTEXT[key]):
                return False, []
    return True, unevaluated


def applicable_statements(statements):
    """The statements AWS would apply to a request, leaning to refusal where the sandbox cannot judge."""
    applicable = []
    for statement in statements:
        holds, unevaluated = condition_verdict(statement)
        if not holds:
            continue
        if unevaluated:
            deny = statement.get("Effect") == "Deny"
            with UNEVALUATED_LOCK:
                for condition in unevaluated:
                    if condition not in UNEVALUATED_SEEN:
                        UNEVALUATED_SEEN.add(condition)
                        effect = "a Deny with it is applied" if deny else "an Allow with it grants nothing"
                        sys.stderr.write(f"[sandbox] bucket policy condition {condition} cannot be evaluated here: {effect}\n")
            if not deny:
                continue
        applicable.append(statement)
    return applicable


def get_permission_over_tls(self, action, resource):
    if self.policy is None:
        return PermissionResult.NEUTRAL
    document = json.loads(self.policy.decode())
    statements = document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]
    applicable = applicable_statements(statements)
    if not applicable:
        return PermissionResult.NEUTRAL
    stripped = [{k: v for k, v in s.items() if k != "Condition"} for s in applicable]
    return IAMPolicy(json.dumps({**document, "Statement": stripped})).is_action_permitted(action, resource)


class HandshakeInHandlerThreadServer(ThreadedWSGIServer):
    """werkzeug's threaded server, with TLS done per connection in that connection's thread."""

    def __init__(self, host, app, tls_context):
        super().__init__(host, 0, app, ssl_context=None)
        self.tls_context = tls_context
        # werkzeug reads this to set wsgi.url_scheme = "https" and to look up peer certificates.
        self.ssl_context = tls_context

    def finish_request(self, request, client_address):
        request.settimeout(HANDSHAKE_SECONDS)
        tls = self.tls_context.wrap_socket(request, server_side=True, do_handshake_on_connect=False)
        try:
            tls.do_handshake()
        except (OSError, ssl.SSLError):
            tls.close()
            return
        tls.settimeout(IDLE_SECONDS)
        started = time.time()
        outcome = "ok"
        try:
            super().finish_request(tls, client_address)
        except BaseException as error:  # noqa: BLE001 - logged, then re-raised
            outcome = f"raised {type(error).__name__}: {error}"
            raise
        finally:
            closed = self.close_lingering(tls)
            if REQUEST_LOG:
                with LOG_LOCK, open(REQUEST_LOG, "a", encoding="utf-8") as log:
                    log.write(f"{time.time():.3f} connection {client_address[1]} served in {time.time() - started:.3f}s {outcome}; close: {closed}\n")

    @staticmethod
    def close_lingering(tls):
        """A lingering close. werkzeug answers every request with "Connection: close"; closing a
        socket that still has unread bytes from the client makes the kernel send a reset, which can
        destroy a response the client has not read yet. So: send TLS close_notify, stop writing,
        read until the client closes (bounded), then close. This did not end the lost responses
        seen under load (their cause is still unknown); replaying_retries is what keeps them from
        doing harm. Returns how the close went, for the request log."""
        how = "peer closed"
        try:
            tls.settimeout(LINGER_SECONDS)
            try:
                raw = tls.unwrap()
            except (OSError, ssl.SSLError, ValueError) as error:
                how = f"unwrap {type(error).__name__}: {error}"
                raw = tls
            raw.shutdown(socket.SHUT_WR)
            while raw.recv(65536):
                pass
        except (OSError, ssl.SSLError, ValueError) as error:
            how = f"{how}; {type(error).__name__}: {error}"
        finally:
            tls.close()
        return how

    def handle_error(self, request, client_address):
        # A client that hung up mid-request is not news; anything else is logged by werkzeug.
        if isinstance(sys.exc_info()[1], (ConnectionError, socket.timeout, ssl.SSLError)):
            return
        super().handle_error(request, client_address)


REQUEST_LOG = os.environ.get("MOTO_REQUEST_LOG")
LOG_LOCK = threading.Lock()


def logging_requests(app):
    """WSGI middleware that appends one line per request to MOTO_REQUEST_LOG: time, the SDK's invocation id
    and attempt number (amz-sdk-invocation-id, amz-sdk-request), the operation, the status. It shows
    when a client retried a request, and what moto answered each time."""
    def logged(environ, start_response):
        operation = environ.get("HTTP_X_AMZ_TARGET") or f"{environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')}"
        invocation = environ.get("HTTP_AMZ_SDK_INVOCATION_ID", "-")
        attempt = environ.get("HTTP_AMZ_SDK_REQUEST", "-")

        def recording_start_response(status, headers, *args):
            with LOG_LOCK, open(REQUEST_LOG, "a", encoding="utf-8") as log:
                replayed = " (replayed)" if environ.get("aws_org_cdktf.replayed") else ""
                log.write(f"{time.time():.3f} {invocation} {attempt} {operation} {status.split()[0]}{replayed} port {environ.get('REMOTE_PORT')}\n")
            return start_response(status, headers, *args)

        return app(environ, recording_start_response)

    return logged


def _read_body(environ):
    """The request's body, read once and put back for moto."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > 0:
        body = environ["wsgi.input"].read(length)
    elif environ.get("wsgi.input_terminated"):
        body = environ["wsgi.input"].read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def request_digest(environ, body):
    """What makes a retry the same request: method, path, query and body (headers such as the date and
    signature change between attempts)."""
    digest = hashlib.sha256()
    for part in (environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""), environ.get("HTTP_X_AMZ_TARGET", "")):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(body)
    return digest.hexdigest()


REPLAYS = {"replayed": 0, "differentBody": 0}


def replaying_retries(app, capacity=2000):
    """WSGI middleware: a retried request that moto already carried out gets the first answer again.

    On a loaded machine a client now and then loses a response moto did send (the connection is
    reset right after it), and its SDK sends the request again, marked with the same
    amz-sdk-invocation-id and a higher attempt number. Carried out twice, a conditional write fails
    the second time (a state lock released twice) and a create makes two objects. AWS does not lose
    those responses; this emulator does, so it answers a retry of a request it completed with what
    it answered the first time. Only a success is remembered (a refused request changed nothing, and
    AWS judges its retry afresh), and only a retry of the same request (method, path, query, body)
    is answered from memory: one that differs is carried out, and counted. Requests without an
    invocation id are not affected."""
    answers = OrderedDict()
    lock = threading.Lock()

    def replaying(environ, start_response):
        invocation = environ.get("HTTP_AMZ_SDK_INVOCATION_ID")
        if invocation is None:
            return app(environ, start_response)
        digest = request_digest(environ, _read_body(environ))
        with lock:
            known = answers.get(invocation)
        if known is not None and not environ.get("HTTP_AMZ_SDK_REQUEST", "attempt=1").startswith("attempt=1;"):
            if known[0] == digest:
                environ["aws_org_cdktf.replayed"] = True
                with lock:
                    REPLAYS["replayed"] += 1
                status, headers, body = known[1]
                start_response(status, headers)
                return [body]
            with lock:
                REPLAYS["differentBody"] += 1
        captured = {}

        def capturing_start_response(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, list(headers)
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        result = app(environ, capturing_start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        if captured.get("status", "").startswith("2"):
            with lock:
                answers[invocation] = (digest, (captured["status"], captured["headers"], body))
                while len(answers) > capacity:
                    answers.popitem(last=False)
        return [body]

    return replaying


REPLAYS_PATH = "/_sandbox/replays"


def replay_status(app):
    """WSGI: GET /_sandbox/replays answers how many retries were answered from memory and how many
    reused an invocation id for a different request (carried out)."""
    def serving(environ, start_response):
        if environ.get("PATH_INFO") == REPLAYS_PATH:
            body = json.dumps(REPLAYS).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        return app(environ, start_response)
    return serving


def exit_when_parent_goes():
    """Standard input is a pipe from the process that started this server: when it closes (that
    process exited, even by SIGKILL), nobody can stop this server any more, so it stops itself."""
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    args = parser.parse_args()

    import moto
    expected = os.environ.get("SANDBOX_MOTO_VERSION")
    if expected and moto.__version__ != expected:
        sys.exit(f"moto {moto.__version__} is installed; this launcher patches moto {expected}'s internals and serves no other version (pip install 'moto[server]=={expected}')")

    policy_conditions.CONDITION_OPERATIONS.setdefault("Bool", bool_equals)
    models.FakeBucket.get_permission = get_permission_over_tls
    moto_identity_center.install()
    moto_security_foundations.install()
    limits = moto_organizations_limits.install()

    tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls_context.load_cert_chain(args.cert, args.key)
    # No TLS 1.3 session tickets: the server would send them unasked right after the handshake,
    # and a client that closes before reading them makes the kernel reset the connection.
    tls_context.num_tickets = 0
    app = replaying_retries(DomainDispatcherApplication(create_backend_app))
    # Throttling judges every attempt, retries included, so it stands outside the replay cache.
    app = moto_organizations_limits.status_endpoint(moto_organizations_limits.service_quotas(moto_organizations_limits.throttling(app, limits), limits))
    app = replay_status(app)
    if REQUEST_LOG:
        app = logging_requests(app)
    # No access log line per request: the starter reads stderr only for errors, and a starter that
    # is busy (a test waiting in spawnSync) would let a pipe full of access lines block every request.
    # MOTO_REQUEST_LOG records requests when they are wanted.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = HandshakeInHandlerThreadServer(args.host, app, tls_context)
    # moto builds some URLs (queue URLs, presigned links) from MOTO_PORT.
    os.environ["MOTO_PORT"] = str(server.port)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if not sys.stdin.isatty():
        threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    print(f"listening on port {server.port}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
