// wcwidth, newlocale/uselocale and nl_langinfo need X/Open + POSIX.1-2008 declarations on top of
// what the target's cSettings define (_XOPEN_SOURCE_EXTENDED, _DEFAULT_SOURCE).
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "ccurses.h"
#include <sys/ioctl.h>
#include <unistd.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

// MARK: Locale

static int jx_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0);
}

// Only the character type is taken from the environment: it is all that wide-character
// curses needs. Numbers stay in the C locale (a printf of a figure never gets a decimal
// comma), and so do the C library's messages (strerror is our English text); loading the
// other eleven categories took a quarter of a millisecond of every start.
int jx_setup_locale(void) {
    setlocale(LC_CTYPE, "");
    if (jx_codeset_is_utf8()) return 1;
    static const char *const fallbacks[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
    for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
        if (setlocale(LC_CTYPE, fallbacks[i]) != NULL && jx_codeset_is_utf8()) return 1;
    }
    return 0;
}

static pthread_once_t jx_utf8_once = PTHREAD_ONCE_INIT;
static locale_t jx_utf8_locale = (locale_t)0;

static void jx_make_utf8_locale(void) {
    static const char *const names[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
    for (size_t i = 0; i < sizeof names / sizeof names[0] && jx_utf8_locale == (locale_t)0; i++) {
        jx_utf8_locale = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
    }
}

int jx_wcwidth(wchar_t c) {
    pthread_once(&jx_utf8_once, jx_make_utf8_locale);
    if (jx_utf8_locale == (locale_t)0) return wcwidth(c);
    locale_t previous = uselocale(jx_utf8_locale);
    int width = wcwidth(c);
    uselocale(previous);
    return width;
}

// MARK: Screen lifetime

static SCREEN *jx_screen = NULL;
static volatile sig_atomic_t jx_active = 0;
static volatile sig_atomic_t jx_paste_on = 0;

static void jx_write_all(const char *s, size_t n) {
    while (n > 0) {
        ssize_t k = write(STDOUT_FILENO, s, n);
        if (k < 0) {
            if (errno == EINTR) continue;
            return;
        }
        s += k;
        n -= (size_t)k;
    }
}

static const char jx_paste_on_seq[] = "\033[?2004h";
static const char jx_paste_off_seq[] = "\033[?2004l";

void jx_set_bracketed_paste(int on) {
    if (on) {
        jx_write_all(jx_paste_on_seq, sizeof jx_paste_on_seq - 1);
        jx_paste_on = 1;
    } else {
        jx_write_all(jx_paste_off_seq, sizeof jx_paste_off_seq - 1);
        jx_paste_on = 0;
    }
}

int jx_start(int escdelay) {
    if (jx_active) return 0;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) return -1;
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return -2;
    set_term(screen);
    jx_screen = screen;
    raw();    // Ctrl-C, Ctrl-S, Ctrl-Q, Ctrl-Z reach the program as characters
    noecho();
    nonl();   // Enter arrives as 13, Ctrl-J as 10
    keypad(stdscr, TRUE);
    set_escdelay(escdelay);
    jx_active = 1;
    return 0;
}

int jx_is_active(void) { return jx_active ? 1 : 0; }

// Leaves curses mode without freeing anything: safe enough for atexit and signal handlers.
static void jx_leave(void) {
    if (!jx_active) return;
    jx_active = 0;
    if (jx_paste_on) {
        jx_write_all(jx_paste_off_seq, sizeof jx_paste_off_seq - 1);
        jx_paste_on = 0;
    }
    endwin();
}

void jx_restore(void) {
    if (!jx_active) return;
    jx_leave();
    if (jx_screen != NULL) {
        delscreen(jx_screen);
        jx_screen = NULL;
    }
}

void jx_suspend(void) {
    if (!jx_active) return;
    int paste = jx_paste_on;
    if (paste) jx_set_bracketed_paste(0);
    endwin();
    // Stop the whole job as the shell's Ctrl-Z would, with the default action (not curses'
    // own SIGTSTP handler, which would try to leave curses mode again).
    struct sigaction dfl, previous;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTSTP, &dfl, &previous);
    kill(0, SIGTSTP);
    sigaction(SIGTSTP, &previous, NULL);
    // Back: refresh after endwin restores program mode; repaint everything.
    clearok(curscr, TRUE);
    refresh();
    if (paste) jx_set_bracketed_paste(1);
}

// MARK: Restoring on every way out

static struct sigaction jx_previous_actions[NSIG];
static int jx_handlers_installed = 0;

static int jx_is_fault(int sig) {
    switch (sig) {
    case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE:
        return 1;
#if !defined(__x86_64__) && !defined(__i386__)
    case SIGTRAP:  // brk on arm64 does not advance the PC
        return 1;
#endif
    default:
        return 0;
    }
}

static int jx_is_termination(int sig) {
    return sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT;
}

/* A termination signal in the editor is not acted on inside the handler: the handler only
   notes it and wakes the main loop through a pipe (writing one byte is async-signal-safe).
   The main loop then writes the recovery journal, whole and in order, restores the terminal
   and ends the process with the same signal (jx_die_of). A second signal while that is under
   way ends the process at once. */
static volatile sig_atomic_t jx_deferred_signal = 0;
static volatile sig_atomic_t jx_wake_write = -1;
static int jx_wake_read = -1;

static void jx_on_signal(int sig, siginfo_t *info, void *context) {
    (void)context;
    int saved_errno = errno;
    if (jx_is_termination(sig) && jx_wake_write >= 0 && jx_deferred_signal == 0) {
        jx_deferred_signal = sig;
        ssize_t ignored = write(jx_wake_write, "!", 1);
        (void)ignored;
        errno = saved_errno;
        return;
    }
    jx_leave();
    sigaction(sig, &jx_previous_actions[sig], NULL);
    if (jx_is_fault(sig) && info != NULL && info->si_code > 0) {
        // A real fault: returning re-runs the faulting instruction, which now meets the
        // previous handler (the Swift runtime's backtracer, say) or the default action.
        errno = saved_errno;
        return;
    }
    raise(sig);  // SA_NODEFER: delivered now, to the previous disposition
    if (jx_is_termination(sig)) _exit(128 + sig);
    errno = saved_errno;
}

static void jx_at_exit(void) { jx_leave(); }

void jx_install_restore_handlers(void) {
    if (jx_handlers_installed) return;
    jx_handlers_installed = 1;
    atexit(jx_at_exit);
    static const int signals[] = {
        SIGINT, SIGTERM, SIGHUP, SIGQUIT,
        SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP,
    };
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        int sig = signals[i];
        struct sigaction previous;
        if (sigaction(sig, NULL, &previous) != 0) continue;
        if (previous.sa_handler == SIG_IGN && !(previous.sa_flags & SA_SIGINFO)) continue;  // nohup &c.
        jx_previous_actions[sig] = previous;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = jx_on_signal;
        action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        sigaction(sig, &action, NULL);
    }
}

int jx_defer_termination(void) {
    if (jx_wake_read >= 0) return jx_wake_read;
    int fds[2];
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    }
    jx_wake_read = fds[0];
    jx_wake_write = fds[1];
    return jx_wake_read;
}

int jx_pending_termination(void) { return jx_deferred_signal; }

void jx_die_of(int sig) {
    jx_leave();
    if (sig > 0 && sig < NSIG) {
        sigaction(sig, &jx_previous_actions[sig], NULL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        raise(sig);
    }
    _exit(128 + sig);
}

int jx_wait_input(int milliseconds) {
    struct pollfd fds[2];
    fds[0].fd = STDIN_FILENO;
    fds[0].events = POLLIN;
    fds[0].revents = 0;
    fds[1].fd = jx_wake_read;
    fds[1].events = POLLIN;
    fds[1].revents = 0;
    int n = poll(fds, jx_wake_read >= 0 ? 2 : 1, milliseconds);
    if (jx_deferred_signal) return 2;
    if (n < 0) return errno == EINTR ? 1 : 0;  // another signal (a resize): let curses see it
    if (n == 0) return 0;
    return 1;
}

// MARK: Screen

void jx_screen_size(int *rows, int *cols) {
    int r = 0, c = 0;
    if (jx_active) getmaxyx(stdscr, r, c);
    *rows = r;
    *cols = c;
}

/* Asks the terminal itself for its size and tells ncurses if it changed: a resize whose
   SIGWINCH arrived before ncurses listened would otherwise go unnoticed. Returns 1 when the
   size changed. */
int jx_sync_size(void) {
    struct winsize ws;
    if (!jx_active || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return 0;
    if (ws.ws_row == LINES && ws.ws_col == COLS) return 0;
    resizeterm(ws.ws_row, ws.ws_col);
    return 1;
}

void jx_erase(void) { werase(stdscr); }
void jx_clear_on_next_refresh(void) { clearok(curscr, TRUE); }
void jx_refresh(void) { wrefresh(stdscr); }
void jx_move(int y, int x) { wmove(stdscr, y, x); }
int jx_cursor_visibility(int visibility) { return curs_set(visibility); }

// MARK: Attributes and colour

unsigned int jx_attr_normal(void) { return (unsigned int)A_NORMAL; }
unsigned int jx_attr_bold(void) { return (unsigned int)A_BOLD; }
unsigned int jx_attr_reverse(void) { return (unsigned int)A_REVERSE; }
unsigned int jx_attr_underline(void) { return (unsigned int)A_UNDERLINE; }
unsigned int jx_color_pair(int pair) { return (unsigned int)COLOR_PAIR(pair); }

int jx_has_colors(void) { return has_colors() ? 1 : 0; }
int jx_start_color(void) { return start_color() == OK ? 0 : -1; }
int jx_use_default_colors(void) { return use_default_colors() == OK ? 0 : -1; }
int jx_colors(void) { return COLORS; }
int jx_color_pairs(void) { return COLOR_PAIRS; }
int jx_init_pair(int pair, int foreground, int background) {
    return init_pair((short)pair, (short)foreground, (short)background) == OK ? 0 : -1;
}

// MARK: Drawing

int jx_put_wide(int y, int x, const wchar_t *chars, int count, unsigned int attrs, int pair) {
    if (chars == NULL || count <= 0 || chars[0] == 0) return -1;
    if (wcwidth(chars[0]) < 0) return -1;  // curses would show it as ^X or ~@: let the caller substitute
    // A spacing character and the zero-width ones after it (combining marks, ZWJ, variation
    // selectors); a second spacing character would make the terminal and curses disagree
    // about widths, so the cluster stops there.
    wchar_t buffer[CCHARW_MAX + 1];
    int n = 0;
    buffer[n++] = chars[0];
    for (int i = 1; i < count && n < CCHARW_MAX; i++) {
        if (chars[i] == 0 || wcwidth(chars[i]) != 0) break;
        buffer[n++] = chars[i];
    }
    buffer[n] = 0;
    cchar_t cell;
    if (setcchar(&cell, buffer, (attr_t)attrs, (short)pair, NULL) != OK) {
        buffer[1] = 0;
        if (setcchar(&cell, buffer, (attr_t)attrs, (short)pair, NULL) != OK) return -1;
    }
    return mvwadd_wch(stdscr, y, x, &cell) == OK ? 0 : -2;
}

int jx_put_ascii(int y, int x, int ch, unsigned int attrs, int pair) {
    chtype c = (chtype)(unsigned char)ch | (chtype)attrs | (chtype)COLOR_PAIR(pair);
    return mvwaddch(stdscr, y, x, c) == OK ? 0 : -2;
}

// MARK: Input

void jx_set_timeout(int milliseconds) { wtimeout(stdscr, milliseconds); }

int jx_get_wch(unsigned int *value) {
    wint_t ch = 0;
    int result = wget_wch(stdscr, &ch);
    *value = (unsigned int)ch;
    if (result == KEY_CODE_YES) return JX_INPUT_KEY;
    if (result == OK) return JX_INPUT_CHAR;
    return JX_INPUT_NONE;
}

int jx_key_f(int n) { return KEY_F(n); }

int jx_key_for_sequence(const char *sequence) {
    if (sequence == NULL || sequence[0] == 0) return -1;
    int code = key_defined(sequence);
    if (code > 0) return code;
    if (code < 0) return -1;
    // Curses keeps key codes in 16 bits; its own extended keys sit just above KEY_MAX.
    for (int candidate = 0x3000; candidate < 0x7000; candidate++) {
        char *bound = keybound(candidate, 0);
        if (bound != NULL) {
            free(bound);
            continue;
        }
        return define_key(sequence, candidate) == OK ? candidate : -1;
    }
    return -1;
}

int jx_key_for_capability(const char *capname, const char *fallback) {
    const char *sequence = NULL;
    if (capname != NULL) {
        char *s = tigetstr(capname);
        if (s != NULL && s != (char *)-1 && s[0] != 0) sequence = s;
    }
    if (sequence == NULL) sequence = fallback;
    return jx_key_for_sequence(sequence);
}
