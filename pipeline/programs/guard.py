"""Runs one LibreOffice converter (unoserver) and ends it when praksis ends.

Started by the converter pool with the LibreOffice Python (it imports nothing from praksis):

    python guard.py <praksis pid> -- -m unoserver.server …

Each converter runs in a session of its own, so that a hung LibreOffice can be killed as a
group without touching praksis. The price is that nothing ends it when praksis is killed
with SIGKILL: this guard polls its parent once a second and, when praksis is gone (or when
told to stop with SIGTERM), stops unoserver and kills what is left of the group.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time


def main() -> int:
    parent = int(sys.argv[1])
    command = sys.argv[sys.argv.index("--") + 1:]
    child = subprocess.Popen([sys.executable, *command])

    def stop(*_: object) -> None:
        if child.poll() is None:
            child.terminate()  # SIGTERM to unoserver itself; it stops LibreOffice
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        os.killpg(os.getpgrp(), signal.SIGKILL)  # a soffice left behind, and this guard

    signal.signal(signal.SIGTERM, stop)
    while child.poll() is None:
        if os.getppid() != parent:  # praksis is gone: we were handed to init
            stop()
        time.sleep(1)
    return child.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
