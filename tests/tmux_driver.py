"""Runs the real `jixiao` binary in a tmux pane: send keys, read the screen.

Each test gets its own tmux server (a socket in its tmp_path), so tests never see each
other's panes and nothing is left running.
"""

import os
import shlex
import subprocess
import time


class Tmux:
    def __init__(self, tmp_path, binary, args, width=80, height=24, env=None):
        self.socket = str(tmp_path / "tmux.sock")
        self.exit_file = tmp_path / "exit-status"
        environment = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        command = (f"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color {environment} "
                   f"{shlex.quote(binary)} {' '.join(shlex.quote(str(a)) for a in args)}; "
                   f"echo $? > {shlex.quote(str(self.exit_file))}; sleep 60")
        self.tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), command)

    def tmux(self, *args):
        return subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True, text=True, check=False)

    def keys(self, *keys):
        """Named keys (Enter, Tab, F2, C-s …), as tmux send-keys takes them."""
        self.tmux("send-keys", "-t", "t", *keys)

    def text(self, s):
        """Literal text, Chinese included, as typed."""
        if s:
            self.tmux("send-keys", "-t", "t", "-l", s)

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "t").stdout

    def wait_for(self, needle, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            s = self.screen()
            if needle in s:
                return s
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} did not appear on the screen:\n{self.screen()}")

    def exit_status(self, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.exit_file.exists() and self.exit_file.read_text().strip():
                return int(self.exit_file.read_text())
            time.sleep(0.05)
        raise AssertionError(f"jixiao did not exit:\n{self.screen()}")

    def close(self):
        self.tmux("kill-server")

    def cursor(self):
        """(x, y, shown) of the terminal's cursor in the pane."""
        out = self.tmux("display-message", "-p", "-t", "t", "#{cursor_x} #{cursor_y} #{cursor_flag}").stdout.split()
        return int(out[0]), int(out[1]), out[2] == "1"

    def column_of(self, needle):
        """(x, y): the display column and line where `needle` first shows (a Chinese
        character takes two columns)."""
        from wcwidth import wcswidth
        for y, line in enumerate(self.screen().splitlines()):
            k = line.find(needle)
            if k >= 0:
                return wcswidth(line[:k]), y
        raise AssertionError(f"{needle!r} is not on the screen:\n{self.screen()}")

    def paste(self, s):
        """Text as a terminal pastes it (bracketed paste), as copied from a spreadsheet."""
        buffer = self.socket + ".paste"
        with open(buffer, "w", encoding="utf-8") as f:
            f.write(s)
        self.tmux("load-buffer", "-b", "jx", buffer)
        self.tmux("paste-buffer", "-p", "-d", "-b", "jx", "-t", "t")
