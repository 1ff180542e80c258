#!/usr/bin/env python3
"""kismetdb's command line: from-capture's logs, exit codes and error messages, run as a user would."""
import os
import sqlite3
import unittest

from dissect_program import main, run, shared, work_path


def query(path, sql):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute(sql).fetchall()


class KismetdbCommandLine(unittest.TestCase):
    def test_help_names_every_option(self):
        result = run("--help")
        self.assertEqual(result.returncode, 0)
        for word in ("from-capture", "-o LOG", "--db-version"):
            self.assertIn(word, result.stdout)

    def test_bad_usage_exits_2_with_the_reason(self):
        for args, reason in ((["frobnicate"], "unknown command"), (["from-capture", "x.pcap"], "needs -o LOG"),
                             (["from-capture", "-o", work_path("a.kismet")], "at least one CAPTURE"),
                             (["from-capture", "--db-version", "7", "-o", work_path("b.kismet"), "x.pcap"],
                              "must be 8 or 9"),
                             (["from-capture", "--bogus", "-o", work_path("c.kismet"), "x.pcap"], "'--bogus'")):
            with self.subTest(args=args):
                result = run(*args)
                self.assertEqual(result.returncode, 2)
                self.assertIn(reason, result.stderr)
                self.assertIn("usage:", result.stderr)
        self.assertEqual(run().returncode, 2)

    def test_from_capture_writes_a_kismetdb_log_of_the_capture(self):
        log = work_path("linksys.kismet")
        result = run("from-capture", "-o", log, shared("aircrack-ng__wpa2-psk-linksys.cap"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(query(log, "SELECT db_version, db_module FROM KISMET"), [(9, "kismetlog")])
        self.assertEqual(query(log, "SELECT count(*) FROM packets"), [(499,)])
        self.assertEqual(query(log, "SELECT count(*) FROM devices"), [(3,)])
        self.assertEqual(query(log, "SELECT typestring FROM datasources"), [("pcapfile",)])
        self.assertEqual(query(log, "SELECT snaptype FROM snapshots"), [("SYSTEM",)])
        self.assertEqual(query(log, "PRAGMA integrity_check"), [("ok",)])
        self.assertFalse(os.path.exists(log + "-wal"))

    def test_db_version_8_leaves_out_packet_full_len(self):
        log = work_path("v8.kismet")
        result = run("from-capture", "--db-version", "8", "-o", log, shared("aircrack-ng__wpa2-psk-linksys.cap"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(query(log, "SELECT db_version FROM KISMET"), [(8,)])
        columns = [row[1] for row in query(log, "PRAGMA table_info(packets)")]
        self.assertEqual(columns[-1], "packetid")
        self.assertNotIn("packet_full_len", columns)

    def test_an_existing_log_is_never_overwritten(self):
        log = work_path("existing.kismet")
        with open(log, "wb") as existing:
            existing.write(b"not yours")
        result = run("from-capture", "-o", log, shared("aircrack-ng__wpa2-psk-linksys.cap"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("already exists", result.stderr)
        with open(log, "rb") as existing:
            self.assertEqual(existing.read(), b"not yours")

    def test_a_damaged_capture_logs_its_good_packets_and_exits_1(self):
        source = shared("aircrack-ng__wpa2-psk-linksys.cap")
        truncated = work_path("truncated.cap")
        with open(source, "rb") as full, open(truncated, "wb") as cut:
            cut.write(full.read(10_000))
        log = work_path("truncated.kismet")
        result = run("from-capture", "-o", log, truncated, work_path("missing.pcap"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("truncated.cap", result.stderr)
        self.assertIn("missing.pcap", result.stderr)
        packets = query(log, "SELECT count(*) FROM packets")[0][0]
        self.assertGreater(packets, 10)
        self.assertEqual(query(log, "PRAGMA integrity_check"), [("ok",)])


if __name__ == "__main__":
    main()
