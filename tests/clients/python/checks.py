"""Assertions for the client checks: each one prints a line; finish() gives the exit status."""

import os
from decimal import ROUND_UP, Decimal

# The demo account alice of the README (fixtures/quiet.json and default.json).
ALICE_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
ALICE_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"


def on_grid(value, step, rounding=ROUND_UP):
    """value as a whole number of steps (a tick or a lot), rounded as given."""
    return (value / step).quantize(Decimal(1), rounding=rounding) * step


def demo_credentials():
    return os.environ.get("JEXSIM_API_KEY", ALICE_KEY), os.environ.get("JEXSIM_API_SECRET", ALICE_SECRET)


class Checks:
    def __init__(self, name):
        self.name = name
        self.failed = 0
        self.passed = 0

    def that(self, what, condition, detail=None):
        if condition:
            self.passed += 1
            print(f"  ok    {self.name}: {what}")
        else:
            self.failed += 1
            print(f"  FAIL  {self.name}: {what}: {detail!r}"[:2000])

    def equal(self, what, actual, expected):
        self.that(f"{what} = {expected!r}", actual == expected, f"got {actual!r}")

    def finish(self):
        print(f"{self.name} check: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed or not self.passed else 0
