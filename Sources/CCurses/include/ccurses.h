// A thin C shim over ncursesw for what Swift cannot import or use easily: macros (COLOR_PAIR,
// A_BOLD, KEY_F(n), getmaxyx), the wide-character calls that need cchar_t, and the global
// restore-on-exit state that signal handlers must reach.
#ifndef JIXIAO_CCURSES_H
#define JIXIAO_CCURSES_H

// The target's cSettings define these for the C file; Swift's importer does not see them, so
// define them here too, so that both see the same (wide-character) curses declarations.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: Locale

/// setlocale(LC_ALL, ""); if the character set is then not UTF-8, falls back to LC_CTYPE
/// "C.UTF-8" (then "en_US.UTF-8"). Returns 1 if the character set ends up UTF-8, else 0.
int jx_setup_locale(void);

/// wcwidth() from the C library, evaluated under a UTF-8 LC_CTYPE (a private locale object, so
/// the process locale is not changed and this works before any setup).
int jx_wcwidth(wchar_t c);

// MARK: Screen lifetime

/// newterm(NULL, stdout, stdin) (which, unlike initscr, returns on failure), then raw, noecho,
/// nonl, keypad(stdscr, TRUE), set_escdelay(escdelay). Returns 0, or -1 if stdin/stdout is not a
/// terminal, or -2 if curses could not start (unknown $TERM, ...).
int jx_start(int escdelay);

/// Whether jx_start succeeded and jx_restore has not run since.
int jx_is_active(void);

/// Idempotent: turns bracketed paste off (if on), endwin(), frees the screen.
void jx_restore(void);

/// Installs, once, an atexit handler and handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT (which
/// restore the terminal and exit with the signal) and for SIGABRT, SIGSEGV, SIGBUS, SIGILL,
/// SIGFPE, SIGTRAP (which restore the terminal and let the previous handler or default action
/// run, so crash reports still appear, on a usable terminal). Signals that were ignored stay
/// ignored.
void jx_install_restore_handlers(void);

/// From now on SIGINT, SIGTERM, SIGHUP and SIGQUIT are only noted and wake jx_wait_input:
/// the program then saves what it must and calls jx_die_of. Returns the read end of the wake
/// pipe, or -1 (the signals then end the process at once, as before).
int jx_defer_termination(void);

/// The termination signal noted since jx_defer_termination, or 0.
int jx_pending_termination(void);

/// Restores the terminal and ends the process with `sig`, as its default action would.
__attribute__((noreturn)) void jx_die_of(int sig);

/// Waits at most `milliseconds` (negative: no limit) for standard input to become readable
/// or a deferred signal to arrive: 1 input (or another signal interrupted the wait), 0 time
/// out, 2 a termination signal is pending.
int jx_wait_input(int milliseconds);

/// Writes "\e[?2004h" / "\e[?2004l" straight to the terminal.
void jx_set_bracketed_paste(int on);

/// Leaves curses mode, stops the process (as Ctrl-Z would in a shell), and on resumption
/// returns to curses mode with the whole screen marked for redrawing.
void jx_suspend(void);

// MARK: Screen

void jx_screen_size(int *rows, int *cols);
int jx_sync_size(void);
void jx_erase(void);
/// clearok(curscr): the next refresh clears the real screen and repaints it all.
void jx_clear_on_next_refresh(void);
void jx_refresh(void);
/// Moves the real cursor (after the next refresh) to (y, x).
void jx_move(int y, int x);
/// curs_set(visibility); returns the previous visibility, or -1 if unsupported.
int jx_cursor_visibility(int visibility);

// MARK: Attributes and colour

unsigned int jx_attr_normal(void);
unsigned int jx_attr_bold(void);
unsigned int jx_attr_reverse(void);
unsigned int jx_attr_underline(void);
/// COLOR_PAIR(n) as an attribute (for APIs that take the pair inside the attributes).
unsigned int jx_color_pair(int pair);

int jx_has_colors(void);
/// start_color(); returns 0 on success.
int jx_start_color(void);
/// use_default_colors(); returns 0 if colour -1 (the terminal's default) may be used.
int jx_use_default_colors(void);
int jx_colors(void);
int jx_color_pairs(void);
/// init_pair(pair, fg, bg); colours are COLOR_* numbers or -1 for the default. Returns 0 on success.
int jx_init_pair(int pair, int foreground, int background);

// MARK: Drawing

/// Draws one grapheme (a spacing character followed by up to CCHARW_MAX-1 combining ones) at
/// (y, x) with setcchar + mvadd_wch. The cluster stops at the first following character that is
/// not zero-width; if curses refuses it, the first character is drawn alone. Returns 0 on
/// success; -1 if nothing was drawn because the C library finds the first character unprintable
/// (wcwidth < 0: the caller should substitute something); -2 if mvadd_wch failed (as at the
/// bottom-right corner, where curses still draws the character but cannot advance the cursor).
int jx_put_wide(int y, int x, const wchar_t *chars, int count, unsigned int attrs, int pair);
/// Draws one ASCII character at (y, x) with attributes and a colour pair (0, or -2 as above).
int jx_put_ascii(int y, int x, int ch, unsigned int attrs, int pair);

// MARK: Input

enum {
    JX_INPUT_NONE = -1,  // ERR: nothing within the timeout
    JX_INPUT_CHAR = 0,   // OK: value is a character (control characters included)
    JX_INPUT_KEY = 1,    // KEY_CODE_YES: value is a KEY_* code
};

/// timeout(ms) on stdscr: < 0 blocks, 0 does not wait.
void jx_set_timeout(int milliseconds);
/// wget_wch on stdscr: returns JX_INPUT_* and stores the character or key code in *value.
int jx_get_wch(unsigned int *value);

enum {
    JX_KEY_CODE_YES = KEY_CODE_YES,
    JX_KEY_RESIZE = KEY_RESIZE,
    JX_KEY_UP = KEY_UP,
    JX_KEY_DOWN = KEY_DOWN,
    JX_KEY_LEFT = KEY_LEFT,
    JX_KEY_RIGHT = KEY_RIGHT,
    JX_KEY_HOME = KEY_HOME,
    JX_KEY_END = KEY_END,
    JX_KEY_NPAGE = KEY_NPAGE,
    JX_KEY_PPAGE = KEY_PPAGE,
    JX_KEY_DC = KEY_DC,
    JX_KEY_IC = KEY_IC,
    JX_KEY_BACKSPACE = KEY_BACKSPACE,
    JX_KEY_BTAB = KEY_BTAB,
    JX_KEY_ENTER = KEY_ENTER,
    JX_KEY_FIND = KEY_FIND,
    JX_KEY_SELECT = KEY_SELECT,
    JX_KEY_F0 = KEY_F0,
};

/// KEY_F(n).
int jx_key_f(int n);

/// The key code curses returns for the terminfo key capability `capname` (e.g. "kUP3", xterm's
/// Alt-Up). If the terminal description has the capability but curses has no code for it, or
/// lacks it and `fallback` is given, the string is bound (define_key) to a free code. Returns
/// the code, or -1 if none could be had. Call after jx_start.
int jx_key_for_capability(const char *capname, const char *fallback);

/// The key code for an escape sequence, binding it to a free code if curses has none. Returns
/// -1 if the sequence clashes with (is a prefix of) a known key. Call after jx_start.
int jx_key_for_sequence(const char *sequence);

#ifdef __cplusplus
}
#endif

#endif
