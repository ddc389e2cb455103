"""Runs the real `jixiao` editor in a pseudo-terminal of its own, without tmux: for tests
that start several editors at the same moment, or as another user (setpriv)."""

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time


class PtyEditor:
    def __init__(self, argv, env, rows=24, cols=80, umask=None):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = dict(env, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")

        def child_setup():
            if umask is not None:
                os.umask(umask)

        self.proc = subprocess.Popen([str(a) for a in argv], stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True, preexec_fn=child_setup)
        os.close(slave)
        self.master = master
        self.seen = b""

    def pump(self, timeout=0.05):
        if select.select([self.master], [], [], timeout)[0]:
            try:
                self.seen += os.read(self.master, 65536)
            except OSError:
                pass

    def wait_for(self, needle, timeout=20):
        """True once `needle` has been written to the terminal."""
        b = needle.encode()
        deadline = time.time() + timeout
        while time.time() < deadline:
            if b in self.seen:
                return True
            self.pump()
        return b in self.seen

    def has(self, needle):
        return needle.encode() in self.seen

    def send(self, data):
        os.write(self.master, data.encode() if isinstance(data, str) else data)

    def close(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait(timeout=10)
        try:
            os.close(self.master)
        except OSError:
            pass
