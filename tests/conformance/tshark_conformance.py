#!/usr/bin/python3
"""tshark conformance (issue 2): kismet-dissect and tshark must agree, packet by packet, on every capture.

For each capture in --captures this runs one tshark process (`-T ek` with every field below) and one
`kismet-dissect --format ekjson`, pairs packets by frame number (kismet-dissect prints them in file order)
and compares each field that either side reports. A field one side reports and the other does not is a
disagreement too. Disagreements listed in the allow list (tests/conformance/known_differences.json, each
mirrored by a justified entry in docs/compatibility.md) are counted but do not fail the run.

Counting: the final line `N passed, M failed` counts capture FILES; a file passes when every disagreement
in it is allow-listed. Per-file lines give the field comparisons (a field compared on one packet = one).

Field mapping (kismet-dissect key <- tshark 4.0 field; values normalised as in parentheses):
  dlt           <- frame.encap_type, wiretap encapsulation translated to its DLT (WTAP_TO_DLT below)
  ts            <- frame.time_epoch; ours is ts_sec * 10^6 + ts_usec, tshark's nanoseconds are truncated to
                   microseconds (comparing the sum also covers pcap records whose ts_usec is >= 10^6)
  packet_len    <- frame.len (original length on the wire)
  captured_len  <- frame.cap_len
  type, subtype <- wlan.fc.type, wlan.fc.subtype
  sourcemac     <- wlan.sa   } addresses of the MAC header. tshark also files the addresses of A-MSDU
  destmac       <- wlan.da   } subframes under wlan.sa / wlan.da, after the header's; those trailing values
                               (one per wlan_aggregate.a_mdsu.length) are dropped.
  transmac      <- wlan.ta
  recvmac       <- wlan.ra
  bssid         <- wlan.bssid
  ssid          <- wlan.ssid, first value (lower-case hex of the raw bytes; `-T ek` prints the bytes as hex and
                   "<MISSING>" for a zero-length SSID). Ours: ssid_hex, else the UTF-8 bytes of ssid.
  ssid_len      <- length of that wlan.ssid value
  frequency     <- radiotap.channel.freq (first) on radiotap frames, else wlan_radio.frequency (tshark's
                   reading of PPI 802.11-common / Prism); MHz -> kHz
  channel       <- wlan_radio.channel (tshark's channel of that frequency, or the Prism channel DID)
  signal_dbm    <- radiotap.dbm_antsignal, FIRST value, on radiotap frames (Kismet's packet signal is the
                   first DBM_ANTSIGNAL; wlan_radio.signal_dbm holds the last one); else wlan_radio.signal_dbm
                   (PPI: tshark leaves out the invalid -128; Prism: tshark reads the RSSI DID as dBm)
  noise_dbm     <- radiotap.dbm_antnoise (first) on radiotap frames, else wlan_radio.noise_dbm
  rate_500kbps  <- radiotap.datarate on radiotap frames, else wlan_radio.data_rate; Mb/s * 2; only when the
                   frame has no MCS (for MCS frames tshark computes a rate that no header field carries)
  mcs_index     <- radiotap.mcs.index, else radiotap.vht.mcs.0 (first user), else radiotap.he.data_3.data_mcs
                   on radiotap frames; else wlan_radio.11n.mcs_index / wlan_radio.11ac.mcs
  bad_fcs       <- wlan.fcs.status == 0 (Bad), with `-o wlan.check_checksum:TRUE` so that tshark checks the
                   CRC-32 as Kismet does (not wlan.check_fcs, which means "assume an FCS is present")
  eapol_msg     <- wlan_rsna_eapol.keydes.msgnr
  reason_code   <- wlan.fixed.reason_code ("0x0007" -> 7)
  status_code   <- wlan.fixed.status_code ("0x0000" -> 0)
Not compared: type_name and crypt (naming and classification are Kismet's own, not tshark's).

Whole-file checks (frame 0 in reports):
  read_status   tshark exit status 0 = "complete", otherwise "read error" (e.g. a truncated last record:
                "cut short in the middle of a packet"); kismet-dissect exit 0 / 1 likewise. A truncated last
                record is not a packet for tshark, capinfos or libpcap, so it is not one for us either: both
                sides must report the damage and the complete packets before it.
  count         number of packets. Frames only one side has are not compared field by field.

Exit status: 0 when every disagreement is allow-listed (or when the captures folder is absent: skipped),
1 when some is not or a tool could not be run on a file (that file fails), 2 on bad usage or a bad allow list.
"""

import argparse
import concurrent.futures
import dataclasses
import json
import os
import shutil
import subprocess
import sys

CAPTURE_SUFFIXES = (".pcap", ".cap", ".pcapng")

# tshark's wiretap encapsulation numbers (wiretap/wtap.h) -> pcap link-layer type (DLT).
WTAP_TO_DLT = {1: 1, 20: 105, 21: 119, 23: 127, 24: 163, 97: 192, 154: 251, 161: 256}

TSHARK_FIELDS = (
    "frame.number", "frame.time_epoch", "frame.len", "frame.cap_len", "frame.encap_type",
    "wlan.fc.type", "wlan.fc.subtype", "wlan.sa", "wlan.da", "wlan.ta", "wlan.ra", "wlan.bssid",
    "wlan_aggregate.a_mdsu.length", "wlan.ssid",
    "radiotap.channel.freq", "radiotap.dbm_antsignal", "radiotap.dbm_antnoise",
    "wlan_radio.frequency", "wlan_radio.channel", "wlan_radio.signal_dbm", "wlan_radio.noise_dbm",
    "wlan_rsna_eapol.keydes.msgnr", "wlan.fixed.reason_code", "wlan.fixed.status_code", "_ws.malformed",
    "radiotap.datarate", "wlan_radio.data_rate", "radiotap.mcs.index", "radiotap.vht.mcs.0",
    "radiotap.he.data_3.data_mcs", "wlan_radio.11n.mcs_index", "wlan_radio.11ac.mcs", "wlan.fcs.status",
)

# Per-packet fields in report order; "read_status" and "count" are the whole-file checks.
PACKET_FIELDS = ("dlt", "ts", "packet_len", "captured_len", "type", "subtype", "sourcemac", "destmac",
                 "transmac", "recvmac", "bssid", "ssid", "ssid_len", "frequency", "channel", "signal_dbm",
                 "noise_dbm", "rate_500kbps", "mcs_index", "bad_fcs", "eapol_msg", "reason_code", "status_code")
FILE_FIELDS = ("read_status", "count")
ALL_FIELDS = FILE_FIELDS + PACKET_FIELDS


class HarnessError(Exception):
    """A tool could not be run or printed something unreadable: the file fails, whatever the allow list says."""


# ---------------------------------------------------------------------------------------------- tshark side

def _first(layers, name):
    values = layers.get(name.replace(".", "_"))
    return values[0] if values else None


def _int(text):
    return None if text is None else int(text, 0)


def _epoch_to_usec(text):
    # tshark prints seconds '.' nanoseconds zero-padded to 9 digits, or more digits when a pcap record's
    # fraction is out of range (1177961534.1000046000): the part after the dot is always nanoseconds.
    seconds, _, nanos = text.partition(".")
    return int(seconds) * 1_000_000 + int(nanos or "0") // 1000


def _header_addresses(layers, name, subframes):
    values = layers.get(name.replace(".", "_"), [])
    if subframes:
        values = values[:max(0, len(values) - subframes)]
    return values[0].lower() if values else None


def tshark_facts(layers):
    """The facts of one tshark `-T ek` packet ("layers" object), in kismet-dissect's keys and units."""
    facts = {}
    encap = _int(_first(layers, "frame.encap_type"))
    facts["dlt"] = WTAP_TO_DLT.get(encap) if encap is not None else None
    epoch = _first(layers, "frame.time_epoch")
    facts["ts"] = _epoch_to_usec(epoch) if epoch is not None else None
    facts["packet_len"] = _int(_first(layers, "frame.len"))
    facts["captured_len"] = _int(_first(layers, "frame.cap_len"))
    facts["type"] = _int(_first(layers, "wlan.fc.type"))
    facts["subtype"] = _int(_first(layers, "wlan.fc.subtype"))
    subframes = len(layers.get("wlan_aggregate_a_mdsu_length", []))
    facts["sourcemac"] = _header_addresses(layers, "wlan.sa", subframes)
    facts["destmac"] = _header_addresses(layers, "wlan.da", subframes)
    for key, field in (("transmac", "wlan.ta"), ("recvmac", "wlan.ra"), ("bssid", "wlan.bssid")):
        value = _first(layers, field)
        facts[key] = value.lower() if value else None
    ssid = _first(layers, "wlan.ssid")
    if ssid is not None:
        ssid = "" if ssid == "<MISSING>" else ssid.lower()
    facts["ssid"] = ssid
    facts["ssid_len"] = len(ssid) // 2 if ssid is not None else None
    radiotap = encap == 23
    freq = _first(layers, "radiotap.channel.freq" if radiotap else "wlan_radio.frequency")
    facts["frequency"] = int(freq) * 1000 if freq is not None else None
    facts["channel"] = _int(_first(layers, "wlan_radio.channel"))
    facts["signal_dbm"] = _int(_first(layers, "radiotap.dbm_antsignal" if radiotap else "wlan_radio.signal_dbm"))
    facts["noise_dbm"] = _int(_first(layers, "radiotap.dbm_antnoise" if radiotap else "wlan_radio.noise_dbm"))
    mcs_fields = (("radiotap.mcs.index", "radiotap.vht.mcs.0", "radiotap.he.data_3.data_mcs") if radiotap
                  else ("wlan_radio.11n.mcs_index", "wlan_radio.11ac.mcs"))
    facts["mcs_index"] = next((_int(_first(layers, f)) for f in mcs_fields if _first(layers, f) is not None), None)
    rate = _first(layers, "radiotap.datarate" if radiotap else "wlan_radio.data_rate")
    if rate is not None and facts["mcs_index"] is None:
        facts["rate_500kbps"] = round(float(rate) * 2)
    else:
        facts["rate_500kbps"] = None
    facts["bad_fcs"] = True if _first(layers, "wlan.fcs.status") == "0" else None
    facts["eapol_msg"] = _int(_first(layers, "wlan_rsna_eapol.keydes.msgnr"))
    facts["reason_code"] = _int(_first(layers, "wlan.fixed.reason_code"))
    facts["status_code"] = _int(_first(layers, "wlan.fixed.status_code"))
    facts["_malformed"] = "_ws_malformed" in layers
    return facts


def parse_tshark_ek(text):
    """Packets of tshark `-T ek -e ...` output, in frame order (the bulk-index lines are skipped)."""
    packets = []
    for line in text.splitlines():
        if not line.strip() or line.startswith('{"index"'):
            continue
        try:
            layers = json.loads(line)["layers"]
        except (ValueError, KeyError) as error:
            raise HarnessError(f"unreadable tshark line ({error}): {line[:120]}") from None
        number = _int(_first(layers, "frame.number"))
        if number != len(packets) + 1:
            raise HarnessError(f"tshark printed frame {number} where {len(packets) + 1} was expected")
        packets.append(tshark_facts(layers))
    return packets


def tshark_command(tshark, path):
    command = [tshark, "-n", "-o", "wlan.check_checksum:TRUE", "-r", path, "-T", "ek"]
    for field in TSHARK_FIELDS:
        command += ["-e", field]
    return command


# ------------------------------------------------------------------------------------- kismet-dissect side

def our_facts(record):
    """The facts of one kismet-dissect ekjson object, normalised like tshark_facts()."""
    facts = {key: record.get(key) for key in ("dlt", "packet_len", "captured_len", "type", "subtype",
                                              "frequency", "channel", "signal_dbm", "noise_dbm",
                                              "eapol_msg", "reason_code", "status_code", "ssid_len",
                                              "rate_500kbps", "mcs_index")}
    if "ts_sec" in record and "ts_usec" in record:
        facts["ts"] = record["ts_sec"] * 1_000_000 + record["ts_usec"]
    else:
        facts["ts"] = None
    for key in ("sourcemac", "destmac", "transmac", "recvmac", "bssid"):
        value = record.get(key)
        facts[key] = value.lower() if isinstance(value, str) else value
    if "ssid_hex" in record:
        facts["ssid"] = str(record["ssid_hex"]).lower()
    elif "ssid" in record:
        facts["ssid"] = str(record["ssid"]).encode("utf-8", "surrogatepass").hex()
    else:
        facts["ssid"] = None
    facts["bad_fcs"] = True if record.get("bad_fcs") else None
    facts["_error"] = record.get("error")
    return facts


def parse_dissect_output(text):
    packets = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise HarnessError(f"unreadable kismet-dissect line {number} ({error}): {line[:120]}") from None
        if not isinstance(record, dict):
            raise HarnessError(f"kismet-dissect line {number} is not a JSON object")
        packets.append(our_facts(record))
    return packets


# -------------------------------------------------------------------------------------------- comparison

@dataclasses.dataclass
class Disagreement:
    file: str
    frame: int  # 0 for whole-file checks
    field: str
    tshark: object
    ours: object
    allowed_by: int = -1  # index of the allow-list entry that covers it, -1 if none

    @property
    def kind(self):
        if self.tshark is None:
            return "only ours"
        if self.ours is None:
            return "only tshark"
        return "value"


@dataclasses.dataclass
class FileResult:
    file: str
    packets_tshark: int = 0
    packets_ours: int = 0
    comparisons: int = 0
    agreed: int = 0
    disagreements: list = dataclasses.field(default_factory=list)
    harness_error: str = ""
    tshark_malformed: list = dataclasses.field(default_factory=list)
    our_errors: list = dataclasses.field(default_factory=list)

    @property
    def failed(self):
        return [d for d in self.disagreements if d.allowed_by < 0]

    @property
    def allowed(self):
        return [d for d in self.disagreements if d.allowed_by >= 0]

    @property
    def passed(self):
        return not self.harness_error and not self.failed


class AllowList:
    """Known, justified differences: [{"file", "frames": "all" | [n...], "field", "reason", "doc",
    optional "tshark" / "ours": the exact value on that side (null = absent)}]."""

    def __init__(self, entries):
        self.entries = entries
        self.used = [0] * len(entries)

    @classmethod
    def load(cls, path, docs_text=None):
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        entries = data["differences"] if isinstance(data, dict) else data
        for index, entry in enumerate(entries):
            problem = cls._problem(entry, docs_text)
            if problem:
                raise ValueError(f"{path}: entry {index}: {problem}")
        return cls(entries)

    @staticmethod
    def _problem(entry, docs_text):
        for key in ("file", "frames", "field", "reason"):
            if key not in entry:
                return f"missing '{key}'"
        if entry["field"] not in ALL_FIELDS:
            return f"unknown field '{entry['field']}'"
        frames = entry["frames"]
        if frames != "all" and not (isinstance(frames, list) and all(isinstance(n, int) for n in frames)):
            return "'frames' must be \"all\" or a list of frame numbers"
        if not str(entry["reason"]).strip():
            return "empty 'reason'"
        if docs_text is not None and (not entry.get("doc") or entry["doc"] not in docs_text):
            return f"'doc' must quote a heading of docs/compatibility.md (got {entry.get('doc')!r})"
        return ""

    def match(self, disagreement):
        for index, entry in enumerate(self.entries):
            if entry["file"] not in ("*", disagreement.file) or entry["field"] != disagreement.field:
                continue
            if entry["frames"] != "all" and disagreement.frame not in entry["frames"]:
                continue
            if "tshark" in entry and entry["tshark"] != disagreement.tshark:
                continue
            if "ours" in entry and entry["ours"] != disagreement.ours:
                continue
            self.used[index] += 1
            return index
        return -1

    def unused(self, files=None):
        """Entries that covered nothing (among those for `files`, when given): stale, or a fixed difference."""
        return [entry for entry, count in zip(self.entries, self.used)
                if count == 0 and (files is None or entry["file"] == "*" or entry["file"] in files)]


def compare_file(name, tshark_packets, our_packets, tshark_status, our_status, allow):
    """Compares one file's packets; the statuses are "complete" or "read error"."""
    result = FileResult(name, len(tshark_packets), len(our_packets))

    def check(frame, field, theirs, ours):
        if theirs is None and ours is None:
            return
        result.comparisons += 1
        if theirs == ours:
            result.agreed += 1
            return
        disagreement = Disagreement(name, frame, field, theirs, ours)
        disagreement.allowed_by = allow.match(disagreement)
        result.disagreements.append(disagreement)

    check(0, "read_status", tshark_status, our_status)
    check(0, "count", len(tshark_packets), len(our_packets))
    for frame, (theirs, ours) in enumerate(zip(tshark_packets, our_packets), 1):
        for field in PACKET_FIELDS:
            check(frame, field, theirs.get(field), ours.get(field))
        if theirs.get("_malformed"):
            result.tshark_malformed.append(frame)
        if ours.get("_error"):
            result.our_errors.append((frame, ours["_error"]))
    return result


# ------------------------------------------------------------------------------------------------ running

def _status(returncode, tool, stderr):
    if returncode == 0:
        return "complete"
    if returncode < 0:
        raise HarnessError(f"{tool} was killed by signal {-returncode}: {stderr.strip()[-300:]}")
    # A damaged file is exit status 1 for kismet-dissect and 2 for tshark (1 is tshark's bad usage).
    if returncode != (1 if tool == "kismet-dissect" else 2):
        raise HarnessError(f"{tool} exited {returncode}: {stderr.strip()[-300:]}")
    return "read error"


def run_file(path, dissect, tshark, allow, timeout):
    name = os.path.basename(path)
    processes = []
    try:
        # Both tools run at once; each is read to its end in turn (neither waits on the other's pipe).
        processes.append(subprocess.Popen(tshark_command(tshark, path), stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace"))
        processes.append(subprocess.Popen([dissect, "--format", "ekjson", path], stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                          errors="surrogateescape"))
        tshark_out, tshark_err = processes[0].communicate(timeout=timeout)
        our_out, our_err = processes[1].communicate(timeout=timeout)
        tshark_status = _status(processes[0].returncode, "tshark", tshark_err)
        our_status = _status(processes[1].returncode, "kismet-dissect", our_err)
        return compare_file(name, parse_tshark_ek(tshark_out), parse_dissect_output(our_out),
                            tshark_status, our_status, allow)
    except (HarnessError, OSError, subprocess.TimeoutExpired) as error:
        return FileResult(name, harness_error=str(error))
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()


def find_captures(directory):
    return sorted(os.path.join(directory, entry) for entry in os.listdir(directory)
                  if entry.endswith(CAPTURE_SUFFIXES))


def _show(value):
    return "(absent)" if value is None else json.dumps(value)


def describe_classes(results, only_failed, examples):
    """Disagreements grouped by (file, field, kind): one line per class, then a few example frames."""
    lines = []
    for result in results:
        pool = result.failed if only_failed else result.disagreements
        classes = {}
        for d in pool:
            classes.setdefault((d.field, d.kind, d.allowed_by), []).append(d)
        for (field, kind, allowed_by), members in classes.items():
            tag = f"allowed by entry {allowed_by}" if allowed_by >= 0 else "NOT ALLOWED"
            lines.append(f"  {result.file}: {field} ({kind}), {len(members)} frame(s), {tag}")
            for d in members[:examples]:
                lines.append(f"      frame {d.frame}: tshark={_show(d.tshark)} ours={_show(d.ours)}")
    return lines


def write_report(path, results, allow):
    lines = ["# tshark conformance report", ""]
    for result in results:
        lines.append(f"## {result.file}")
        lines.append(_file_line(result))
        if result.tshark_malformed:
            lines.append(f"tshark malformed frames: {result.tshark_malformed[:50]}")
        errors = {}
        for frame, error in result.our_errors:
            errors.setdefault(error, []).append(frame)
        for error, frames in errors.items():
            lines.append(f"kismet-dissect error in {len(frames)} frame(s), e.g. {frames[:10]}: {error}")
        lines += describe_classes([result], only_failed=False, examples=10)
        lines.append("")
    unused = allow.unused({r.file for r in results})
    if unused:
        lines.append("## Allow-list entries that matched nothing")
        lines += [f"  {e['file']} {e['field']} {e['frames']}" for e in unused]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def _file_line(result):
    if result.harness_error:
        return f"FAIL {result.file}: harness error: {result.harness_error}"
    verdict = "PASS" if result.passed else "FAIL"
    return (f"{verdict} {result.file}: packets tshark={result.packets_tshark} ours={result.packets_ours}, "
            f"{result.comparisons} field comparisons, {result.agreed} agree, {len(result.allowed)} allowed, "
            f"{len(result.failed)} differ")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dissect", required=True, help="path of the kismet-dissect program")
    parser.add_argument("--captures", required=True, help="folder of capture files")
    parser.add_argument("--report", help="write every disagreement, grouped, to this file")
    parser.add_argument("--allow", help="allow list (default: known_differences.json next to this script)")
    parser.add_argument("--tshark", default="tshark", help="tshark program (default: from PATH)")
    parser.add_argument("--only", action="append", default=[], help="compare only captures whose name contains this")
    parser.add_argument("--jobs", type=int, default=2, help="files compared in parallel")
    parser.add_argument("--examples", type=int, default=3, help="example frames printed per failing class")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per tool and file")
    args = parser.parse_args(argv)

    if not os.path.isdir(args.captures):
        print(f"skipped: captures folder {args.captures} not found")
        return 0
    tshark = shutil.which(args.tshark)
    if not tshark:
        print(f"skipped: {args.tshark} not found")
        return 0
    here = os.path.dirname(os.path.abspath(__file__))
    allow_path = args.allow or os.path.join(here, "known_differences.json")
    docs_path = os.path.join(here, "..", "..", "docs", "compatibility.md")
    try:
        docs_text = open(docs_path, encoding="utf-8").read() if os.path.exists(docs_path) else None
        allow = AllowList.load(allow_path, docs_text) if os.path.exists(allow_path) else AllowList([])
    except (OSError, ValueError, KeyError) as error:
        print(f"error: bad allow list: {error}")
        return 2
    if not os.access(args.dissect, os.X_OK):
        print(f"error: {args.dissect} is not an executable program")
        return 2

    captures = [p for p in find_captures(args.captures)
                if not args.only or any(part in os.path.basename(p) for part in args.only)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda p: run_file(p, args.dissect, tshark, allow, args.timeout), captures))

    for result in results:
        print(_file_line(result))
    failing = describe_classes(results, only_failed=True, examples=args.examples)
    if failing:
        print("\nDisagreements not in the allow list:")
        print("\n".join(failing))
    for entry in allow.unused({r.file for r in results}):
        print(f"note: allow-list entry matched nothing: {entry['file']} {entry['field']} {entry['frames']}")
    if args.report:
        write_report(args.report, results, allow)
    passed = sum(1 for r in results if r.passed)
    comparisons = sum(r.comparisons for r in results)
    agreed = sum(r.agreed for r in results)
    allowed = sum(len(r.allowed) for r in results)
    print(f"\nfield comparisons: {comparisons}, agree {agreed}, allowed {allowed}, "
          f"differ {comparisons - agreed - allowed}")
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
