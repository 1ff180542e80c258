#!/usr/bin/env python3
"""kismet-dissect's command line: output formats, exit codes and error messages, run as a user would."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import unittest

ARGS = None


def run(*args):
    return subprocess.run([ARGS.dissect, *args], capture_output=True, text=True, timeout=120)


def shared(name):
    path = os.path.join(ARGS.captures, name)
    if not os.path.exists(path):
        raise unittest.SkipTest(f"{path} is absent")
    return path


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
        os.makedirs(ARGS.work, exist_ok=True)
        truncated = os.path.join(ARGS.work, "truncated.cap")
        with open(source, "rb") as full, open(truncated, "wb") as cut:
            cut.write(full.read(10_000))
        result = run(truncated)
        self.assertEqual(result.returncode, 1)
        self.assertIn("truncated.cap", result.stderr)
        self.assertIn("offset", result.stderr)
        self.assertGreater(len(result.stdout.splitlines()), 10)

    def test_missing_file_is_a_clear_error(self):
        result = run(os.path.join(ARGS.work, "does-not-exist.pcap"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("does-not-exist.pcap", result.stderr)
        self.assertEqual(result.stdout, "")

    def test_file_that_is_not_a_capture_is_a_clear_error(self):
        os.makedirs(ARGS.work, exist_ok=True)
        text = os.path.join(ARGS.work, "notes.txt")
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


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--dissect", required=True)
    parser.add_argument("--captures", required=True)
    parser.add_argument("--work", required=True)
    ARGS, rest = parser.parse_known_args()
    shutil.rmtree(ARGS.work, ignore_errors=True)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
