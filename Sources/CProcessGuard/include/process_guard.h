// Process-wide protections the executable sets up first (issue 12): no core dumps, which would
// hold decrypted answers and the passphrase. prctl is variadic, so Swift cannot call it directly.
#ifndef GROUNDWORK_PROCESS_GUARD_H
#define GROUNDWORK_PROCESS_GUARD_H

/// Marks the process not dumpable (Linux: prctl(PR_SET_DUMPABLE, 0)): no core file, and no ptrace
/// or /proc/PID/mem access by other processes of the same user. 0 on success, -1 with errno set;
/// 0 where the call does not exist.
int groundwork_set_not_dumpable(void);

/// 1 when the process may dump core (Linux: prctl(PR_GET_DUMPABLE)), 0 when not, -1 on failure.
int groundwork_is_dumpable(void);

#endif
