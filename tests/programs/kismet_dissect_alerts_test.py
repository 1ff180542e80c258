#!/usr/bin/env python3
"""kismet-dissect --alerts: the WIDS alerts of a replay, one JSON record per line, run as a user would."""
import json
import unittest

from dissect_program import main, run, shared, work_path


def write_config(name, text):
    path = work_path(name)
    with open(path, "w") as f:
        f.write(text)
    return path


class KismetDissectAlerts(unittest.TestCase):
    def test_deauth_attack_capture_prints_one_record_per_alert(self):
        result = run("--alerts", shared("aircrack-ng__pmkid-not-recognized.cap"))
        # The capture is cut short: every alert before the damage is printed, then the damage is reported.
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("truncated record", result.stderr)
        alerts = [json.loads(line) for line in result.stdout.splitlines()]
        headers = [a["kismet.alert.header"] for a in alerts]
        self.assertIn("DEAUTHFLOOD", headers)
        self.assertIn("BCASTDISCON", headers)
        self.assertIn("DISCONCODEINVALID", headers)
        flood = next(a for a in alerts if a["kismet.alert.header"] == "DEAUTHFLOOD")
        self.assertEqual(flood["kismet.alert.transmitter_mac"], "8C:DE:F9:D0:B4:61")
        self.assertEqual(flood["kismet.alert.text"], "Deauth/Disassociate flood on 8C:DE:F9:D0:B4:61")
        self.assertEqual(flood["kismet.alert.class"], "DENIAL")
        # Stamped with packet time: the capture was made in July 2022.
        self.assertTrue(1658937315 <= flood["kismet.alert.timestamp"] < 1658937700)
        # Packet-time throttling: 5 a minute at most, so a 6-minute attack gives more than Kismet's replay did.
        self.assertGreater(headers.count("DEAUTHFLOOD"), 2)
        for alert in alerts:
            for key in ("kismet.alert.hash", "kismet.alert.severity", "kismet.alert.phy_id",
                        "kismet.alert.location"):
                self.assertIn(key, alert)

    def test_same_replay_prints_the_same_alerts(self):
        first = run("--alerts", shared("aircrack-ng__pmkid-not-recognized.cap"))
        second = run("--alerts", shared("aircrack-ng__pmkid-not-recognized.cap"))
        self.assertEqual(first.stdout, second.stdout)

    def test_configuration_disables_an_alert_and_adds_watchlists(self):
        config = write_config("alerts.conf", "alert=DEAUTHFLOOD,0/min,1/sec\n"
                                             "devicefound=8c:de:f9:d0:b4:61,target ap\n"
                                             "load_alert=STARTUP:replay started\n")
        result = run("--alerts", "--alert-config", config, shared("aircrack-ng__pmkid-not-recognized.cap"))
        self.assertEqual(result.returncode, 1, result.stderr)  # the capture is cut short
        alerts = [json.loads(line) for line in result.stdout.splitlines()]
        headers = [a["kismet.alert.header"] for a in alerts]
        self.assertNotIn("DEAUTHFLOOD", headers)
        self.assertEqual(headers[0], "STARTUP")
        self.assertEqual(alerts[0]["kismet.alert.severity"], 20)
        found = [a for a in alerts if a["kismet.alert.header"] == "DEVICEFOUND"]
        self.assertEqual(len(found), 1)
        self.assertIn("(target ap)", found[0]["kismet.alert.text"])

    def test_clean_capture_prints_no_attack_alert(self):
        result = run("--alerts", shared("aircrack-ng__wpa.cap"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "")

    def test_bad_configuration_exits_2(self):
        config = write_config("bad.conf", "alert=DEAUTHFLOOD,10/min,1/fortnight\n")
        result = run("--alerts", "--alert-config", config, shared("aircrack-ng__wpa.cap"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("bad.conf", result.stderr)
        result = run("--alerts", "--alert-config", work_path("missing.conf"),
                     shared("aircrack-ng__wpa.cap"))
        self.assertEqual(result.returncode, 2)

    def test_alert_config_without_alerts_is_bad_usage(self):
        result = run("--alert-config", "x.conf", "x.pcap")
        self.assertEqual(result.returncode, 2)
        self.assertIn("usage:", result.stderr)


if __name__ == "__main__":
    main()
