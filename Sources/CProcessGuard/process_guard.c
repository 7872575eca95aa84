#include "process_guard.h"

#if defined(__linux__)
#include <sys/prctl.h>

int groundwork_set_not_dumpable(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

int groundwork_is_dumpable(void) {
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
}
#else
// Elsewhere RLIMIT_CORE (set from Swift) is what turns core dumps off.
int groundwork_set_not_dumpable(void) { return 0; }
int groundwork_is_dumpable(void) { return -1; }
#endif
