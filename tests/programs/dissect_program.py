"""What the program tests share: their command line, running the program under test, and their files."""
import argparse
import os
import shutil
import subprocess
import sys
import unittest

_args = None


def run(*args, timeout=300):
    """Runs the program under test with `args` as a user would, capturing its output."""
    return subprocess.run([_args.program, *args], capture_output=True, text=True, timeout=timeout)


def shared(name):
    """A capture of ../shared/captures; the test is skipped when it is absent."""
    path = os.path.join(_args.captures, name)
    if not os.path.exists(path):
        raise unittest.SkipTest(f"{path} is absent")
    return path


def work_path(name):
    """A path in the test's own scratch folder (made on first use, emptied when the run starts)."""
    os.makedirs(_args.work, exist_ok=True)
    return os.path.join(_args.work, name)


def log_of(name, *captures):
    """A new kismetdb log of `captures` in the scratch folder, made by the program under test (kismetdb) with
    from-capture."""
    log = work_path(name)
    result = run("from-capture", "-o", log, *captures)
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return log


def main():
    """Parses --program (or --dissect), --captures and --work, empties the scratch folder, and runs the caller's
    test cases."""
    global _args
    parser = argparse.ArgumentParser()
    parser.add_argument("--program", "--dissect", dest="program", required=True)
    parser.add_argument("--captures", required=True)
    parser.add_argument("--work", required=True)
    _args, rest = parser.parse_known_args()
    shutil.rmtree(_args.work, ignore_errors=True)
    unittest.main(module="__main__", argv=[sys.argv[0], *rest], verbosity=2)
