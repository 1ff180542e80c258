#!/usr/bin/env python3
"""kill -9 while a kismetdb log is being written, at random moments: each time the file opens, passes
integrity_check, and holds every row committed before the kill, in order from the first."""
import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import unittest

_args = None


class KismetdbCrash(unittest.TestCase):
    def test_a_killed_writer_leaves_every_committed_batch(self):
        rng = random.Random(_args.seed)
        os.makedirs(_args.work, exist_ok=True)
        for attempt in range(_args.attempts):
            with self.subTest(attempt=attempt):
                path = os.path.join(_args.work, f"crash-{attempt}.kismet")
                for suffix in ("", "-wal", "-shm", "-journal"):
                    if os.path.exists(path + suffix):
                        os.remove(path + suffix)
                writer = subprocess.Popen([_args.writer, path, "100000000"], stdout=subprocess.PIPE, text=True)
                lines = []
                reader = threading.Thread(target=lambda: lines.extend(writer.stdout))
                reader.start()
                time.sleep(rng.uniform(0.0, 0.6))
                writer.send_signal(signal.SIGKILL)
                writer.wait()
                reader.join()
                writer.stdout.close()
                # What the writer saw committed before the kill (it prints after each flush returns).
                committed = max((int(line.split()[1]) for line in lines if line.startswith("committed ")), default=0)
                if not os.path.exists(path):
                    continue  # killed before it created the file
                with sqlite3.connect(path) as db:
                    self.assertEqual(db.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
                    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
                    if "packets" not in tables:
                        self.assertEqual(tables, set())  # the schema is one transaction: all or nothing
                        self.assertEqual(committed, 0)
                        continue
                    count, low, high = db.execute("SELECT count(*), min(ts_sec), max(ts_sec) FROM packets").fetchone()
                    self.assertGreaterEqual(count, committed)
                    if count:
                        # Rows arrive in order and batches whole: 1..count, nothing missing in between.
                        self.assertEqual((low, high), (1, count))
                    self.assertEqual(db.execute("SELECT count(*) FROM packets WHERE length(packet) != 1024")
                                     .fetchone()[0], 0)
                print(f"attempt {attempt}: {committed} rows reported committed, {count} in the file", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--writer", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--attempts", type=int, default=12)
    parser.add_argument("--seed", type=int, default=None)
    _args, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
