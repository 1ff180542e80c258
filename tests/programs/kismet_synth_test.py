#!/usr/bin/env python3
"""kismet-synth: deterministic output, exact packet counts, a realistic frame mix tshark reads without
complaint, and a command line that refuses bad arguments."""
import argparse
import collections
import os
import shutil
import struct
import subprocess
import sys
import unittest

ARGS = None
PCAP_MAGIC_USEC = 0xA1B2C3D4
DLT_IEEE802_11_RADIO = 127


def synth(*args, output=None):
    command = [ARGS.synth, *args]
    if output is not None:
        command += ["-o", output]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def work_file(name):
    os.makedirs(ARGS.work, exist_ok=True)
    return os.path.join(ARGS.work, name)


def generate(name, *args):
    path = work_file(name)
    if not os.path.exists(path):
        result = synth(*args, output=path)
        if result.returncode != 0:
            raise AssertionError(f"kismet-synth {' '.join(args)} failed: {result.stderr}")
    return path


def read_pcap(path):
    """Returns (link type, [(ts_sec, ts_usec, captured length, original length)])."""
    with open(path, "rb") as f:
        data = f.read()
    magic, _major, _minor, _zone, _sigfigs, _snaplen, network = struct.unpack_from("<IHHiIII", data, 0)
    if magic != PCAP_MAGIC_USEC:
        raise AssertionError(f"{path}: not a little-endian microsecond pcap (magic {magic:#x})")
    records, offset = [], 24
    while offset < len(data):
        ts_sec, ts_usec, caplen, origlen = struct.unpack_from("<IIII", data, offset)
        offset += 16 + caplen
        if offset > len(data):
            raise AssertionError(f"{path}: record {len(records) + 1} runs past the end of the file")
        records.append((ts_sec, ts_usec, caplen, origlen))
    return network, records


def tshark(*args):
    if not ARGS.tshark:
        raise unittest.SkipTest("tshark is not installed")
    result = subprocess.run([ARGS.tshark, "-n", *args], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError(f"tshark {' '.join(args)} failed: {result.stderr}")
    return result.stdout.splitlines()


FIELDS = ["wlan.fc.type_subtype", "wlan.ta", "wlan.ra", "wlan.sa", "wlan.da", "wlan.bssid",
          "radiotap.channel.freq", "wlan.fixed.auth.alg", "wlan.ssid"]


def tshark_fields(path):
    """One dict per packet with the FIELDS above (empty strings where a field is absent)."""
    args = ["-r", path, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f"]
    for field in FIELDS:
        args += ["-e", field]
    rows = []
    for line in tshark(*args):
        values = line.split("\t")
        values += [""] * (len(FIELDS) - len(values))
        rows.append(dict(zip(FIELDS, values)))
    return rows


def subtype(row):
    """wlan.fc.type_subtype as a number (tshark prints it in hex or decimal depending on the version)."""
    return int(row["wlan.fc.type_subtype"], 0)


def is_hidden_ssid(text):
    """Empty, or all zero octets (tshark prints an SSID as text, as hex, or as <MISSING> when empty)."""
    return text in ("", "<MISSING>") or set(text) == {"0"} or set(text.replace("\\000", "")) == set()


def is_group(mac):
    return int(mac.split(":")[0], 16) & 1 == 1


BEACON, PROBE_REQUEST, PROBE_RESPONSE = 0x08, 0x04, 0x05
ASSOCIATION_REQUEST, ASSOCIATION_RESPONSE, AUTHENTICATION = 0x00, 0x01, 0x0B
DISASSOCIATION, DEAUTHENTICATION = 0x0A, 0x0C
DATA, NULL, QOS_DATA, QOS_NULL = 0x20, 0x24, 0x28, 0x2C


class KismetSynthOutput(unittest.TestCase):
    def test_same_options_give_the_same_bytes_and_another_seed_changes_them(self):
        first = generate("seed7-a.pcap", "--packets", "3000", "--seed", "7")
        second = generate("seed7-b.pcap", "--packets", "3000", "--seed", "7")
        other = generate("seed8.pcap", "--packets", "3000", "--seed", "8")
        with open(first, "rb") as a, open(second, "rb") as b, open(other, "rb") as c:
            first_bytes, second_bytes, other_bytes = a.read(), b.read(), c.read()
        self.assertEqual(first_bytes, second_bytes)
        self.assertNotEqual(first_bytes, other_bytes)

    def test_writes_exactly_the_packets_asked_for_as_radiotap(self):
        for count in (0, 1, 137, 2000, 5001):
            path = generate(f"count-{count}.pcap", "--packets", str(count))
            network, records = read_pcap(path)
            self.assertEqual(network, DLT_IEEE802_11_RADIO)
            self.assertEqual(len(records), count)

    def test_timestamps_advance_like_a_real_capture(self):
        _, records = read_pcap(generate("default.pcap"))
        times = [sec + usec / 1e6 for sec, usec, _, _ in records]
        self.assertTrue(all(b >= a for a, b in zip(times, times[1:])), "timestamps go backwards")
        self.assertTrue(all(usec < 1_000_000 for _, usec, _, _ in records))
        self.assertGreater(times[-1] - times[0], 2.0, "2,000 packets of a small site span seconds, not less")
        self.assertLess(times[-1] - times[0], 600.0)
        self.assertGreater(len(set(times)), len(times) * 0.95, "packets should rarely share a timestamp")

    def test_tshark_reads_every_packet_with_no_malformed_packet_or_error(self):
        for name, args in (("default.pcap", ()), ("big-site.pcap", ("--packets", "20000", "--devices", "3000",
                                                                    "--ssids", "400", "--seed", "3")),
                           ("fcs.pcap", ("--fcs", "--seed", "5"))):
            path = generate(name, *args)
            _, records = read_pcap(path)
            subtypes = tshark("-r", path, "-T", "fields", "-e", "wlan.fc.type_subtype")
            self.assertEqual(len(subtypes), len(records), name)
            self.assertTrue(all(line.strip() for line in subtypes), f"{name}: a packet without an 802.11 frame")
            problems = tshark("-r", path, "-Y", "_ws.malformed || _ws.expert.severity >= error")
            self.assertEqual(problems, [], f"{name}: tshark reports malformed packets or errors")

    def test_the_mix_looks_like_a_busy_site(self):
        path = generate("default.pcap")
        rows = tshark_fields(path)
        counts = collections.Counter(subtype(row) for row in rows)
        total = len(rows)
        self.assertGreater(counts[BEACON], total * 0.15, counts)
        self.assertGreater(counts[PROBE_REQUEST], 0, counts)
        self.assertGreater(counts[PROBE_RESPONSE], 0, counts)
        self.assertGreater(counts[AUTHENTICATION], 0, counts)
        self.assertGreater(counts[ASSOCIATION_REQUEST], 0, counts)
        self.assertGreater(counts[ASSOCIATION_RESPONSE], 0, counts)
        self.assertGreater(counts[DEAUTHENTICATION] + counts[DISASSOCIATION], 0, counts)
        self.assertLess(counts[DEAUTHENTICATION] + counts[DISASSOCIATION], total * 0.05, counts)
        self.assertGreater(counts[DATA] + counts[QOS_DATA], total * 0.15, counts)
        self.assertGreater(counts[QOS_DATA], 0, counts)
        self.assertGreater(counts[NULL] + counts[QOS_NULL], 0, counts)

        eapol = tshark("-r", path, "-Y", "eapol")
        self.assertGreater(len(eapol), 0)
        for message in range(1, 5):
            frames = tshark("-r", path, "-Y", f"wlan_rsna_eapol.keydes.msgnr == {message}")
            self.assertGreater(len(frames), 0, f"no EAPOL message {message}")
        self.assertGreater(len(tshark("-r", path, "-Y", "wlan.pmkid.akms || wlan.rsn.ie.pmkid")), 0,
                           "no message 1 with a PMKID")

        frequencies = {int(row["radiotap.channel.freq"]) for row in rows if row["radiotap.channel.freq"]}
        self.assertTrue(any(f < 2500 for f in frequencies), frequencies)
        self.assertTrue(any(5000 < f < 5900 for f in frequencies), frequencies)
        self.assertTrue(any(f > 5900 for f in frequencies), frequencies)
        big = tshark_fields(generate("big-site.pcap", "--packets", "20000", "--devices", "3000", "--ssids", "400",
                                     "--seed", "3"))
        big_frequencies = {int(row["radiotap.channel.freq"]) for row in big if row["radiotap.channel.freq"]}
        self.assertTrue(any(f > 5900 for f in big_frequencies), "no 6 GHz access point")
        self.assertTrue(any(row["wlan.fixed.auth.alg"] == "3" for row in big), "no SAE authentication")
        for name, sample in (("default.pcap", rows), ("big-site.pcap", big)):
            hidden = [row for row in sample if subtype(row) == BEACON and is_hidden_ssid(row["wlan.ssid"])]
            self.assertGreater(len(hidden), 0, f"{name}: no beacon with a hidden SSID")

    def test_beacons_cover_every_kind_of_security_and_capability(self):
        for path in (generate("default.pcap"),
                     generate("big-site.pcap", "--packets", "20000", "--devices", "3000", "--ssids", "400", "--seed",
                              "3")):
            beacon = "wlan.fc.type_subtype == 8"
            filters = {"RSN": "wlan.rsn.version", "WPA": "wlan.wfa.ie.type == 1",
                       "WEP": "wlan.fixed.capabilities.privacy == 1 && !wlan.rsn.version && !wlan.wfa.ie.type == 1",
                       "open": "wlan.fixed.capabilities.privacy == 0", "SAE": "wlan.rsn.akms.type == 8",
                       "802.1X": "wlan.rsn.akms.type == 1", "WMM": "wlan.wfa.ie.type == 2",
                       "HT": "wlan.ht.capabilities", "VHT": "wlan.vht.capabilities",
                       "HE": "wlan.ext_tag.number == 35"}
            for name, display_filter in filters.items():
                lines = tshark("-r", path, "-Y", f"{beacon} && ({display_filter})")
                self.assertGreater(len(lines), 0, f"{os.path.basename(path)}: no {name} beacon")

    def test_distinct_transmitters_match_the_devices_asked_for(self):
        for name, args, devices in (("default.pcap", (), 50),
                                    ("big-site.pcap", ("--packets", "20000", "--devices", "3000", "--ssids", "400",
                                                       "--seed", "3"), 3000)):
            rows = tshark_fields(generate(name, *args))
            transmitters = {row["wlan.ta"] for row in rows if row["wlan.ta"]}
            addresses = set()
            for row in rows:
                for field in ("wlan.ta", "wlan.ra", "wlan.sa", "wlan.da", "wlan.bssid"):
                    if row[field] and not is_group(row[field]):
                        addresses.add(row[field])
            self.assertLessEqual(len(addresses), devices, f"{name}: more MAC addresses than --devices")
            self.assertGreaterEqual(len(transmitters), devices * 0.95, f"{name}: too few devices transmit")


class KismetSynthCommandLine(unittest.TestCase):
    def test_help_documents_the_options(self):
        result = synth("--help")
        self.assertEqual(result.returncode, 0)
        for option in ("--packets", "--devices", "--ssids", "--seed", "-o"):
            self.assertIn(option, result.stdout)

    def test_bad_arguments_exit_2_with_usage(self):
        out = work_file("never-written.pcap")
        for args in ([], ["--packets", "10"], ["--packets", "ten", "-o", out], ["--devices", "1", "-o", out],
                     ["--ssids", "0", "-o", out], ["--seed", "-1", "-o", out], ["--frobnicate", "-o", out],
                     ["-o"], ["--packets", "99999999999", "-o", out]):
            result = synth(*args)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn("usage:", result.stderr, args)
        self.assertFalse(os.path.exists(out))

    def test_unwritable_output_exits_1(self):
        result = synth("--packets", "10", "-o", os.path.join(ARGS.work, "no-such-dir", "x.pcap"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("no-such-dir", result.stderr)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--synth", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--tshark", default=shutil.which("tshark"))
    ARGS, rest = parser.parse_known_args()
    shutil.rmtree(ARGS.work, ignore_errors=True)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
