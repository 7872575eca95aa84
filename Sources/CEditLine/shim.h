#ifndef GROUNDWORK_CEDITLINE_SHIM_H
#define GROUNDWORK_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <errno.h>
#include <editline/readline.h>
#include <histedit.h>

/* Swift 6 rejects references to C global variables; these wrappers are the only way in. */

/* Set by the SIGINT handler; the only way to tell Ctrl-C from Ctrl-D after readline returns NULL. */
static volatile sig_atomic_t gw_sigint_seen = 0;

static void gw_on_sigint(int signo) { (void)signo; gw_sigint_seen = 1; }

/* Installs the SIGINT handler without SA_RESTART, so the read inside readline fails with EINTR. */
static inline void gw_install_sigint_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = gw_on_sigint;
    sigaction(SIGINT, &action, NULL);
}

/* Returns 1 and clears the flag when SIGINT arrived since the last call. */
static inline int gw_take_sigint(void) {
    int seen = gw_sigint_seen;
    gw_sigint_seen = 0;
    return seen;
}

/* Columns of the terminal on fd, or 0 when fd is not a terminal or the size is unknown. */
static inline int gw_window_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

static inline void gw_set_completion_function(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

/* Completion replaces the whole line (option labels hold spaces), with nothing appended. */
static inline void gw_configure_completion(void) {
    rl_completion_append_character = '\0';
    rl_completer_word_break_characters = (char *)"\n";
    rl_basic_word_break_characters = "\n";
}

/* Tells readline not to fall back to file-name completion. */
static inline void gw_completion_over(void) { rl_attempted_completion_over = 1; }

/* A literal: libedit keeps the pointer, so a Swift string's temporary buffer would dangle. */
static inline void gw_set_readline_name(void) { rl_readline_name = "groundwork"; }

/* Idle ticks while readline waits: libedit reads keys through rl_getc_function, which waits here
   with a one-second timeout and calls the tick between keys. A tick returning non-zero ends the read
   (readline returns NULL: the caller knows why). NULL: wait for keys without ticking. */
typedef int (*gw_tick_function)(void);
static gw_tick_function gw_tick = NULL;
/* Bytes received since the read began: an upper bound on the width of what is typed (libedit's
   readline layer does not update rl_line_buffer until the line is done). */
static volatile int gw_typed = 0;

/* A second descriptor to wait on (a pipe a hosted room writes to when something happened): a
   byte there runs the tick at once instead of at the next second. -1: none. */
static int gw_wake_fd = -1;

static inline void gw_set_tick(gw_tick_function tick) { gw_tick = tick; gw_typed = 0; }
static inline void gw_set_wake(int fd) { gw_wake_fd = fd; }
static inline int gw_typed_bytes(void) { return gw_typed; }

static inline int gw_read_byte(unsigned char *byte) {
    for (;;) {
        ssize_t count = read(fileno(rl_instream ? rl_instream : stdin), byte, 1);
        if (count == 1) return 1;
        if (count < 0 && errno == EINTR && !gw_sigint_seen) continue;
        return 0;
    }
}

/* libedit's readline layer turns each value rl_getc_function returns into one wide character, so
   UTF-8 is decoded here: a key is returned as its code point. EOF on Ctrl-C (the handler's flag),
   end of input, or a tick that asks to stop; a window resize (EINTR without the flag) waits on. */
static int gw_getc(FILE *stream) {
    (void)stream;
    int fd = fileno(rl_instream ? rl_instream : stdin);
    for (;;) {
        struct pollfd pollers[2] = { { fd, POLLIN, 0 }, { gw_wake_fd, POLLIN, 0 } };
        int watched = (gw_tick && gw_wake_fd >= 0) ? 2 : 1;
        int ready = poll(pollers, watched, gw_tick ? 1000 : -1);
        if (ready > 0 && watched == 2 && (pollers[1].revents & POLLIN) && !(pollers[0].revents & (POLLIN | POLLHUP))) {
            unsigned char drained[64];
            (void)read(gw_wake_fd, drained, sizeof drained);
            ready = 0;
        }
        if (ready == 0) {
            if (gw_tick && gw_tick() != 0) return EOF;
            continue;
        }
        if (ready < 0) {
            if (errno == EINTR && !gw_sigint_seen) continue;
            return EOF;
        }
        unsigned char lead;
        if (!gw_read_byte(&lead)) return EOF;
        /* An escape sequence (history recall, a moved cursor) or Tab (completion) can put any
           amount of text on the line: from then on it may not fit on one row. */
        gw_typed += (lead == 27 || lead == 9) ? 100000 : 1;
        int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
        if (length == 1) return lead < 0x80 ? lead : 0xFFFD;
        int value = lead & (0x7F >> length);
        for (int index = 1; index < length; index++) {
            unsigned char next;
            if (!gw_read_byte(&next)) return EOF;
            if ((next & 0xC0) != 0x80) return 0xFFFD;
            value = (value << 6) | (next & 0x3F);
        }
        return value;
    }
}

static inline void gw_install_getc(void) { rl_getc_function = gw_getc; }

#endif
