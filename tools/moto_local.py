"""moto server for the local cloud, with DynamoDB requests serialised.

moto 5.2.1 runs TransactWriteItems without a lock and rolls a failed transaction back by
restoring a copy of each table taken when the transaction began, which undoes writes other
requests committed meanwhile. Under concurrent orders that loses stock reservations (an order is
confirmed while its reservation vanishes): behaviour DynamoDB never shows. Serialising the
DynamoDB API (one request at a time; everything else, such as SQS long polls, stays concurrent)
gives back DynamoDB's guarantees: every request, transactions included, is atomic and isolated.

Usage: python tools/moto_local.py -H 127.0.0.1 -p PORT
"""
import argparse
import signal
import sys
import threading

from werkzeug.serving import run_simple

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

_dynamodb = threading.Lock()


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
