#!/usr/bin/env python3
"""kismetdb's command line: from-capture's logs, exit codes and error messages, run as a user would."""
import json
import os
import shutil
import sqlite3
import subprocess
import unittest

from dissect_program import log_of, main, run, shared, work_path


def tshark(capture, *fields, hex_dump=False):
    """What tshark reads in a capture: the fields of each frame, or its hex dump."""
    if shutil.which("tshark") is None:
        raise unittest.SkipTest("tshark is not installed")
    args = ["tshark", "-r", capture] + (["-x"] if hex_dump else ["-T", "fields"] + [a for f in fields for a in ("-e", f)])
    result = subprocess.run(args, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return result.stdout


def query(path, sql):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute(sql).fetchall()


class KismetdbCommandLine(unittest.TestCase):
    def test_help_names_every_option(self):
        result = run("--help")
        self.assertEqual(result.returncode, 0)
        for word in ("from-capture", "-o LOG", "--db-version", "--log-prefix", "--rotate-mb", "--rotate-seconds",
                     "to-pcapng", "to-pcap", "to-json", "statistics", "strip-packets", "to-geojson"):
            self.assertIn(word, result.stdout)
        # Each command takes --help too, wherever it stands.
        for command in ("from-capture", "to-pcapng", "to-pcap", "to-json", "statistics", "strip-packets",
                        "to-geojson"):
            with self.subTest(command=command):
                for args in ((command, "--help"), (command, "x.kismet", "-h")):
                    result = run(*args)
                    self.assertEqual(result.returncode, 0, result.stderr)
                    self.assertEqual(result.stdout, run("--help").stdout)

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
        for args, reason in ((["to-pcapng", "x.kismet"], "needs -o CAPTURE"), (["to-pcap", "-o", "x.pcap"], "needs a LOG"),
                             (["to-pcapng", "a.kismet", "b.kismet", "-o", "x"], "takes one LOG"),
                             (["statistics"], "one LOG"), (["statistics", "--yaml", "x.kismet"], "one LOG"),
                             (["strip-packets", "x.kismet"], "needs -o"), (["to-geojson"], "one LOG")):
            with self.subTest(args=args):
                result = run(*args)
                self.assertEqual(result.returncode, 2)
                self.assertIn(reason, result.stderr)

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

    def test_a_log_named_by_kismets_template_goes_to_the_prefix_and_says_where(self):
        prefix = work_path("named")
        shutil.rmtree(prefix, ignore_errors=True)
        os.makedirs(prefix)
        capture = shared("aircrack-ng__wpa2-psk-linksys.cap")
        result = run("from-capture", "--log-prefix", prefix, "--log-title", "Site", capture)
        self.assertEqual(result.returncode, 0, result.stderr)
        (printed,) = result.stdout.splitlines()
        self.assertRegex(os.path.basename(printed), r"^Site-\d{8}-\d\d-\d\d-\d\d-1\.kismet$")
        self.assertEqual(os.listdir(prefix), [os.path.basename(printed)])
        self.assertEqual(query(printed, "SELECT count(*) FROM packets"), [(499,)])
        # The increment counts up where the name is taken; %I pads it.
        result = run("from-capture", "--log-prefix", prefix, "--log-template", "%p/fixed-%I.%l", capture)
        self.assertEqual(result.stdout, os.path.join(prefix, "fixed-00001.kismet") + "\n")
        result = run("from-capture", "--log-prefix", prefix, "--log-template", "%p/fixed-%I.%l", capture)
        self.assertEqual(result.stdout, os.path.join(prefix, "fixed-00002.kismet") + "\n")
        result = run("from-capture", "--log-prefix", prefix, "--log-template", "%p/%S.%l", capture)
        self.assertEqual(result.returncode, 1)
        self.assertIn("unknown code '%S'", result.stderr)
        # An option's value is never taken for --help: a log titled -h is written.
        result = run("from-capture", "--log-prefix", prefix, "--log-title", "-h", "--log-template", "%p/%n.%l", capture)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, os.path.join(prefix, "-h.kismet") + "\n")
        self.assertEqual(query(os.path.join(prefix, "-h.kismet"), "SELECT count(*) FROM packets"), [(499,)])

    def test_rotate_mb_splits_the_log_into_files_of_about_that_size_losing_nothing(self):
        prefix = work_path("rotated")
        shutil.rmtree(prefix, ignore_errors=True)
        os.makedirs(prefix)
        capture = shared("aircrack-ng__pmkid-not-recognized.cap")  # truncated at its end: exit 1, every good packet
        whole = work_path("unrotated.kismet")
        if os.path.exists(whole):
            os.remove(whole)
        run("from-capture", "-o", whole, capture)
        result = run("from-capture", "--log-prefix", prefix, "--rotate-mb", "1", capture)
        self.assertEqual(result.returncode, 1)
        self.assertIn("truncated record", result.stderr)
        files = result.stdout.splitlines()
        self.assertGreater(len(files), 5)
        self.assertEqual(sorted(os.path.join(prefix, name) for name in os.listdir(prefix)), sorted(files))
        packets = []
        for path in files:
            self.assertEqual(query(path, "PRAGMA integrity_check"), [("ok",)])
            self.assertLess(os.path.getsize(path), 1.5 * 1024 * 1024)
            self.assertEqual(query(path, "SELECT count(*) FROM snapshots WHERE snaptype = 'SYSTEM'"), [(1,)])
            packets += query(path, "SELECT ts_sec, ts_usec, hex(packet), packetid FROM packets")
        self.assertEqual(sorted(packets), sorted(query(whole, "SELECT ts_sec, ts_usec, hex(packet), packetid FROM packets")))

    def test_naming_and_rotation_options_are_checked(self):
        capture = shared("aircrack-ng__wpa2-psk-linksys.cap")
        for args, reason in ((["--rotate-mb", "1", "-o", work_path("r.kismet")], "need a log named"),
                             (["--log-prefix", work_path(""), "-o", work_path("r.kismet")], "not both"),
                             (["--log-prefix", work_path(""), "--rotate-mb", "0"], "above 0"),
                             (["--log-prefix", work_path(""), "--rotate-seconds", "soon"], "above 0")):
            with self.subTest(args=args):
                result = run("from-capture", *args, capture)
                self.assertEqual(result.returncode, 2)
                self.assertIn(reason, result.stderr)

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


    def test_capture_to_log_to_pcapng_gives_back_the_same_packets_bytes_and_times(self):
        capture = shared("aircrack-ng__wpa2-psk-linksys.cap")
        log = log_of("round-trip.kismet", capture)
        for command, output in (("to-pcapng", work_path("round-trip.pcapng")), ("to-pcap", work_path("round-trip.pcap"))):
            with self.subTest(command=command):
                result = run(command, log, "-o", output)
                self.assertEqual(result.returncode, 0, result.stderr)
                fields = ("frame.time_epoch", "frame.len", "frame.cap_len", "frame.protocols")
                self.assertEqual(tshark(output, *fields), tshark(capture, *fields))
                self.assertEqual(tshark(output, hex_dump=True), tshark(capture, hex_dump=True))

    def test_to_pcapng_keeps_one_interface_per_source_and_link_type_and_to_pcap_refuses_several(self):
        first, second = shared("aircrack-ng__wpa2-psk-linksys.cap"), shared("aircrack-ng__test1.pcap")
        log = log_of("two-sources.kismet", first, second)
        output = work_path("two-sources.pcapng")
        result = run("to-pcapng", log, "-o", output)
        self.assertEqual(result.returncode, 0, result.stderr)
        interfaces = tshark(output, "frame.interface_id", "frame.interface_name").splitlines()
        self.assertEqual(len(set(interfaces)), 2)
        self.assertEqual({line.split("\t")[1] for line in interfaces}, {first, second})
        result = run("to-pcap", log, "-o", work_path("two-sources.pcap"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("link types (105, 127)", result.stderr)
        self.assertIn("use to-pcapng", result.stderr)

    def test_statistics_counts_what_the_log_holds(self):
        capture = shared("aircrack-ng__wpa2-psk-linksys.cap")
        log = log_of("statistics.kismet", capture)
        result = run("statistics", "--json", log)
        self.assertEqual(result.returncode, 0, result.stderr)
        stats = json.loads(result.stdout)
        self.assertEqual(stats["db_version"], 9)
        self.assertEqual(stats["tables"]["packets"], 499)
        self.assertEqual(stats["tables"]["devices"], 3)
        self.assertEqual(stats["link_types"], [105])
        self.assertEqual((stats["first_packet_time"], stats["last_packet_time"]), (1146709178, 1146709188))
        self.assertEqual([(s["interface"], s["packets"]) for s in stats["sources"]], [(capture, 499)])
        self.assertEqual(stats["devices_per_phy"], {"IEEE802.11": 3})
        text = run("statistics", log)
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertIn("packets      499 rows", text.stdout)

    def test_a_file_that_is_no_kismetdb_is_refused_with_the_reason(self):
        not_a_log = work_path("capture-not-log.kismet")
        shutil.copy(shared("aircrack-ng__wpa2-psk-linksys.cap"), not_a_log)
        for command in (["statistics", not_a_log], ["to-pcapng", not_a_log, "-o", work_path("x.pcapng")]):
            with self.subTest(command=command[0]):
                result = run(*command)
                self.assertEqual(result.returncode, 1)
                self.assertIn("not a database", result.stderr)


    def test_strip_packets_keeps_everything_but_the_packets(self):
        log = log_of("full.kismet", shared("aircrack-ng__wpa2-psk-linksys.cap"))
        stripped = work_path("stripped.kismet")
        result = run("strip-packets", log, "-o", stripped)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(query(stripped, "SELECT count(*) FROM packets"), [(0,)])
        for table in ("devices", "datasources", "alerts", "messages", "snapshots", "KISMET"):
            with self.subTest(table=table):
                self.assertEqual(query(stripped, f"SELECT * FROM {table}"), query(log, f"SELECT * FROM {table}"))
        self.assertEqual(query(stripped, "SELECT sql FROM sqlite_schema"), query(log, "SELECT sql FROM sqlite_schema"))
        self.assertLess(os.path.getsize(stripped), os.path.getsize(log))
        again = run("strip-packets", log, "-o", stripped)
        self.assertEqual(again.returncode, 1)
        self.assertIn("already exists", again.stderr)

    def test_to_geojson_places_each_located_device_at_its_average_location(self):
        log = log_of("located.kismet", shared("aircrack-ng__wpa2-psk-linksys.cap"))
        # The shared captures carry no GPS: give one device a location, as a GPS-equipped run would have.
        with sqlite3.connect(log) as db:
            db.execute("UPDATE devices SET avg_lat = 51.5, avg_lon = -0.125, min_lat = 51.4, min_lon = -0.2, "
                       "max_lat = 51.6, max_lon = -0.1 WHERE devmac = '00:0B:86:C2:A4:85'")
        result = run("to-geojson", log)
        self.assertEqual(result.returncode, 0, result.stderr)
        collection = json.loads(result.stdout)
        self.assertEqual(collection["type"], "FeatureCollection")
        self.assertEqual(len(collection["features"]), 1)
        feature = collection["features"][0]
        self.assertEqual(feature["geometry"], {"type": "Point", "coordinates": [-0.125, 51.5]})
        self.assertEqual(feature["properties"]["devmac"], "00:0B:86:C2:A4:85")
        self.assertEqual(feature["properties"]["type"], "Wi-Fi AP")
        self.assertEqual(feature["properties"]["bbox"], [-0.2, 51.4, -0.1, 51.6])


if __name__ == "__main__":
    main()
