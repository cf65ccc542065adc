"""moto server for the local cloud, with DynamoDB requests serialised and cheap transaction rollback.

moto 5.2.1 runs TransactWriteItems without a lock and rolls a failed transaction back by
restoring a copy of each table taken when the transaction began, which undoes writes other
requests committed meanwhile. Under concurrent orders that loses stock reservations (an order is
confirmed while its reservation vanishes): behaviour DynamoDB never shows. Serialising the
DynamoDB API (one request at a time; everything else, such as SQS long polls, stays concurrent)
gives back DynamoDB's guarantees: every request, transactions included, is atomic and isolated.

moto also takes a deep copy of every table a transaction touches, so each TransactWriteItems costs
time and memory in proportion to the whole table (minutes and gigabytes after a few thousand
orders). With requests serialised, a rollback only needs the items the transaction touched:
they are saved before it runs and put back if it fails, and the table copy is made a no-op.

Serialising alone would hide what clients of DynamoDB see under contention, so the wrapper also
models transaction conflicts (docs/local-cloud.md): a transaction is in flight on its items from the
moment it reaches the emulator until its answer is sent. A TransactWriteItems or TransactGetItems that
touches an item of an in-flight transaction is cancelled with TransactionConflict in its
CancellationReasons, without running; a PutItem, UpdateItem or DeleteItem on such an item fails with
TransactionConflictException. GET /moto-local/conflicts counts both. GET /moto-local/reads counts GetItem
requests per partition key value (the flood test proves unknown storefront ids cost no read). --no-transaction-conflicts (or
MOTO_TRANSACTION_CONFLICTS=off) turns the model off.

Usage: python tools/moto_local.py -H 127.0.0.1 -p PORT [--no-transaction-conflicts]
"""
import argparse
import copy
import io
import json
import os
import re
import signal
import sys
import threading

from werkzeug.serving import run_simple

from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
from moto.dynamodb.models.table import Table
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

_dynamodb = threading.Lock()


def _key_of(backend, op_type, op):
    if op_type != "Put":
        return op["Key"]
    table = backend.get_table(op["TableName"])
    names = [n for n in (table.hash_key_attr, table.range_key_attr) if n]
    return {n: op["Item"][n] for n in names}


def _with_item_rollback(transact_write_items):
    def run(self, transact_items):
        saved = []
        for entry in transact_items:
            op_type, op = next(iter(entry.items()))
            try:
                key = _key_of(self, op_type, op)
                current = self.get_item(op["TableName"], key)
            except Exception:  # invalid request: moto reports it, nothing was written
                continue
            saved.append((op["TableName"], key, copy.deepcopy(current.to_json()["Attributes"]) if current else None))
        try:
            return transact_write_items(self, transact_items)
        except Exception:
            for table_name, key, before in reversed(saved):
                if before is None:
                    self.delete_item(table_name, key)
                else:
                    self.put_item(table_name, before)
            raise

    return run


# The whole-table copy moto makes per transaction becomes free; rollback is item by item instead.
Table.__deepcopy__ = lambda self, memo: self
DynamoDBBackend.transact_write_items = _with_item_rollback(DynamoDBBackend.transact_write_items)


class TransactionConflicts:
    """The items of in-flight transactions, and what collided with them."""

    def __init__(self):
        self._lock = threading.Lock()
        self._in_flight = set()
        self.counts = {"transactionsCanceled": 0, "writesRefused": 0}

    def claim(self, keys):
        """Claims every key for a transaction; or returns the indexes already in flight (nothing claimed)."""
        with self._lock:
            busy = [i for i, k in enumerate(keys) if k in self._in_flight]
            if busy:
                self.counts["transactionsCanceled"] += 1
                return busy
            self._in_flight.update(keys)
            return []

    def release(self, keys):
        with self._lock:
            self._in_flight.difference_update(keys)

    def refuses_write(self, key):
        with self._lock:
            if key in self._in_flight:
                self.counts["writesRefused"] += 1
                return True
            return False


_REGION = re.compile(r"Credential=[^/]+/[^/]+/([^/]+)/")


def _table(region, name):
    for account in list(dynamodb_backends.keys()):
        tables = dynamodb_backends[account][region].tables
        if name in tables:
            return tables[name]
    return None


def _item_key(region, table_name, key=None, item=None):
    """(region, table, key attributes) of one item, or None when moto is left to report the request."""
    table = _table(region, table_name)
    if table is None:
        return None
    source = key if key is not None else item
    names = [n for n in (table.hash_key_attr, table.range_key_attr) if n]
    try:
        return (region, table_name, json.dumps({n: source[n] for n in names}, sort_keys=True))
    except (KeyError, TypeError):
        return None


def _transaction_keys(region, target, body):
    keys = []
    for entry in body.get("TransactItems") or []:
        op_type, op = next(iter(entry.items()))
        if op_type == "ConditionCheck" or target == "TransactGetItems":
            key = _item_key(region, op.get("TableName"), key=op.get("Key"))
        elif op_type == "Put":
            key = _item_key(region, op.get("TableName"), item=op.get("Item"))
        else:
            key = _item_key(region, op.get("TableName"), key=op.get("Key"))
        if key is None:
            return None
        keys.append(key)
    return keys


def _error(start_response, error_type, body):
    payload = json.dumps(dict(body, __type="com.amazonaws.dynamodb.v20120810#" + error_type)).encode()
    start_response("400 Bad Request", [("Content-Type", "application/x-amz-json-1.0"),
                                       ("Content-Length", str(len(payload))),
                                       ("x-amzn-RequestId", "moto-local-conflict")])
    return [payload]


class SerialiseDynamoDB:
    def __init__(self, app, conflicts):
        self.app = app
        self.conflicts = conflicts
        self.reads = {}  # GetItem requests per partition key value: GET /moto-local/reads (flood tests)
        self.reads_lock = threading.Lock()

    def _count_read(self, environ):
        raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(raw)
        try:
            pk = next(iter(json.loads(raw or b"{}").get("Key", {}).values()))
            value = next(iter(pk.values()))
        except (ValueError, StopIteration, AttributeError):
            return
        with self.reads_lock:
            self.reads[str(value)] = self.reads.get(str(value), 0) + 1

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == "/moto-local/reads":
            with self.reads_lock:
                payload = json.dumps(self.reads).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
            return [payload]
        if environ.get("PATH_INFO") == "/moto-local/conflicts":
            payload = json.dumps(dict(self.conflicts.counts, enabled=True) if self.conflicts
                                 else {"enabled": False}).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
            return [payload]
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if not target.startswith("DynamoDB_"):
            return self.app(environ, start_response)
        if target.endswith(".GetItem"):
            self._count_read(environ)
        claimed = []
        if self.conflicts is not None:
            operation = target.split(".", 1)[-1]
            if operation in ("TransactWriteItems", "TransactGetItems", "PutItem", "UpdateItem", "DeleteItem"):
                raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
                environ["wsgi.input"] = io.BytesIO(raw)
                match = _REGION.search(environ.get("HTTP_AUTHORIZATION", ""))
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = None
                if match and isinstance(body, dict):
                    region = match.group(1)
                    if operation.startswith("Transact"):
                        keys = _transaction_keys(region, operation, body) or []
                        busy = self.conflicts.claim(keys)
                        if busy:
                            reasons = [{"Code": "TransactionConflict", "Message": "Transaction is ongoing for the item"}
                                       if i in busy else {"Code": "None"} for i in range(len(keys))]
                            codes = ", ".join(r["Code"] for r in reasons)
                            return _error(start_response, "TransactionCanceledException", {
                                "Message": "Transaction cancelled, please refer cancellation reasons for specific"
                                           " reasons [" + codes + "]",
                                "CancellationReasons": reasons})
                        claimed = keys
                    else:
                        key = _item_key(region, body.get("TableName"), key=body.get("Key"), item=body.get("Item"))
                        if key is not None and self.conflicts.refuses_write(key):
                            return _error(start_response, "TransactionConflictException", {
                                "message": "Transaction is ongoing for the item"})
        try:
            with _dynamodb:
                # Materialise the response inside the lock: the write happens while it is built.
                return list(self.app(environ, start_response))
        finally:
            if claimed:
                self.conflicts.release(claimed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    parser.add_argument("--no-transaction-conflicts", action="store_true",
                        help="run transactions one after another without ever reporting a conflict")
    args = parser.parse_args()
    conflicts_off = args.no_transaction_conflicts or os.environ.get("MOTO_TRANSACTION_CONFLICTS", "on") == "off"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, SerialiseDynamoDB(app, None if conflicts_off else TransactionConflicts()),
               threaded=True)


if __name__ == "__main__":
    main()
