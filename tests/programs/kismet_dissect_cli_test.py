#!/usr/bin/env python3
"""kismet-dissect's command line: output formats, exit codes and error messages, run as a user would."""
import json
import unittest

from dissect_program import main, run, shared, work_path


class KismetDissectCommandLine(unittest.TestCase):
    def test_prints_one_json_object_per_packet_with_the_documented_keys(self):
        result = run(shared("aircrack-ng__wpa2-psk-linksys.cap"))
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 499)
        packets = [json.loads(line) for line in lines]
        beacon = next(p for p in packets if p.get("type_name") == "beacon")
        for key in ("ts_sec", "ts_usec", "dlt", "packet_len", "type", "subtype", "sourcemac", "destmac",
                    "transmac", "bssid", "ssid", "crypt"):
            self.assertIn(key, beacon)
        self.assertEqual(beacon["ssid"], "linksys")
        self.assertEqual(beacon["crypt"], "WPA2 WPA2-PSK AES-CCMP")  # as Kismet prints it
        self.assertEqual(beacon["dlt"], 105)
        self.assertTrue(any("eapol_msg" in p for p in packets))

    def test_summary_counts_frames_by_type_per_file(self):
        result = run("--format", "summary", shared("aircrack-ng__wpa2-psk-linksys.cap"),
                     shared("tcpdump__reason_code-7.pcap"))
        self.assertEqual(result.returncode, 0, result.stderr)
        first, second = (json.loads(line) for line in result.stdout.splitlines())
        self.assertEqual(first["packets"], 499)
        self.assertEqual(sum(first["types"].values()) + first["non_dot11"], 499)
        self.assertEqual(second["types"], {"deauthentication": 1})

    def test_truncated_file_prints_every_good_packet_then_fails_with_the_offset(self):
        source = shared("aircrack-ng__wpa2-psk-linksys.cap")
        truncated = work_path("truncated.cap")
        with open(source, "rb") as full, open(truncated, "wb") as cut:
            cut.write(full.read(10_000))
        result = run(truncated)
        self.assertEqual(result.returncode, 1)
        self.assertIn("truncated.cap", result.stderr)
        self.assertIn("offset", result.stderr)
        self.assertGreater(len(result.stdout.splitlines()), 10)

    def test_devices_prints_every_device_record_with_kismet_names(self):
        result = run("--devices", shared("aircrack-ng__wpa2-psk-linksys.cap"))
        self.assertEqual(result.returncode, 0, result.stderr)
        devices = [json.loads(line) for line in result.stdout.splitlines()]
        self.assertEqual(sorted(d["kismet.device.base.key"] for d in devices),
                         ["4202770D00000000_1E4E3660F00", "4202770D00000000_85A4C2860B00",
                          "4202770D00000000_EF9855CE1300"])
        ap = next(d for d in devices if d["kismet.device.base.macaddr"] == "00:0B:86:C2:A4:85")
        self.assertEqual(ap["kismet.device.base.name"], "linksys")
        self.assertEqual(ap["kismet.device.base.packets.total"], 106)  # as Kismet counted it
        ssid = ap["dot11.device"]["dot11.device.advertised_ssid_map"][0]
        self.assertEqual(ssid["dot11.advertisedssid.ietag_checksum"], 2973545566)

    def test_devices_of_several_files_are_seen_by_each_file_as_its_own_source(self):
        first, second = shared("aircrack-ng__wpa2-psk-linksys.cap"), shared("aircrack-ng__n-02.cap")
        result = run("--devices", "--fields", '["kismet.device.base.macaddr", "kismet.device.base.seenby"]',
                     first, second)
        self.assertEqual(result.returncode, 0, result.stderr)
        uuids = {}
        for line in result.stdout.splitlines():
            device = json.loads(line)
            seen = device["kismet.device.base.seenby"]
            self.assertEqual(len(seen), 1, device)
            uuids.setdefault(seen[0]["kismet.common.seenby.uuid"], []).append(device["kismet.device.base.macaddr"])
        self.assertEqual(len(uuids), 2)  # one source per file, each named by its own UUID

    def test_devices_with_a_field_spec_and_a_regex_prints_simplified_matches(self):
        result = run("--devices", "--fields", '["kismet.device.base.macaddr", ["kismet.device.base.name", "n"]]',
                     "--regex", '[["kismet.device.base.type", "^Wi-Fi AP$"]]',
                     shared("aircrack-ng__wpa2-psk-linksys.cap"), shared("aircrack-ng__wpa-psk-linksys.cap"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual([json.loads(line) for line in result.stdout.splitlines()],
                         [{"kismet.device.base.macaddr": "00:0B:86:C2:A4:85", "n": "linksys"}])

    def test_devices_with_a_bad_regex_or_spec_exits_2_with_kismets_message(self):
        capture = shared("aircrack-ng__wpa2-psk-linksys.cap")
        bad_regex = run("--devices", "--regex", '[["kismet.device.base.name", "(("]]', capture)
        self.assertEqual(bad_regex.returncode, 2)
        self.assertIn("Invalid regex", bad_regex.stderr)
        bad_spec = run("--devices", "--fields", "[42]", capture)
        self.assertEqual(bad_spec.returncode, 2)
        self.assertIn("Invalid field mapping", bad_spec.stderr)
        self.assertEqual(run("--fields", "[]", capture).returncode, 2)

    def test_missing_file_is_a_clear_error(self):
        result = run(work_path("does-not-exist.pcap"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("does-not-exist.pcap", result.stderr)
        self.assertEqual(result.stdout, "")

    def test_file_that_is_not_a_capture_is_a_clear_error(self):
        text = work_path("notes.txt")
        with open(text, "w") as f:
            f.write("this is not a capture file\n" * 10)
        result = run(text)
        self.assertEqual(result.returncode, 1)
        self.assertIn("notes.txt", result.stderr)

    def test_bad_usage_exits_2_with_usage(self):
        for args in ([], ["--format", "xml", "x.pcap"], ["--frobnicate", "x.pcap"]):
            result = run(*args)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn("usage:", result.stderr)


if __name__ == "__main__":
    main()
