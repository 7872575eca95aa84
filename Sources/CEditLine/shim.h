#ifndef GROUNDWORK_CEDITLINE_SHIM_H
#define GROUNDWORK_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/ioctl.h>
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

#endif
