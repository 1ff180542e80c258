#!/usr/bin/python3
"""Unit tests of the tshark conformance harness itself, so that it cannot pass when the tools disagree."""

import contextlib
import io
import json
import os
import stat
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tshark_conformance as conformance  # noqa: E402

# A radiotap beacon as tshark 4.0 `-T ek` prints it (trimmed to the fields the harness asks for).
TSHARK_BEACON = {
    "frame_number": ["1"], "frame_time_epoch": ["1537621366.598171999"], "frame_len": ["471"],
    "frame_cap_len": ["471"], "frame_encap_type": ["23"], "wlan_fc_type": ["0"], "wlan_fc_subtype": ["8"],
    "wlan_sa": ["F8:1A:67:E5:05:62"], "wlan_da": ["ff:ff:ff:ff:ff:ff"], "wlan_ta": ["f8:1a:67:e5:05:62"],
    "wlan_ra": ["ff:ff:ff:ff:ff:ff"], "wlan_bssid": ["f8:1a:67:e5:05:62"], "wlan_ssid": ["536d696c6529"],
    "radiotap_channel_freq": ["2437"], "wlan_radio_frequency": ["2437"], "wlan_radio_channel": ["6"],
    "radiotap_dbm_antsignal": ["-86", "-91", "-87"], "wlan_radio_signal_dbm": ["-87"],
}

# The same beacon as kismet-dissect --format ekjson prints it.
OUR_BEACON = {
    "file": "x.pcap", "ts_sec": 1537621366, "ts_usec": 598171, "dlt": 127, "packet_len": 471,
    "captured_len": 471, "frequency": 2437000, "channel": 6, "signal_dbm": -86, "type": 0, "subtype": 8,
    "type_name": "beacon", "sourcemac": "f8:1a:67:e5:05:62", "destmac": "ff:ff:ff:ff:ff:ff",
    "transmac": "f8:1a:67:e5:05:62", "recvmac": "ff:ff:ff:ff:ff:ff", "bssid": "f8:1a:67:e5:05:62",
    "ssid_len": 6, "ssid": "Smile)", "crypt": "WPA2-PSK",
}

# A deauthentication on raw 802.11 (DLT 105), no radio header.
TSHARK_DEAUTH = {
    "frame_number": ["2"], "frame_time_epoch": ["1537621367.000001000"], "frame_len": ["26"],
    "frame_cap_len": ["26"], "frame_encap_type": ["20"], "wlan_fc_type": ["0"], "wlan_fc_subtype": ["12"],
    "wlan_sa": ["00:0d:93:82:36:3a"], "wlan_da": ["00:0c:41:82:b2:55"], "wlan_ta": ["00:0d:93:82:36:3a"],
    "wlan_ra": ["00:0c:41:82:b2:55"], "wlan_bssid": ["00:0c:41:82:b2:55"], "wlan_fixed_reason_code": ["0x0007"],
}
OUR_DEAUTH = {
    "ts_sec": 1537621367, "ts_usec": 1, "dlt": 105, "packet_len": 26, "captured_len": 26, "type": 0,
    "subtype": 12, "sourcemac": "00:0d:93:82:36:3a", "destmac": "00:0c:41:82:b2:55",
    "transmac": "00:0d:93:82:36:3a", "recvmac": "00:0c:41:82:b2:55", "bssid": "00:0c:41:82:b2:55",
    "reason_code": 7,
}


def ek_lines(*layers):
    """tshark -T ek output: a bulk-index line before each packet document."""
    lines = []
    for packet in layers:
        lines.append('{"index":{"_index":"packets-2018-09-22","_type":"doc"}}')
        lines.append(json.dumps({"timestamp": "1537621366598", "layers": packet}))
    return "\n".join(lines) + "\n"


def dissect_lines(*records):
    return "".join(json.dumps(record) + "\n" for record in records)


def compare(tshark_layers, our_records, allow=None, tshark_status="complete", our_status="complete"):
    return conformance.compare_file("x.pcap", conformance.parse_tshark_ek(ek_lines(*tshark_layers)),
                                    conformance.parse_dissect_output(dissect_lines(*our_records)),
                                    tshark_status, our_status, allow or conformance.AllowList([]))


class TsharkSideTest(unittest.TestCase):
    def test_beacon_facts_use_kismet_units_and_the_first_radiotap_signal(self):
        facts = conformance.tshark_facts(TSHARK_BEACON)
        self.assertEqual(facts["frequency"], 2437000)
        self.assertEqual(facts["signal_dbm"], -86)  # the first antenna signal, not wlan_radio's last one
        self.assertEqual(facts["ssid"], "536d696c6529")
        self.assertEqual(facts["ssid_len"], 6)
        self.assertEqual(facts["sourcemac"], "f8:1a:67:e5:05:62")
        self.assertEqual(facts["dlt"], 127)
        self.assertEqual(facts["ts"], 1537621366598171)  # nanoseconds truncated, not rounded

    def test_reason_code_is_read_from_hex(self):
        self.assertEqual(conformance.tshark_facts(TSHARK_DEAUTH)["reason_code"], 7)

    def test_zero_length_ssid_is_an_empty_ssid_not_a_missing_one(self):
        facts = conformance.tshark_facts(dict(TSHARK_BEACON, wlan_ssid=["<MISSING>"]))
        self.assertEqual((facts["ssid"], facts["ssid_len"]), ("", 0))

    def test_out_of_range_pcap_fraction_is_read_as_nanoseconds(self):
        facts = conformance.tshark_facts(dict(TSHARK_DEAUTH, frame_time_epoch=["1177961534.1000046000"]))
        self.assertEqual(facts["ts"], 1177961534 * 1_000_000 + 1_000_046)

    def test_amsdu_subframe_addresses_are_not_taken_for_the_header(self):
        layers = dict(TSHARK_DEAUTH, wlan_sa=["88:8e:01:00:00:48", "64:70:02:2f:d7:67"],
                      wlan_da=["5a:f7:19:2b:ed:5e", "aa:aa:03:00:00:00", "5a:f7:19:2b:ed:5e"],
                      wlan_aggregate_a_mdsu_length=["6", "50"])
        facts = conformance.tshark_facts(layers)
        self.assertIsNone(facts["sourcemac"])
        self.assertEqual(facts["destmac"], "5a:f7:19:2b:ed:5e")

    def test_non_radiotap_radio_facts_come_from_wlan_radio(self):
        layers = {"frame_number": ["1"], "frame_encap_type": ["21"], "wlan_radio_channel": ["7"],
                  "wlan_radio_signal_dbm": ["0"]}
        facts = conformance.tshark_facts(layers)
        self.assertEqual((facts["dlt"], facts["channel"], facts["signal_dbm"], facts["frequency"]),
                         (119, 7, 0, None))

    def test_rate_is_compared_only_on_frames_without_mcs(self):
        legacy = conformance.tshark_facts(dict(TSHARK_BEACON, radiotap_datarate=["5.5"]))
        self.assertEqual((legacy["rate_500kbps"], legacy["mcs_index"]), (11, None))
        # tshark fills radiotap.datarate from the MCS too; no header field holds that number.
        ht = conformance.tshark_facts(dict(TSHARK_BEACON, radiotap_datarate=["52"], radiotap_mcs_index=["5"]))
        self.assertEqual((ht["rate_500kbps"], ht["mcs_index"]), (None, 5))

    def test_only_a_bad_fcs_is_a_fact(self):
        self.assertTrue(conformance.tshark_facts(dict(TSHARK_BEACON, wlan_fcs_status=["0"]))["bad_fcs"])
        self.assertIsNone(conformance.tshark_facts(dict(TSHARK_BEACON, wlan_fcs_status=["1"]))["bad_fcs"])
        self.assertIsNone(conformance.tshark_facts(dict(TSHARK_BEACON, wlan_fcs_status=["2"]))["bad_fcs"])

    def test_frames_out_of_order_are_a_harness_error(self):
        with self.assertRaises(conformance.HarnessError):
            conformance.parse_tshark_ek(ek_lines(TSHARK_DEAUTH))  # frame 2 first


class DissectSideTest(unittest.TestCase):
    def test_invalid_utf8_ssid_is_compared_by_its_hex(self):
        facts = conformance.our_facts({"ssid_hex": "B2E2CAD4", "ssid_len": 4})
        self.assertEqual(facts["ssid"], "b2e2cad4")

    def test_utf8_ssid_with_nul_bytes_is_compared_by_its_bytes(self):
        self.assertEqual(conformance.our_facts({"ssid": "\u0000" * 3})["ssid"], "000000")

    def test_unreadable_line_is_a_harness_error(self):
        with self.assertRaises(conformance.HarnessError):
            conformance.parse_dissect_output('{"type": 0}\nnot json\n')


class ComparisonTest(unittest.TestCase):
    def test_identical_packets_agree(self):
        result = compare([TSHARK_BEACON, TSHARK_DEAUTH], [OUR_BEACON, OUR_DEAUTH])
        self.assertEqual(result.disagreements, [])
        self.assertTrue(result.passed)
        self.assertEqual(result.comparisons, result.agreed)

    def test_a_different_value_fails(self):
        result = compare([TSHARK_BEACON], [dict(OUR_BEACON, bssid="00:00:00:00:00:01")])
        self.assertFalse(result.passed)
        [d] = result.failed
        self.assertEqual((d.frame, d.field, d.tshark, d.ours, d.kind),
                         (1, "bssid", "f8:1a:67:e5:05:62", "00:00:00:00:00:01", "value"))

    def test_a_field_only_tshark_has_fails(self):
        ours = dict(OUR_DEAUTH)
        del ours["reason_code"]
        result = compare([dict(TSHARK_DEAUTH, frame_number=["1"])], [ours])
        [d] = result.failed
        self.assertEqual((d.field, d.kind), ("reason_code", "only tshark"))

    def test_a_bad_fcs_only_we_see_fails(self):
        result = compare([TSHARK_BEACON], [dict(OUR_BEACON, bad_fcs=True)])
        self.assertEqual([(d.field, d.tshark, d.ours) for d in result.failed], [("bad_fcs", None, True)])

    def test_a_field_only_we_have_fails(self):
        result = compare([TSHARK_BEACON], [dict(OUR_BEACON, eapol_msg=1)])
        [d] = result.failed
        self.assertEqual((d.field, d.kind), ("eapol_msg", "only ours"))

    def test_a_missing_packet_fails(self):
        result = compare([TSHARK_BEACON, TSHARK_DEAUTH], [OUR_BEACON])
        self.assertFalse(result.passed)
        self.assertEqual([(d.field, d.tshark, d.ours) for d in result.failed], [("count", 2, 1)])

    def test_an_extra_packet_fails(self):
        result = compare([TSHARK_BEACON], [OUR_BEACON, OUR_DEAUTH])
        self.assertEqual([(d.field, d.tshark, d.ours) for d in result.failed], [("count", 1, 2)])

    def test_a_read_error_only_one_side_reports_fails(self):
        result = compare([TSHARK_BEACON], [OUR_BEACON], tshark_status="read error")
        self.assertEqual([d.field for d in result.failed], ["read_status"])

    def test_a_truncated_file_both_report_passes(self):
        result = compare([TSHARK_BEACON], [OUR_BEACON], tshark_status="read error", our_status="read error")
        self.assertTrue(result.passed)

    def test_an_allow_listed_difference_passes(self):
        allow = conformance.AllowList([{"file": "x.pcap", "frames": [1], "field": "bssid", "reason": "r",
                                        "tshark": "f8:1a:67:e5:05:62", "ours": None}])
        ours = dict(OUR_BEACON)
        del ours["bssid"]
        result = compare([TSHARK_BEACON], [ours], allow)
        self.assertTrue(result.passed)
        self.assertEqual(len(result.allowed), 1)
        self.assertEqual(allow.unused(), [])

    def test_an_allow_entry_does_not_cover_other_frames_values_or_files(self):
        entries = [
            {"file": "x.pcap", "frames": [2], "field": "bssid", "reason": "other frame"},
            {"file": "x.pcap", "frames": "all", "field": "bssid", "reason": "other value", "ours": None},
            {"file": "y.pcap", "frames": "all", "field": "bssid", "reason": "other file"},
            {"file": "x.pcap", "frames": "all", "field": "ssid", "reason": "other field"},
        ]
        allow = conformance.AllowList(entries)
        result = compare([TSHARK_BEACON], [dict(OUR_BEACON, bssid="00:00:00:00:00:01")], allow)
        self.assertFalse(result.passed)
        self.assertEqual(len(allow.unused()), 4)


class AllowListFileTest(unittest.TestCase):
    def load(self, entries, docs_text="## Prism signal\n"):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump({"differences": entries}, handle)
        self.addCleanup(os.unlink, handle.name)
        return conformance.AllowList.load(handle.name, docs_text)

    def test_a_documented_entry_loads(self):
        entry = {"file": "a.cap", "frames": "all", "field": "signal_dbm", "reason": "r", "doc": "Prism signal"}
        self.assertEqual(len(self.load([entry]).entries), 1)

    def test_entries_without_reason_or_documentation_are_refused(self):
        good = {"file": "a.cap", "frames": "all", "field": "signal_dbm", "reason": "r", "doc": "Prism signal"}
        for broken in (dict(good, reason=" "), dict(good, doc="Not a heading"), dict(good, field="nope"),
                       dict(good, frames="some")):
            with self.assertRaises(ValueError):
                self.load([broken])


class WholeRunTest(unittest.TestCase):
    """main() against stand-in tshark and kismet-dissect programs that print fixed lines."""

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)
        self.captures = os.path.join(self.folder.name, "captures")
        os.mkdir(self.captures)
        open(os.path.join(self.captures, "x.pcap"), "wb").close()
        open(os.path.join(self.captures, "README.md"), "w").close()  # not a capture: ignored
        self.allow = os.path.join(self.folder.name, "allow.json")
        with open(self.allow, "w") as handle:
            json.dump({"differences": []}, handle)

    def program(self, name, output, status=0):
        path = os.path.join(self.folder.name, name)
        with open(path, "w") as handle:
            handle.write(textwrap.dedent(f"""\
                #!{sys.executable}
                import sys
                sys.stdout.write({output!r})
                sys.exit({status})
                """))
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
        return path

    def run_main(self, tshark_output, dissect_output, dissect_status=0, captures=None, tshark_status=0):
        tshark = self.program("tshark", tshark_output, tshark_status)
        dissect = self.program("kismet-dissect", dissect_output, dissect_status)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = conformance.main(["--dissect", dissect, "--captures", captures or self.captures,
                                       "--tshark", tshark, "--allow", self.allow])
        return status, out.getvalue()

    def test_agreement_passes_and_prints_the_file_count(self):
        status, out = self.run_main(ek_lines(TSHARK_BEACON), dissect_lines(OUR_BEACON))
        self.assertEqual(status, 0)
        self.assertEqual(out.strip().splitlines()[-1], "1 passed, 0 failed")

    def test_a_deliberate_mismatch_fails_the_run(self):
        status, out = self.run_main(ek_lines(TSHARK_BEACON), dissect_lines(dict(OUR_BEACON, channel=11)))
        self.assertEqual(status, 1)
        self.assertEqual(out.strip().splitlines()[-1], "0 passed, 1 failed")
        self.assertIn("frame 1: tshark=6 ours=11", out)

    def test_a_missing_packet_fails_the_run(self):
        status, _ = self.run_main(ek_lines(TSHARK_BEACON, TSHARK_DEAUTH), dissect_lines(OUR_BEACON))
        self.assertEqual(status, 1)

    def test_a_crashed_dissector_fails_even_with_matching_output(self):
        status, out = self.run_main(ek_lines(TSHARK_BEACON), dissect_lines(OUR_BEACON), dissect_status=3)
        self.assertEqual(status, 1)
        self.assertIn("harness error", out)

    def test_a_truncated_file_both_tools_report_passes(self):
        status, _ = self.run_main(ek_lines(TSHARK_BEACON), dissect_lines(OUR_BEACON), dissect_status=1,
                                  tshark_status=2)
        self.assertEqual(status, 0)

    def test_tshark_refusing_its_command_line_fails_the_run(self):
        status, out = self.run_main("", "", tshark_status=1)
        self.assertEqual(status, 1)
        self.assertIn("tshark exited 1", out)

    def test_no_captures_folder_is_a_clean_skip(self):
        status, out = self.run_main("", "", captures=os.path.join(self.folder.name, "absent"))
        self.assertEqual(status, 0)
        self.assertIn("skipped", out)


class ShippedAllowListTest(unittest.TestCase):
    def test_the_shipped_allow_list_is_valid_and_documented(self):
        here = os.path.dirname(os.path.abspath(__file__))
        allow = os.path.join(here, "known_differences.json")
        docs = os.path.join(here, "..", "..", "docs", "compatibility.md")
        if not os.path.exists(allow):
            self.skipTest("no known_differences.json")
        with open(docs, encoding="utf-8") as handle:
            conformance.AllowList.load(allow, handle.read())


if __name__ == "__main__":
    unittest.main()
