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

Usage: python tools/moto_local.py -H 127.0.0.1 -p PORT
"""
import argparse
import copy
import signal
import sys
import threading

from werkzeug.serving import run_simple

from moto.dynamodb.models import DynamoDBBackend
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


class SerialiseDynamoDB:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
            with _dynamodb:
                # Materialise the response inside the lock: the write happens while it is built.
                return list(self.app(environ, start_response))
        return self.app(environ, start_response)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, SerialiseDynamoDB(app), threaded=True)


if __name__ == "__main__":
    main()
