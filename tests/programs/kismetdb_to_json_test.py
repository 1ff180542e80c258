#!/usr/bin/env python3
"""kismetdb to-json, run as a user would: a log's devices as JSON, whole or simplified by --fields, compared with the
log's own rows and with kismet-dissect --devices over the same captures; and every bad input."""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import unittest

from dissect_program import log_of, main, run, shared, work_path

_dissect = None

LINKSYS = "aircrack-ng__wpa2-psk-linksys.cap"
TEST1 = "aircrack-ng__test1.pcap"  # radiotap: the devices have signal records

# Fields whose values depend only on the packets (no wall clock, no source UUIDs), in every shape a spec takes:
# plain names, paths into records, aliases, '#' counts, a whole nested record, a missing and an unknown field, and
# a field only alerts have (registered in kismetd's catalog, so it comes back under its own name).
COMPARABLE_FIELDS = json.dumps([
    "kismet.device.base.macaddr", "kismet.device.base.key", "kismet.device.base.type",
    "kismet.device.base.commonname", "kismet.device.base.channel", "kismet.device.base.frequency",
    "kismet.device.base.first_time", "kismet.device.base.crypt", "kismet.device.base.packets.total",
    ["kismet.device.base.signal/kismet.common.signal.last_signal", "last.signal"],
    "kismet.device.base.freq_khz_map", "dot11.device/#dot11.device.client_map",
    "#kismet.device.base.seenby", "dot11.device/dot11.device.last_beaconed_ssid_record/dot11.advertisedssid.ssid",
    "kismet.device.base.username", "kismet.device.base.nonsense", "kismet.alert.header",
])


def dissect(*args):
    result = subprocess.run([_dissect, *args], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return result.stdout


def logged_devices(log):
    """The devices table's (devmac, device) rows, in the order they were logged."""
    with sqlite3.connect(f"file:{log}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT devmac, device FROM devices ORDER BY rowid").fetchall()
    return [(devmac, bytes(device).decode()) for devmac, device in rows]  # the device column is a BLOB


def set_device_json(log, devmac, text):
    with sqlite3.connect(log) as db:
        db.execute("UPDATE devices SET device = ? WHERE devmac = ?", (text.encode(), devmac))


def to_json(*args, status=0):
    result = run("to-json", *args)
    if result.returncode != status:
        raise AssertionError(f"exit {result.returncode}, expected {status}: {result.stderr}")
    return result


def array_records(stdout):
    """The records of to-json's array, as text: Kismet's framing is "[\\n", ",\\n" between records, "]\\n"."""
    if not (stdout.startswith("[\n") and stdout.endswith("]\n")):
        raise AssertionError(f"not framed as kismetdb_dump_devices frames its array: {stdout[:40]!r}")
    body = stdout[2:-2]
    json.loads(stdout)  # one JSON document
    return [] if body == "" else body.split(",\n")  # a compact record holds no line break


def kismet_sample(*parts):
    """A file of Kismet's own answers (../shared/reference/kismet-samples); the test is skipped when it is absent."""
    path = os.path.join(os.path.dirname(shared(LINKSYS)), "..", "reference", "kismet-samples", *parts)
    if not os.path.exists(path):
        raise unittest.SkipTest(f"{path} is absent")
    return path


def key_paths(value, path=""):
    """Every key of a JSON value, with the keys above it (list items share their list's path)."""
    if isinstance(value, dict):
        return {p for key, item in value.items() for p in {f"{path}/{key}"} | key_paths(item, f"{path}/{key}")}
    if isinstance(value, list):
        return {p for item in value for p in key_paths(item, path + "[]")}
    return set()


def underscored_keys(value):
    """Kismet's kismetdb_dump_devices --ekjson rule: every key's dots become underscores."""
    if isinstance(value, dict):
        return {key.replace(".", "_"): underscored_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [underscored_keys(item) for item in value]
    return value


class KismetdbToJson(unittest.TestCase):
    def test_help_and_usage(self):
        help_text = run("--help").stdout
        self.assertIn("kismetdb to-json [--fields SPEC] [--ekjson] [--since SEC] [--until SEC] [--device MAC] LOG",
                      help_text)
        for args, reason in ((["to-json"], "needs a LOG"), (["to-json", "a.kismet", "b.kismet"], "takes one LOG"),
                             (["to-json", "a.kismet", "--fields"], "'--fields'"),
                             (["to-json", "--pretty", "a.kismet"], "'--pretty'")):
            with self.subTest(args=args):
                result = run(*args)
                self.assertEqual(result.returncode, 2)
                self.assertIn(reason, result.stderr)
                self.assertIn("usage:", result.stderr)
                self.assertEqual(result.stdout, "")

    def test_whole_records_are_the_logged_json_byte_for_byte(self):
        log = log_of("whole.kismet", shared(LINKSYS))
        rows = logged_devices(log)
        self.assertEqual(len(rows), 3)
        stdout = to_json(log).stdout
        self.assertEqual(stdout, "[\n" + ",\n".join(device for _, device in rows) + "]\n")
        self.assertEqual([record["kismet.device.base.macaddr"] for record in json.loads(stdout)],
                         [devmac for devmac, _ in rows])
        # An empty --fields list means the whole record, as in Kismet.
        self.assertEqual(to_json("--fields", "[]", log).stdout, stdout)

    def test_an_empty_log_is_an_empty_array(self):
        log = log_of("empty.kismet", shared(LINKSYS))
        with sqlite3.connect(log) as db:
            db.execute("DELETE FROM devices")
        self.assertEqual(to_json(log).stdout, "[\n]\n")
        self.assertEqual(to_json("--ekjson", log).stdout, "")

    def test_fields_give_what_kismet_dissect_gives_for_the_same_captures(self):
        captures = (shared(LINKSYS), shared(TEST1))
        log = log_of("fields.kismet", *captures)
        ours = array_records(to_json("--fields", COMPARABLE_FIELDS, log).stdout)
        theirs = dissect("--devices", "--fields", COMPARABLE_FIELDS, *captures).splitlines()
        self.assertEqual(len(ours), 19)
        # Text for text: the same keys, order, values and layout; the log keeps the devices in another order.
        self.assertEqual(sorted(ours), sorted(theirs))
        # The unknown field, the missing one and the alias come out as Kismet writes them.
        record = json.loads(ours[0])
        self.assertEqual(record["field.unknown.not.registered"], 0)
        self.assertEqual(record["kismet.device.base.username"], 0)
        self.assertEqual(record["kismet.alert.header"], 0)
        self.assertIn("last.signal", record)
        self.assertTrue(any(json.loads(r)["last.signal"] < 0 for r in ours))

    def test_ekjson_is_one_record_per_line_with_underscored_names(self):
        log = log_of("ekjson.kismet", shared(LINKSYS), shared(TEST1))
        simplified = [json.loads(r) for r in array_records(to_json("--fields", COMPARABLE_FIELDS, log).stdout)]
        stdout = to_json("--ekjson", "--fields", COMPARABLE_FIELDS, log).stdout
        self.assertTrue(stdout.endswith("}\n"))
        lines = [json.loads(line) for line in stdout.splitlines()]
        # The requested values are scalars or maps keyed by frequency, whose keys have no dots.
        self.assertEqual(lines, [underscored_keys(record) for record in simplified])
        self.assertIn("last_signal", lines[0])
        # Whole records: what Kismet's kismetdb_dump_devices --ekjson writes for them (no map key of these
        # devices has a dot, so its every-key rule and our field-names-only rule agree).
        whole = [json.loads(line) for line in to_json("--ekjson", log).stdout.splitlines()]
        self.assertEqual(whole, [underscored_keys(json.loads(device)) for _, device in logged_devices(log)])

    def test_kismets_own_log_prints_as_logged_and_its_ekjson_has_kismets_ekjson_keys(self):
        log = work_path("kismet-wpa2-psk-linksys.kismet")
        shutil.copy(kismet_sample("wpa2-psk-linksys", "wpa2-psk-linksys.kismet"), log)
        rows = logged_devices(log)
        self.assertEqual(to_json(log).stdout, "[\n" + ",\n".join(device for _, device in rows) + "]\n")
        # Kismet's REST ekjson of the same capture (another run, so other times): the same keys at every level,
        # map keys (MACs, frequencies, hashes) as they are and field names underscored.
        ours = [json.loads(line) for line in to_json("--ekjson", log).stdout.splitlines()]
        with open(kismet_sample("wpa2-psk-linksys", "devices_all_devices.ekjson")) as sample:
            theirs = [json.loads(line) for line in sample]
        by_mac = {record["kismet_device_base_macaddr"]: key_paths(record) for record in theirs}
        self.assertEqual(len(ours), 3)
        for record in ours:
            with self.subTest(mac=record["kismet_device_base_macaddr"]):
                self.assertEqual(key_paths(record), by_mac[record["kismet_device_base_macaddr"]])

    def test_ekjson_keeps_map_keys_and_the_source_numbers(self):
        log = log_of("keys.kismet", shared(LINKSYS))
        devmac, device = logged_devices(log)[0]
        # Tags a user gave the device (a map keyed by strings with dots), and a frequency with more digits than
        # Kismet's %f: both must come out exactly as logged.
        edited = device.replace("{", '{"kismet.device.base.tags": {"site.name": "lab.1"},', 1)
        edited, replaced = re.subn(r'"kismet\.device\.base\.frequency": [^,}]+',
                                   '"kismet.device.base.frequency": 2437000.12345678901234', edited)
        self.assertEqual(replaced, 1)
        set_device_json(log, devmac, edited)
        line = to_json("--ekjson", log).stdout.splitlines()[0]
        self.assertIn('"kismet_device_base_tags": {"site.name": "lab.1"}', line)
        self.assertIn('"kismet_device_base_frequency": 2437000.12345678901234,', line)
        self.assertIn('"dot11_device": {"dot11_device_typeset": ', line)
        fields = '["kismet.device.base.frequency", ["kismet.device.base.tags", "tags"]]'
        self.assertEqual(array_records(to_json("--fields", fields, log).stdout)[0],
                         '{"kismet.device.base.frequency": 2437000.12345678901234,"tags": {"site.name": "lab.1"}}')

    def test_since_until_and_device_choose_the_devices_by_their_columns(self):
        log = log_of("filtered.kismet", shared(LINKSYS))
        macs = [devmac for devmac, _ in logged_devices(log)]
        self.assertEqual(len(macs), 3)
        # Seen over 100-200, 150-300 and 400-500 (the filters read the columns, not the records).
        with sqlite3.connect(log) as db:
            for devmac, (first, last) in zip(macs, ((100, 200), (150, 300), (400, 500))):
                db.execute("UPDATE devices SET first_time = ?, last_time = ? WHERE devmac = ?", (first, last, devmac))

        def chosen(*args):
            stdout = to_json("--ekjson", "--fields", '["kismet.device.base.macaddr"]', *args, log).stdout
            return [json.loads(line)["kismet_device_base_macaddr"] for line in stdout.splitlines()]

        self.assertEqual(chosen(), macs)
        self.assertEqual(chosen("--since", "250"), macs[1:])  # last seen at or after 250
        self.assertEqual(chosen("--since", "300"), macs[1:])
        self.assertEqual(chosen("--until", "120"), macs[:1])  # first seen at or before 120
        self.assertEqual(chosen("--until", "150"), macs[:2])
        self.assertEqual(chosen("--since", "210", "--until", "390"), macs[1:2])
        self.assertEqual(chosen("--since", "501"), [])
        self.assertEqual(chosen("--device", macs[2].lower()), macs[2:])
        self.assertEqual(chosen("--device", macs[2], "--until", "390"), [])
        self.assertEqual(to_json("--device", "00:00:00:00:00:01", log).stdout, "[\n]\n")
        for args, reason in ((["--since", "-5"], "--since takes Unix seconds, not '-5'"),
                             (["--until", "soon"], "--until takes Unix seconds"),
                             (["--device", "zz"], "--device takes a MAC address")):
            with self.subTest(args=args):
                result = to_json(*args, log, status=2)
                self.assertIn(reason, result.stderr)
                self.assertEqual(result.stdout, "")

    def test_a_bad_field_specification_gives_kismets_error_and_exit_2(self):
        log = log_of("bad-fields.kismet", shared(LINKSYS))
        for spec, reason in (("[5]", "Invalid field mapping, expected field or [field,rename]"),
                             ('[["a", "b", "c"]]', "Invalid field mapping, expected [field, name]"),
                             ("[", "Invalid field specification")):
            with self.subTest(spec=spec):
                result = to_json("--fields", spec, log, status=2)
                self.assertIn(reason, result.stderr)
                self.assertEqual(result.stdout, "")
        # The specification is checked before the log is opened.
        self.assertEqual(to_json("--fields", "[5]", work_path("missing.kismet"), status=2).stdout, "")

    def test_a_log_that_cannot_be_read_gives_the_readers_reason_and_exit_1(self):
        not_a_log = work_path("capture.kismet")
        with open(shared(LINKSYS), "rb") as capture, open(not_a_log, "wb") as copy:
            copy.write(capture.read())
        plain = work_path("plain.sqlite")
        with sqlite3.connect(plain) as db:
            db.execute("CREATE TABLE t (x)")
        for path, reason in ((work_path("missing.kismet"), "no such file"), (not_a_log, "file is not a database"),
                             (plain, "not a kismetdb log")):
            with self.subTest(reason=reason):
                result = to_json(path, status=1)
                self.assertIn(reason, result.stderr)
                self.assertEqual(result.stdout, "")

    def test_a_device_whose_json_does_not_parse_is_named_and_skipped(self):
        log = log_of("broken.kismet", shared(LINKSYS))
        rows = logged_devices(log)
        broken_mac = rows[1][0]
        set_device_json(log, broken_mac, rows[1][1][:200])
        good = [device for devmac, device in rows if devmac != broken_mac]
        for args in ([], ["--ekjson"], ["--fields", '["kismet.device.base.macaddr"]']):
            with self.subTest(args=args):
                result = to_json(*args, log, status=1)
                self.assertIn(f"device {broken_mac} (IEEE802.11)", result.stderr)
                self.assertIn("skipped", result.stderr)
                if args == []:
                    self.assertEqual(result.stdout, "[\n" + ",\n".join(good) + "]\n")
                elif args == ["--ekjson"]:
                    self.assertEqual(len(result.stdout.splitlines()), 2)
                else:
                    self.assertEqual([json.loads(r) for r in array_records(result.stdout)],
                                     [{"kismet.device.base.macaddr": json.loads(d)["kismet.device.base.macaddr"]}
                                      for d in good])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--kismet-dissect", required=True)
    known, rest = parser.parse_known_args()
    _dissect = known.kismet_dissect
    sys.argv = [sys.argv[0], *rest]
    main()
